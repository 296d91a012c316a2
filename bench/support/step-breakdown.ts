// Where an API step's time goes.
import { type Client } from '@temporalio/client';
import { DATABASE, type Database } from '@oioo/database';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type CaseworkApi, type Session } from './casework-api';
import { checkScreened, directScreening, freshCases, prepareCases } from './casework-cases';
import { type Measurement, measure } from './measure';

/** Time an API step spent in each part: the Temporal calls the API makes and its database statements, timed where it makes them. */
export interface PartTimes {
  describeMs: number;
  updateMs: number;
  otherRpcMs: number;
  databaseMs: number;
  statements: number;
  rpcs: Set<string>;
}

function noParts(): PartTimes {
  return { describeMs: 0, updateMs: 0, otherRpcMs: 0, databaseMs: 0, statements: 0, rpcs: new Set() };
}

/** What the breakdown found: one at a time call by call, in flight as totals, and the floor of the API layer to read them against. */
export interface Breakdown {
  sequential: (PartTimes & { totalMs: number })[];
  /** A direct Update and a `GET /api/v1/me` after each step one at a time, to read the parts against. */
  directMs: number[];
  meMs: number[];
  concurrent?: { parts: PartTimes; measurement: Measurement };
}

/**
 * API steps with the casework app's own Temporal connection and database timed as they are called (their
 * methods wrapped in place, for these series only). One at a time, each step is followed by the same Update
 * sent straight (the server drifts over a run, so the parts are read against an Update of the same moment)
 * and a `GET /api/v1/me`: HTTP, NestJS and the token check with nothing behind them. In flight, calls overlap, so
 * each part is added up over the series and divided by the calls: means only, which still add up to the
 * mean latency. What the wrapped calls do not account for is the API's own work: HTTP (both ends, in this
 * process), NestJS, the token check, zod, hashing, the payload codec and JSON. `concurrency` is how many
 * calls are in flight in the second series (undefined leaves that series out); `say` prints progress lines.
 */
export async function timeParts(api: CaseworkApi, client: Client, session: Session, calls: number, concurrency: number | undefined, say: (message: string) => void): Promise<Breakdown> {
  const cases = await prepareCases(client, calls);
  const inFlightCases = concurrency !== undefined ? await freshCases(client, calls) : [];
  await session.refresh();
  let sink: PartTimes | undefined;
  const temporal = api.app.get<Client>(TEMPORAL_CLIENT, { strict: false });
  const database = api.app.get<Database>(DATABASE, { strict: false });
  const rpcs = temporal.connection.workflowService as unknown as Record<string, unknown>;
  const restore = [
    ...Object.keys(rpcs).map((method) =>
      timeCalls(rpcs, method, (ms) => {
        if (!sink) return;
        sink.rpcs.add(method);
        if (method === 'describeWorkflowExecution') sink.describeMs += ms;
        else if (method === 'updateWorkflowExecution' || method === 'pollWorkflowExecutionUpdate') sink.updateMs += ms;
        else sink.otherRpcMs += ms;
      }),
    ),
    timeCalls(database as unknown as Record<string, unknown>, 'query', (ms) => {
      if (!sink) return;
      sink.databaseMs += ms;
      sink.statements += 1;
    }),
  ];
  const sequential: Breakdown['sequential'] = [];
  const directMs: number[] = [];
  const meMs: number[] = [];
  let concurrent: Breakdown['concurrent'];
  try {
    say(`API steps part by part, one at a time (${calls}) ...`);
    for (const [index, caseId] of cases.api.entries()) {
      const parts = noParts();
      sink = parts;
      const startedAt = performance.now();
      await api.screen(session.token, caseId);
      sequential.push({ ...parts, totalMs: performance.now() - startedAt });
      sink = undefined;
      const directStartedAt = performance.now();
      await directScreening(client, cases.direct[index] as string);
      directMs.push(performance.now() - directStartedAt);
      const meStartedAt = performance.now();
      await api.me(session.token);
      meMs.push(performance.now() - meStartedAt);
    }
    if (concurrency !== undefined) {
      say(`API steps part by part, ${concurrency} in flight (${calls}) ...`);
      const parts = noParts();
      sink = parts;
      const measurement = await measure(calls, concurrency, (index) => api.screen(session.token, inFlightCases[index] as string));
      concurrent = { parts, measurement };
    }
  } finally {
    sink = undefined;
    for (const undo of restore) undo();
  }
  await checkScreened(client, [...cases.api, ...cases.direct, ...inFlightCases]);
  return { sequential, directMs, meMs, ...(concurrent ? { concurrent } : {}) };
}

/** Wraps `target[method]` so each call's duration is reported; returns what puts the original back. */
function timeCalls(target: Record<string, unknown>, method: string, report: (ms: number) => void): () => void {
  const original = target[method];
  if (typeof original !== 'function') return () => undefined;
  const own = Object.prototype.hasOwnProperty.call(target, method);
  target[method] = async function timed(this: unknown, ...args: unknown[]) {
    const startedAt = performance.now();
    try {
      return await (original as (...callArgs: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      report(performance.now() - startedAt);
    }
  };
  return () => {
    if (own) target[method] = original;
    else delete target[method];
  };
}
