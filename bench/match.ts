// bench:match — N synthetic signals (default 1,000,000) for one large municipality, from several
// creditors, delivered through the real batch intake on PostgreSQL, then matched into cases
// (households, flags, new-versus-known). Only the matching is timed (target ≤ 15 s for 1 M).
//   npm run bench:match [-- --count 1000000 --municipality GM0363] [--reuse]
// --reuse keeps the ingested database as a template (vs_bench_match_seed_…) and clones it on the next
// run with the same count, municipality and scale: for iterating on matching without the set-up.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { createAppDeps } from '../src/app-deps.ts';
import { seedOrganisations } from '../src/app/seed/seed-demo.ts';
import { importBatch } from '../src/app/intake/import-batch.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    municipality: { type: 'string', default: 'GM0363' },
    scale: { type: 'string', default: '12' },
    reuse: { type: 'boolean', default: false },
  },
});
const count = Number(args.count);
const municipality = args.municipality!;

/** Who sends what, and each feed's share of the signals (roughly the pilots' mix). */
const FEEDS = [
  { sender: 'demo-woningcorporatie', types: 'rent', share: 0.25 },
  { sender: 'demo-energieleverancier', types: 'electricity,gas', share: 0.25 },
  { sender: 'demo-drinkwaterbedrijf', types: 'drinking_water', share: 0.1 },
  { sender: 'demo-zorgverzekeraar', types: 'health_insurance', share: 0.2 },
  { sender: 'belastingen-amsterdam', types: 'municipal_tax', share: 0.15 },
  { sender: 'aegon', types: 'mortgage', share: 0.05 },
];

const DELIVERED_PER_STORED = 1.04;
const TARGET_SECONDS = 15;

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seedName = `vs_bench_match_seed_${count}_${municipality.toLowerCase()}_${args.scale}`;

async function seedExists(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const r = await admin.query('select 1 from pg_database where datname = $1', [seedName]);
  await admin.end();
  return r.rowCount === 1;
}

/**
 * CPU seconds of this database's server processes by pid (read from /proc: the server runs on this
 * machine). With the machine shared, CPU time says more about a change than the wall clock.
 */
async function backendCpu(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const r = await admin.query<{ pid: string }>("select pid::text from pg_stat_activity where datname = 'vs_bench_match' and pid <> pg_backend_pid()");
  await admin.end();
  for (const { pid } of r.rows) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone, or another machine's server
    }
  }
  return out;
}

console.log(`bench:match — ${machineLine()}`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'vs-bench-match-'));
const reused = args.reuse && (await seedExists());
const url = await freshDatabase('vs_bench_match', serverUrl, reused ? seedName : undefined);
let database = await openDatabase({ databaseUrl: url, poolSize: 4 });
const created = await createAppDeps(database, {});
let deps = created.deps;
await seedOrganisations(deps, created.registers);

let stored = 0;
const t0 = performance.now();
for (const feed of reused ? [] : FEEDS) {
  const file = path.join(dir, `${feed.sender}.csv`);
  // The generator writes some deliberately invalid rows (about 3 %) that intake refuses: a little more is
  // delivered so that at least `count` signals are stored and matched.
  const n = Math.ceil(count * feed.share * DELIVERED_PER_STORED);
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/simulation/cli/generate-signals.ts', '--count', String(n), '--format', 'csv', '--out', file,
      '--sender-type', feed.types, '--sender', feed.sender, '--municipality', municipality, '--scale', args.scale!],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (gen.status !== 0) throw new Error(`generating ${feed.sender} failed`);
  const batch = await importBatch(deps, systemContext(feed.sender, 'bench-match'), {
    source: createReadStream(file),
    format: 'csv',
    filename: file,
    maxBytes: 64 * 1024 ** 3,
  });
  stored += batch.rows_accepted;
  console.log(`  ${feed.sender}: ${batch.rows_total} rows delivered, ${batch.rows_accepted} accepted`);
}
if (reused) {
  const r = await sql<{ n: string }>`select count(*)::text as n from signals where municipality_code = ${municipality}`.execute(deps.db);
  stored = Number(r.rows[0]!.n);
  console.log(`set-up: cloned ${seedName}, ${stored} signals stored`);
} else {
  console.log(`set-up (generate + intake, not timed for the target): ${((performance.now() - t0) / 1000).toFixed(1)} s, ${stored} signals stored`);
  if (args.reuse) {
    // A template must have no connections: close, copy, reopen.
    await database.close();
    await freshDatabase(seedName, serverUrl, 'vs_bench_match');
    database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    ({ deps } = await createAppDeps(database, {}));
  }
}
// Matching reads the running experiments from memory: loaded now, as intake would have done.
await deps.experiments.reload();

const cpu0 = { node: process.cpuUsage(), pg: await backendCpu() };
const m0 = performance.now();
const result = await matchMunicipality(deps, systemContext('platform-beheer', 'bench-match', 'job'), municipality);
const seconds = (performance.now() - m0) / 1000;
const nodeCpu = process.cpuUsage(cpu0.node);
const pgCpu = [...(await backendCpu())].reduce((sum, [pid, t]) => sum + t - (cpu0.pg.get(pid) ?? 0), 0);

const flags = await deps.db
  .selectFrom('cases')
  .select((eb) => [
    eb.fn.countAll<string>().as('cases'),
    eb.fn.sum<string>(eb.case().when('multiple', '=', true).then(1).else(0).end()).as('multiple'),
    eb.fn.sum<string>(eb.case().when('consecutive', '=', true).then(1).else(0).end()).as('consecutive'),
    eb.fn.sum<string>(eb.case().when('known_via_standard_signals', '=', true).then(1).else(0).end()).as('known'),
  ])
  .where('municipality_code', '=', municipality)
  .executeTakeFirstOrThrow();
console.log(
  `matched ${result.signals} signals into ${result.casesCreated} new cases (${result.repeats} repeats) in ${seconds.toFixed(2)} s = ` +
    `${(result.signals / seconds).toFixed(0)} signals/s`,
);
console.log(`cases: ${flags.cases}, multiple ${flags.multiple}, consecutive ${flags.consecutive}, known via standard signals ${flags.known}`);
// The whole outcome in two digests (not only the counts): every signal's state and every case's
// fields and flags, a case named by its first signal (case ids depend on the order pages commit in).
const digest = await sql<{ states: string; cases: string }>`
  with first as (select case_id, min(signal_id) as first_id from signal_states where case_id is not null group by case_id)
  select
    (select md5(string_agg(concat_ws('|', st.signal_id, st.status, st.repeat_of, f.first_id, st.matched_at is null), ',' order by st.signal_id))
      from signal_states st left join first f using (case_id) where st.municipality_code = ${municipality}) as states,
    (select md5(string_agg(concat_ws('|', f.first_id, c.address_key, c.bsn_pseudonym, c.surname_key, c.status, c.first_signal_date, c.last_signal_date,
        c.matching_date, c.matching_period_start, c.matching_period_end, c.signal_count, array_to_string(c.signal_types, '+'), c.multiple, c.consecutive,
        c.crisis, c.known_via_standard_signals, c.has_experimental_signal, c.deadline, c.result, c.closed_at is null, c.experiment_arm, c.district_code,
        c.neighbourhood_code), ',' order by f.first_id))
      from cases c join first f on f.case_id = c.id where c.municipality_code = ${municipality}) as cases`.execute(deps.db);
console.log(`digest: states ${digest.rows[0]!.states}, cases ${digest.rows[0]!.cases}`);
const met = seconds <= TARGET_SECONDS && result.signals >= stored && result.signals >= count;
console.log(`matching time: ${seconds.toFixed(2)} s for ${result.signals.toLocaleString('en')} signals (CPU: node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s, PostgreSQL backends ${pgCpu.toFixed(1)} s)`);
console.log(`target: ${count.toLocaleString('en')} signals matched in ≤ ${TARGET_SECONDS} s: ${met ? 'MET' : 'NOT MET'} (${seconds.toFixed(2)} s)`);
await database.close();
await rm(dir, { recursive: true, force: true });
