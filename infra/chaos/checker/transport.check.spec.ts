import type { ServiceTable } from '../history';
import { checkHistory } from './history-checker';
import { buildHistory, healthyScenario, ids } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

function tableOf<T extends ServiceTable['table']>(run: ReturnType<typeof healthyScenario>, name: T): Extract<ServiceTable, { table: T }> {
  const table = run.tables.find((candidate): candidate is Extract<ServiceTable, { table: T }> => candidate.table === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}

describe('transport: bookings, capacity and transfers', () => {
  it('R9: holds when each person is booked once, movements are within capacity and each person transferred once', () => {
    const result = checkHistory(buildHistory(healthyScenario()));
    expect(invariantOf(result, 'booking-once').violations).toBe(0);
    expect(invariantOf(result, 'movement-capacity').violations).toBe(0);
    expect(invariantOf(result, 'transfer-once').violations).toBe(0);
  });

  it('R9: names a person booked twice on one movement', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.bookings').rows.push({ movementId: ids.movement, personId: ids.personOne, caseId: ids.caseOne, status: 'booked' });
    tableOf(run, 'transport.movements').rows[0]!.bookedCount = 2;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'booking-once': 1 });
    expect(invariantOf(result, 'booking-once')).toMatchObject({ rule: 'R9', examples: [`${ids.movement}: ${ids.personOne} booked 2 times`] });
  });

  it('R9: a cancelled booking and a new one are not a double booking', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.bookings').rows.push({ movementId: ids.movement, personId: ids.personOne, caseId: ids.caseOne, status: 'cancelled' });
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});
  });

  it('R9: names a movement whose booking rows exceed its capacity, though its own count says otherwise', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.movements').rows[0]!.capacity = 1;
    tableOf(run, 'transport.bookings').rows.push({ movementId: ids.movement, personId: ids.personTwo, caseId: ids.caseTwo, status: 'booked' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'movement-capacity': 1 });
    expect(invariantOf(result, 'movement-capacity').examples).toEqual([`${ids.movement}: 2 bookings (movement counts 1) for capacity 1`]);
  });

  it('R9: names a movement whose own count is over its capacity', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.movements').rows[0]!.bookedCount = 21;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'movement-capacity': 1 });
    expect(invariantOf(result, 'movement-capacity').examples).toEqual([`${ids.movement}: 1 bookings (movement counts 21) for capacity 20`]);
  });

  it('R9: names bookings on a movement transport does not hold', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.bookings').rows.push({ movementId: 'mov_01JCHAOS00000000GONE', personId: ids.personTwo, caseId: ids.caseTwo, status: 'booked' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'movement-capacity': 1 });
    expect(invariantOf(result, 'movement-capacity').examples).toEqual(['mov_01JCHAOS00000000GONE: 1 bookings on a movement transport does not hold']);
  });

  it('R9: names a person transferred twice', () => {
    const run = healthyScenario();
    tableOf(run, 'transport.transfers').rows.push({ caseId: ids.caseOne, personId: ids.personOne, movementId: 'mov_01JCHAOS000000000002' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'transfer-once': 1 });
    expect(invariantOf(result, 'transfer-once').examples).toEqual([`${ids.personOne} transferred 2 times`]);
  });
});
