// bench:retention — N signals (default 1,000,000) received over 13 months in one PostgreSQL
// database, with their states, cases for half of them and batch results pointing at some; then one
// retention run when exactly the oldest month is due (signals never picked up, 6 months after
// receipt). Prints the run's time, the rows it removed, and how long other work was held up: a
// probe connection that every few ms reads a signal and inserts one (rolled back), and a sampler
// that watches pg_locks for an ACCESS EXCLUSIVE lock on signals.
//   npm run bench:retention [-- --count 1000000 --months 13]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { createAppDeps } from '../src/app-deps.ts';
import { seedOrganisations } from '../src/app/seed/seed-demo.ts';
import { applyRetention } from '../src/app/privacy/apply-retention.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { DB } from '../src/db/schema.ts';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, months: { type: 'string', default: '13' } } });
const count = Number(args.count);
const months = Number(args.months);
const MUNICIPALITIES = ['GM0363', 'GM0599', 'GM0518', 'GM0344'];

/** Month-closing maintenance, where the code under test has it (before partitioning it does not). */
type CloseMonth = (db: Kysely<DB>, now: Date) => Promise<unknown>;
const partitions = await import('../src/db/repositories/signal-partitions.ts' as string).catch(() => null);
const closeMonth = (partitions?.closeSignalMonth as CloseMonth | undefined) ?? null;

console.log(`bench:retention — ${machineLine()}`);
console.log(`code: ${closeMonth ? 'signals partitioned by month of receipt' : 'signals in one table (no partitions)'}`);
const url = await freshDatabase('vs_bench_retention');
const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
// The data lies in the future (months after the real one), so that month partitions opened by the
// migration's month come before it; the run's clock is set after it.
const base = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1));
const monthStart = (i: number) => new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + i, 1));
let clock = monthStart(0);
const { deps, registers } = await createAppDeps(database, { now: () => clock });
await seedOrganisations(deps, registers);
const db = deps.db;
const hasReferences = (await sql<{ t: string | null }>`select to_regclass('signal_references')::text as t`.execute(db)).rows[0]!.t !== null;

const t0 = performance.now();
const perMonth = Math.ceil(count / months);
/** The longest month-closing (it holds ACCESS EXCLUSIVE on signals while it checks the closing month's ids). */
let worstCloseMs = 0;
for (let m = 0; m < months; m++) {
  clock = new Date(monthStart(m).getTime() + 3_600_000);
  if (closeMonth) {
    const tc = performance.now();
    await closeMonth(db, clock);
    worstCloseMs = Math.max(worstCloseMs, performance.now() - tc);
  }
  const n = Math.min(perMonth, count - m * perMonth);
  const from = monthStart(m).getTime() / 1000 + 7200;
  const span = (monthStart(m + 1).getTime() - monthStart(m).getTime()) / 1000 - 14_400;
  await db.transaction().execute(async (trx) => {
    const batch = (await sql<{ id: string }>`insert into batches (organisation_id, format, status, created_by, created_at)
      values ('demo-woningcorporatie', 'csv', 'completed', 'bench', ${monthStart(m)}) returning id::text as id`.execute(trx)).rows[0]!.id;
    // Set-based rows with the real columns; ids in order of receipt, as intake hands them out.
    await sql`insert into signals (id, sender_org_id, reference, content_hash, signal_type, signal_date, municipality_code, creditor_org_id,
        amount_cents, subject_pseudonym, surname, street, house_number, postcode, city, regulation_version, rule_id, address_key, surname_key, received_at)
      select nextval('signals_id_seq'), 'demo-woningcorporatie', 'm' || ${m}::int || '-' || g, md5(g::text), 'rent',
        (to_timestamp(${from}::float8 + g * ${span / n}::float8) - interval '20 days')::date,
        (${MUNICIPALITIES}::text[])[1 + g % 4], 'demo-woningcorporatie', 50000 + g % 1000, md5('s' || g),
        'Bench', 'Benchstraat', (g % 200)::text, lpad(((1000 + g / 200) % 9000 + 1000)::text, 4, '0') || 'AB', 'Stad', '2023', 'rent-2023',
        'm' || ${m}::int || '|' || (g / 2)::text, 'bench', to_timestamp(${from}::float8 + g * ${span / n}::float8)
      from generate_series(0, ${n - 1}) g`.execute(trx);
    const range = await sql<{ lo: string; hi: string }>`select min(id)::text as lo, max(id)::text as hi from signals where reference like ${`m${m}-%`} and sender_org_id = 'demo-woningcorporatie'`.execute(trx);
    const { lo, hi } = range.rows[0]!;
    if (hasReferences)
      await sql`insert into signal_references (sender_org_id, reference, signal_id) select sender_org_id, reference, id from signals where id between ${lo} and ${hi}`.execute(trx);
    // Half the signals are in a case (two signals per household), never picked up: they go with their last signal.
    await sql`insert into cases (municipality_code, address_key, first_signal_date, last_signal_date, matching_date, matching_period_start, matching_period_end, deadline, signal_count, opened_at)
      select municipality_code, address_key, min(signal_date), max(signal_date), max(signal_date), min(signal_date), max(signal_date), max(signal_date) + 28, count(*), max(received_at)
      from signals where id between ${lo} and ${hi} and (id % 4) in (0, 1) group by municipality_code, address_key`.execute(trx);
    await sql`insert into signal_states (signal_id, municipality_code, address_key, signal_date, signal_type, creditor_org_id, amount_cents, crisis, surname_key, status, case_id, matched_at)
      select s.id, s.municipality_code, s.address_key, s.signal_date, s.signal_type, s.creditor_org_id, s.amount_cents, false, s.surname_key, 'Nog niet opgepakt', c.id,
        case when c.id is null then null else s.received_at end
      from signals s left join cases c on (s.id % 4) in (0, 1) and c.municipality_code = s.municipality_code and c.address_key = s.address_key and c.opened_at >= ${monthStart(m)}
      where s.id between ${lo} and ${hi}`.execute(trx);
    // One percent of the signals were sent again: batch results (duplicates) that point at them.
    await sql`insert into batch_rows (batch_id, row_no, reference, outcome, signal_id)
      select ${batch}::uuid, row_number() over (order by id)::int, reference, 'duplicate', id from signals where id between ${lo} and ${hi} and id % 100 = 7`.execute(trx);
  });
}
await sql`analyze`.execute(db);
const counts = async () =>
  (
    await sql<{ signals: number; states: number; cases: number; batch_rows: number }>`select
      (select count(*)::int from signals) as signals, (select count(*)::int from signal_states) as states,
      (select count(*)::int from cases) as cases, (select count(*)::int from batch_rows) as batch_rows`.execute(db)
  ).rows[0]!;
const partitionCount = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_inherits where inhparent = 'signals'::regclass`.execute(db)).rows[0]!.n;
const partitionsBefore = await partitionCount();
const before = await counts();
console.log(`data: ${before.signals} signals over ${months} months, ${before.cases} cases, ${before.batch_rows} batch rows (${((performance.now() - t0) / 1000).toFixed(1)} s to build)`);
if (closeMonth) console.log(`closing a month of ${perMonth} signals: worst ${worstCloseMs.toFixed(0)} ms`);

// Probes on their own connections, running all through the retention run.
const probe = new pg.Client({ connectionString: url });
const sampler = new pg.Client({ connectionString: url });
await Promise.all([probe.connect(), sampler.connect()]);
const recent = (await sql<{ id: string }>`select max(id)::text as id from signals`.execute(db)).rows[0]!.id;
let running = true;
let worstProbeMs = 0;
let probes = 0;
let slowProbes = 0;
const probeLoop = (async () => {
  for (let i = 0; running; i++) {
    const t = performance.now();
    await probe.query('select id from signals where id = $1', [recent]);
    await probe.query('begin');
    await probe.query(
      `insert into signals (sender_org_id, reference, content_hash, signal_type, signal_date, municipality_code, creditor_org_id, subject_pseudonym, regulation_version, rule_id, address_key)
       values ('bench-probe', $1, 'x', 'rent', current_date, 'GM0363', 'bench-probe', 'x', '2023', 'rent-2023', 'probe')`,
      [`probe-${i}`],
    );
    await probe.query('rollback');
    const ms = performance.now() - t;
    probes++;
    if (ms > worstProbeMs) worstProbeMs = ms;
    if (ms > 100) slowProbes++;
    await new Promise((r) => setTimeout(r, 5));
  }
})();
let exclusiveMs = 0;
let waitingMs = 0;
const samplerLoop = (async () => {
  let last = performance.now();
  while (running) {
    const r = await sampler.query<{ x: boolean; w: boolean }>(`select
        exists (select 1 from pg_locks where locktype = 'relation' and relation in ('signals'::regclass, 'signal_states'::regclass) and mode = 'AccessExclusiveLock' and granted) as x,
        exists (select 1 from pg_locks where locktype = 'relation' and relation in ('signals'::regclass, 'signal_states'::regclass) and not granted) as w`);
    const now = performance.now();
    if (r.rows[0]!.x) exclusiveMs += now - last;
    if (r.rows[0]!.w) waitingMs += now - last;
    last = now;
    await new Promise((res) => setTimeout(res, 2));
  }
})();
await new Promise((r) => setTimeout(r, 200));

// Exactly the oldest month is due: 6 months (the default for signals never picked up) after the
// start of the second month, plus an hour.
clock = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 1 + 6, 1, 1));
const t1 = performance.now();
const result = await applyRetention(deps, systemContext('platform-beheer', 'bench-retention', 'job'));
const seconds = (performance.now() - t1) / 1000;
running = false;
await Promise.all([probeLoop, samplerLoop]);
await Promise.all([probe.end(), sampler.end()]);
const after = await counts();
const unpicked = result.municipalities.reduce((n, m) => n + m.unpickedSignals, 0);
const cases = result.municipalities.reduce((n, m) => n + m.cases, 0);
console.log(`retention run: ${seconds.toFixed(2)} s; removed ${before.signals - after.signals} signals (reported ${unpicked}), ${before.states - after.states} states, ${before.cases - after.cases} cases (reported ${cases}), ${before.batch_rows - after.batch_rows} batch rows`);
console.log(`lock: ACCESS EXCLUSIVE on signals/signal_states seen for ${exclusiveMs.toFixed(0)} ms; lock waits on them seen for ${waitingMs.toFixed(0)} ms`);
console.log(`probe (read + insert a signal every ~5 ms): ${probes} probes, worst ${worstProbeMs.toFixed(0)} ms, ${slowProbes} over 100 ms`);
console.log(`partitions of signals: ${partitionsBefore} before, ${await partitionCount()} after`);
const tombstones = await sql<{ n: number }>`select count(*)::int as n from deletion_log`.execute(db);
console.log(`tombstones: ${tombstones.rows[0]!.n}`);
await database.close();
