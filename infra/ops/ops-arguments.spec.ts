import { UsageError, parseCommandLine, parseDuration } from './ops-arguments';

const parse = (line: string) => parseCommandLine(line.match(/"[^"]*"|\S+/g)?.map((arg) => arg.replace(/^"|"$/g, '')) ?? []);

describe('the operations command line', () => {
  it('asks for the overview with no verb or --help, and for one verb\'s usage with <verb> --help', () => {
    expect(parse('')).toEqual({ help: {} });
    expect(parse('--help')).toEqual({ help: {} });
    expect(parse('dlq redrive --help')).toEqual({ help: { verb: 'dlq redrive' } });
    expect(parse('bulk cancel -h')).toEqual({ help: { verb: 'bulk cancel' } });
  });

  it('reads stuck with its defaults and durations', () => {
    expect(parse('stuck').invocation).toEqual({ verb: 'stuck', graceMs: 15 * 60_000, activityAfterMs: 10 * 60_000, taskAttempts: 3, limit: 200 });
    expect(parse('stuck --grace 90s --activity-after=2h --task-attempts 5 --as sam --profile test')).toEqual({
      invocation: { verb: 'stuck', graceMs: 90_000, activityAfterMs: 7_200_000, taskAttempts: 5, limit: 200 },
      as: 'sam',
      profile: 'test',
    });
  });

  it('requires a reason and a query for every bulk operation, and keeps --dry-run', () => {
    expect(() => parse('bulk cancel --query "CaseKind = \'eoi\'"')).toThrow(/A --reason is required/);
    expect(() => parse('bulk terminate --reason "bad release"')).toThrow(/A --query is required/);
    expect(() => parse('bulk cancel --query "x = 1" --reason no')).toThrow(/at least 3 characters/);
    expect(parse('bulk cancel --query "CaseKind = \'eoi\'" --reason "pilot closed" --dry-run').invocation).toEqual({ verb: 'bulk.cancel', query: "CaseKind = 'eoi'", reason: 'pilot closed', dryRun: true });
    expect(parse('bulk signal --query q=1 --reason "re-evaluate" --signal legalHoldReleased --input {"reference":"chl_0123456789"}').invocation).toMatchObject({ verb: 'bulk.signal', signal: 'legalHoldReleased', input: { reference: 'chl_0123456789' }, dryRun: false });
    expect(() => parse('bulk signal --query q=1 --reason "re-evaluate"')).toThrow(/A --signal is required/);
    expect(() => parse('bulk signal --query q=1 --reason "re-evaluate" --signal s --input {nope')).toThrow(/--input takes the signal's argument as JSON/);
  });

  it('reads audit verify: every stream by default, or the one --stream names', () => {
    expect(parse('audit verify').invocation).toEqual({ verb: 'audit.verify', streams: ['consultations', 'operations', 'decisions', 'prunings', 'disclosures'] });
    expect(parse('audit verify --stream decisions').invocation).toEqual({ verb: 'audit.verify', streams: ['decisions'] });
    expect(parse('audit verify --stream disclosures').invocation).toEqual({ verb: 'audit.verify', streams: ['disclosures'] });
    expect(() => parse('audit verify --stream staff')).toThrow(/--stream takes one of consultations, operations, decisions, prunings, disclosures/);
    expect(() => parse('audit')).toThrow(/"audit" needs one of: verify/);
  });

  it('reads dlq verbs: the topic without .dlq, one offset or --all with filters, a required reason for redrive', () => {
    expect(parse('dlq list').invocation).toEqual({ verb: 'dlq.list' });
    expect(parse('dlq show --topic legal.challenge.lodged.v1.dlq --offset 7').invocation).toEqual({ verb: 'dlq.show', topic: 'legal.challenge.lodged.v1', offset: '7', limit: 20 });
    expect(parse('dlq redrive --topic legal.challenge.lodged.v1 --all --kind rejected --reason-contains "no booking" --reason "bookings restored" --force').invocation).toEqual({
      verb: 'dlq.redrive',
      topic: 'legal.challenge.lodged.v1',
      all: true,
      kind: 'rejected',
      reasonContains: 'no booking',
      reason: 'bookings restored',
      dryRun: false,
      force: true,
    });
    expect(() => parse('dlq redrive --topic t.x.y.v1 --reason "fixed it"')).toThrow(/Say which dead letters/);
    expect(() => parse('dlq redrive --topic t.x.y.v1 --offset 3 --all --reason "fixed it"')).toThrow(/Say which dead letters/);
    expect(() => parse('dlq redrive --topic t.x.y.v1 --offset 3')).toThrow(/A --reason is required/);
    expect(() => parse('dlq redrive --topic t.x.y.v1 --offset three --reason "fixed it"')).toThrow(/--offset takes a message offset/);
  });

  it('names the verb in every mistake, so its usage can be shown', () => {
    const mistake = (line: string) => {
      try {
        parse(line);
      } catch (error) {
        return error instanceof UsageError ? { message: error.message, verb: error.verb } : error;
      }
      return undefined;
    };
    expect(mistake('stuck --dry-run')).toEqual({ message: 'stuck does not take --dry-run.', verb: 'stuck' });
    expect(mistake('replay --query')).toEqual({ message: '--query needs a value.', verb: 'replay' });
    expect(mistake('replay --query a --query b')).toEqual({ message: '--query is given twice.', verb: 'replay' });
    expect(mistake('dlq')).toEqual({ message: '"dlq" needs one of: list, show, redrive.', verb: 'dlq' });
    expect(mistake('restart everything')).toEqual({ message: 'Unknown verb "restart everything".', verb: undefined });
    expect(mistake('stuck extra')).toEqual({ message: 'Unexpected argument "extra": options start with --.', verb: 'stuck' });
    expect(mistake('stuck --grace soon')).toEqual({ message: '--grace takes a duration such as 90s, 15m, 2h or 1d, not "soon".', verb: 'stuck' });
  });

  it('reads durations in ms, s, m, h and d', () => {
    expect([parseDuration('250ms', 'x'), parseDuration('2s', 'x'), parseDuration('3m', 'x'), parseDuration('1h', 'x'), parseDuration('2d', 'x')]).toEqual([250, 2000, 180_000, 3_600_000, 172_800_000]);
  });
  it('reads subject-access with its person id, defaults and options, and refuses what is not a person id', () => {
    expect(parse('subject-access per_01J9ZQ4X7K3M2N8P6R5T --as audrey').invocation).toEqual({
      verb: 'subject-access',
      personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
      purpose: 'subject access request (right of access)',
      out: '.data/subject-access',
    });
    expect(parse('subject-access --purpose "request DP-17" per_01J9ZQ4X7K3M2N8P6R5T --reference DP-17 --out /tmp/sar').invocation).toEqual({
      verb: 'subject-access',
      personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
      purpose: 'request DP-17',
      reference: 'DP-17',
      out: '/tmp/sar',
    });
    expect(() => parse('subject-access')).toThrow(/subject-access needs the person id/);
    expect(() => parse('subject-access Jane')).toThrow(/"Jane" is not a person id/);
    expect(() => parse('subject-access per_01J9ZQ4X7K3M2N8P6R5T per_01J9ZQ4X7K3M2N8P6R5U')).toThrow(/Unexpected argument/);
  });
});
