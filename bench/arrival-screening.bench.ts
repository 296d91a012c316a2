import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, loadMigrations, openPostgresDatabase, runMigrations } from '@oioo/database';
import { MIGRATIONS_DIR, arrivalEvent, identityServices, openIdentityDatabase, quietLogger, sampleTemplate } from '@oioo/identity/testing';
import { startThrowawayPostgres } from '@oioo/testing';
import { loadNow, machineLine, say } from './support/bench-report';
import { type Measurement, measure, percentile, throughput } from './support/measure';

/** Earlier arrival cases in the register before each series (40,000: a pilot year's arrivals). */
const REGISTER_SIZES = (process.env['BENCH_SCREENING_REGISTER_SIZES'] ?? '1000,10000,40000').split(',').map(Number);
/** Records screened (or checked) per series. */
const CALLS = Number(process.env['BENCH_SCREENING_CALLS'] ?? 100);
/** Checks in the comparison series that scores every template, as the near pass did before the index: slow, so fewer. */
const FULL_SCAN_CALLS = Number(process.env['BENCH_SCREENING_FULL_SCAN_CALLS'] ?? 20);
/** Records in flight at once in the concurrent series: a burst on several partitions. */
const CONCURRENCY = Number(process.env['BENCH_SCREENING_CONCURRENCY'] ?? 4);
/** Checks and screenings before anything is recorded, so the JIT and the connections are warm for the baseline too. */
const WARMUP_CALLS = 5;
const RESULTS_FILE = join(__dirname, 'results', 'arrival-screening.md');

/** Fills the register with ended arrival cases of distinct people, in SQL, their templates in the trigram index (about a minute for 40,000). */
async function seedRegister(db: Database, size: number, prefix: string): Promise<void> {
  await db.exec(`
    INSERT INTO people (id) SELECT '${prefix}per' || g FROM generate_series(1, ${size}) AS g;
    INSERT INTO enrolments (reference, person_id, case_id, context, source_key, template_hash, template, indexed_template, captured_at)
      SELECT '${prefix}enr' || g, '${prefix}per' || g, '${prefix}case' || g, 'arrival', '${prefix}arrival:' || g,
             encode(sha256(convert_to(t, 'UTF8')), 'hex'), t, t, now() - interval '30 days'
      FROM (SELECT g, 'tpl-' || md5('${prefix}' || g) || md5('${prefix}' || (g * 7)) || md5('${prefix}' || (g * 13)) AS t FROM generate_series(1, ${size}) AS g) AS s;
    INSERT INTO irregular_entries (case_id, person_id, enrolment_reference, route, arrived_at)
      SELECT '${prefix}case' || g, '${prefix}per' || g, '${prefix}enr' || g, 'apprehended', now() - interval '30 days' FROM generate_series(1, ${size}) AS g;
    INSERT INTO arrival_screenings (case_id, event_id, person_id, enrolment_reference, re_entry, screened_at, case_opened_at)
      SELECT '${prefix}case' || g, gen_random_uuid(), '${prefix}per' || g, '${prefix}enr' || g, false, now() - interval '30 days', now() - interval '30 days'
      FROM generate_series(1, ${size}) AS g;
  `);
}

/** One row of the results. */
interface Row {
  backend: string;
  registerSize: number;
  series: string;
  measurement: Measurement;
  baseline?: Measurement;
  /** The 1-minute load average when the series ended. */
  load: string;
}

/**
 * The cost of deciding, at intake, whether an arrival record is a new person (R11, one person, one
 * case): screening under identity's advisory lock (two register scans, then an enrolment, an irregular
 * entry and a screening written) against the baseline of the same two scans without lock or writes (the
 * register check), on the same database in the same run; on PGlite, and on PostgreSQL with two pools as
 * two instances would have, where the lock makes concurrent screenings take turns. Last, for comparison,
 * the register check of templates the trigram index cannot answer for (one character outside ASCII), whose
 * near pass scores every template of the register, as every near pass did before the index.
 */
async function main(): Promise<void> {
  const rows: Row[] = [];
  const server = await startThrowawayPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'oioo-bench-pg-')), database: 'bench_screening', log: () => undefined });
  try {
    for (const size of REGISTER_SIZES) {
      const pglite = await openIdentityDatabase();
      const schema = `identity_${size}`;
      const open = () => openPostgresDatabase({ schema, url: server.url, poolMax: 4, logger: quietLogger });
      const first = await open();
      await runMigrations(first, { schema, migrations: loadMigrations(MIGRATIONS_DIR), logger: quietLogger });
      const second = await open();
      try {
        for (const [backend, db, other] of [['PGlite', pglite, pglite], ['PostgreSQL', first, second]] as const) {
          await seedRegister(db, size, `b${size}`);
          say(`${backend}: ${size} earlier cases in the register`);
          const [one, two] = [identityServices(db), identityServices(other)];
          let n = 0;
          const template = () => sampleTemplate(`bench-${backend}-${size}-${(n += 1)}`);
          await measure(WARMUP_CALLS, 1, () => one.checks.check(template()));
          await measure(WARMUP_CALLS, 1, () => one.screening.screen(arrivalEvent({ biometricTemplate: template() })));
          const baseline = await measure(CALLS, 1, () => one.checks.check(template()));
          rows.push({ backend, registerSize: size, series: 'register check (baseline: the same two scans, no lock, no writes)', measurement: baseline, load: loadNow() });
          const sequential = await measure(CALLS, 1, () => one.screening.screen(arrivalEvent({ biometricTemplate: template() })));
          rows.push({ backend, registerSize: size, series: 'screening, one at a time', measurement: sequential, baseline, load: loadNow() });
          // Alternate calls between the two instances' pools, as records on several partitions would arrive.
          const concurrent = await measure(CALLS, CONCURRENCY, (index) => (index % 2 === 0 ? one : two).screening.screen(arrivalEvent({ biometricTemplate: template() })));
          rows.push({ backend, registerSize: size, series: `screening, ${CONCURRENCY} in flight${backend === 'PostgreSQL' ? ' over two pools' : ''}`, measurement: concurrent, baseline, load: loadNow() });
          // A character outside ASCII leaves the probe beyond the index: its near pass is the one before the index, query for query.
          const fullScan = await measure(FULL_SCAN_CALLS, 1, () => one.checks.check(`${template()}é`));
          rows.push({ backend, registerSize: size, series: 'register check, every template scored (the near pass before the index)', measurement: fullScan, baseline, load: loadNow() });
          const opened = await db.query<{ n: string }>(`SELECT count(*) AS n FROM arrival_screenings WHERE case_id NOT LIKE 'b${size}case%'`);
          if (Number(opened.rows[0]?.n) !== CALLS * 2 + WARMUP_CALLS) throw new Error(`${backend}: expected ${CALLS * 2 + WARMUP_CALLS} new cases, found ${opened.rows[0]?.n}`);
          say(
            `${backend}, ${size}: baseline p50 ${percentile(baseline.latenciesMs, 0.5).toFixed(1)} ms, screening p50 ${percentile(sequential.latenciesMs, 0.5).toFixed(1)} ms, ` +
              `every template scored p50 ${percentile(fullScan.latenciesMs, 0.5).toFixed(1)} ms`,
          );
        }
      } finally {
        await Promise.all([pglite.close(), first.close(), second.close()]);
      }
    }
  } finally {
    await server.stop();
  }
  writeFileSync(RESULTS_FILE, report(rows));
  say(`wrote ${RESULTS_FILE}`);
}

function report(rows: readonly Row[]): string {
  const ms = (value: number) => value.toFixed(1);
  const lines = [
    '# Arrival screening: benchmark results',
    '',
    `Written by \`bench/arrival-screening.bench.ts\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}, PGlite in process and a throwaway PostgreSQL 15 on loopback. One run. Each series screens ${CALLS} new people (a template of its own each, matching nobody) against a register of earlier, ended arrival cases, and checks that every one opened a case. The baseline is the register check of the same templates: the same two scans (arrival cases and returns, exact then near, the near pass scoring only the trigram index's candidates), in one transaction, without the advisory lock or any write. The last series of each size is the register check again, ${FULL_SCAN_CALLS} calls, of templates with one character outside ASCII appended, which the trigram index cannot answer for: their near pass scores every template of the register, with the same queries as every near pass before the index. p50 ÷ baseline compares medians within one backend and register size; load is the 1-minute load average as the series ended.`,
    '',
    '| backend | earlier cases | series | calls | calls/s | p50 ms | p95 ms | p99 ms | p50 ÷ baseline | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => {
      const p50 = percentile(row.measurement.latenciesMs, 0.5);
      const ratio = row.baseline ? `${(p50 / percentile(row.baseline.latenciesMs, 0.5)).toFixed(2)}×` : '1×';
      return `| ${row.backend} | ${row.registerSize} | ${row.series} | ${row.measurement.calls} | ${throughput(row.measurement).toFixed(0)} | ${ms(p50)} | ${ms(percentile(row.measurement.latenciesMs, 0.95))} | ${ms(percentile(row.measurement.latenciesMs, 0.99))} | ${ratio} | ${row.load} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
