/**
 * Worklist benchmark: 100,000 open cases for one municipality on PostgreSQL, then the server time
 * of the worklist's first page (GET /werklijst through Fastify: session, classification check,
 * queries, React render). Target: ≤ 200 ms. Uses DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
 * and a fresh database `vs_bench_worklist`.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startPlatform } from '../src/platform.ts';
import { classifyCases } from '../src/app/worklist/classify-cases.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = 30;

const url = await freshDatabase('vs_bench_worklist');
const p = await startPlatform({ databaseUrl: url, dataDir: 'memory://', port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0 });
const db = p.deps.db;

let t = performance.now();
// Cases as matching leaves them: spread over 16 weeks, a mix of flags and signal types, some overdue.
await sql`
  insert into cases (municipality_code, address_key, surname_key, status, opened_at, first_signal_date, last_signal_date, matching_date,
    matching_period_start, matching_period_end, signal_count, signal_types, multiple, consecutive, crisis, deadline)
  select 'GM0363',
    (1011 + (g % 98))::text || chr(65 + (g % 26)) || chr(65 + ((g / 26) % 26)) || '|' || (1 + g % 300)::text || '|',
    'naam' || (g % 5000)::text,
    case when g % 10 = 0 then 'picked_up' else 'open' end,
    now() - ((g % 112) || ' days')::interval,
    current_date - (g % 112) - 20, current_date - (g % 112) - 5, current_date - (g % 112),
    date_trunc('month', current_date - (g % 112))::date, (date_trunc('month', current_date - (g % 112)) + interval '1 month - 1 day')::date,
    1 + g % 3,
    string_to_array((array['rent', 'electricity,gas', 'health_insurance', 'municipal_tax', 'mortgage', 'drinking_water,rent'])[1 + g % 6], ','),
    g % 4 = 0, g % 7 = 0, g % 50 = 0,
    current_date - (g % 112) + case when g % 50 = 0 then 3 else 28 end
  from generate_series(1, ${CASES}) as g`.execute(db);
await sql`analyze cases`.execute(db);
const insertMs = performance.now() - t;

t = performance.now();
const classified = await classifyCases(p.deps, systemContext('GM0363', 'bench', 'job'), 'GM0363');
const classifyMs = performance.now() - t;
// Amounts as the signals would give them (the bench inserts no signals).
await sql`update cases set amount_cents = 10000 + (id * 7919) % 400000 where municipality_code = 'GM0363'`.execute(db);
// What autovacuum does in a running system: fresh statistics and a visibility map for index-only counts.
await sql`vacuum analyze cases`.execute(db);

// Log in as the coordinator through the login form, as a browser would.
const form = await p.app.inject({ method: 'GET', url: '/inloggen' });
const loginCookie = form.cookies.find((c) => c.name === 'vs_login')!.value;
const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
const login = await p.app.inject({
  method: 'POST',
  url: '/inloggen',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vs_login=${loginCookie}` },
  payload: new URLSearchParams({ _login: token, email: 'coordinator@amsterdam.demo', password: 'vroegsignaal-demo', next: '/' }).toString(),
});
const cookie = `vs_session=${login.cookies.find((c) => c.name === 'vs_session')!.value}`;

async function time(path: string): Promise<{ p50: number; p95: number; max: number; bytes: number }> {
  for (let i = 0; i < 5; i++) await p.app.inject({ method: 'GET', url: path, headers: { cookie } });
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    const r = await p.app.inject({ method: 'GET', url: path, headers: { cookie } });
    ms.push(performance.now() - s);
    if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
    bytes = r.body.length;
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(RUNS / 2)]!, p95: ms[Math.floor(RUNS * 0.95)]!, max: ms[RUNS - 1]!, bytes };
}

const queue = await db.selectFrom('worklist_queues').select('id').where('municipality_code', '=', 'GM0363').where('name', '=', 'Overig').executeTakeFirstOrThrow();
const variants: Array<[string, string]> = [
  ['first page (all queues, by deadline)', '/werklijst'],
  ['one queue', `/werklijst?queue=${queue.id}`],
  ['overdue only', '/werklijst?overdue=1'],
  ['sorted by amount', '/werklijst?sort=amount'],
  ['search by postcode', '/werklijst?q=1012'],
  ['page 100', '/werklijst?page=100'],
];

console.log(`worklist benchmark — ${machineLine()}`);
console.log(`PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v}; ${CASES.toLocaleString('en')} open cases for one municipality`);
console.log(`insert ${insertMs.toFixed(0)} ms; first classification of ${classified.toLocaleString('en')} cases ${classifyMs.toFixed(0)} ms`);
console.log(`server time of GET /werklijst over ${RUNS} runs (after 5 warm-up), target p50 ≤ 200 ms:`);
for (const [name, path] of variants) {
  const r = await time(path);
  console.log(`  ${name.padEnd(38)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms  (${(r.bytes / 1024).toFixed(0)} KiB HTML)`);
}
await p.stop();
