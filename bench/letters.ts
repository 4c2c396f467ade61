/**
 * Letter-run benchmark (issue 20 point 1): 5,000 active cases of one municipality on PostgreSQL,
 * made from demo signals through the real intake and matching, then one print run of all of them
 * as a single PDF (src/app/outreach/print-letters.ts): merge, render, stream to a file, and register
 * a DDAS contact attempt 'Brief' per letter. Prints the run's time and the process's peak RSS.
 * Targets: ≤ 60 s and ≤ 300 MB. Uses DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
 * and a fresh database `vs_bench_letters`.
 *
 * The cases are seeded in this process; the run itself happens in a child process that starts the
 * platform on the seeded database, as a coordinator's print run meets a running platform — so the
 * run's peak memory is not the seeding's left-over heap (V8 keeps what it once grew to).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startPlatform } from '../src/platform.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { printLetters } from '../src/app/outreach/print-letters.ts';
import { ruleDataOf } from '../src/web/pages/worklist/rule-data.ts';
import { permissionsOf } from '../src/domain/access/roles.ts';
import type { CallContext } from '../src/app/context.ts';
import { cloneActiveCases } from './lib/clone-cases.ts';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 5_000);
const MUNICIPALITY = 'GM0363';
const RUN_ON = process.env.BENCH_LETTERS_RUN_ON;
const options = { dataDir: 'memory://', port: 0, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0, intakeWorkers: 0 } as const;

if (!RUN_ON) {
  const url = await freshDatabase('vs_bench_letters');
  const p = await startPlatform({ ...options, databaseUrl: url, seedDemo: true });
  const db = p.deps.db;
  const t = performance.now();
  // Demo signals through the real intake and matching, their cases copied up to LETTERS active ones
  // (intake of the ~20,000 signals that many cases would take is bench:intake's business, not this);
  // any surplus is closed so the run prints exactly LETTERS.
  await seedDemoSignals(p.deps, 300);
  const active = await cloneActiveCases(db, MUNICIPALITY, LETTERS);
  await sql`update cases set status = 'closed', closed_at = now(), result = 'Geen hulp nodig' where municipality_code = ${MUNICIPALITY} and status <> 'closed'
    and id not in (select id from cases where municipality_code = ${MUNICIPALITY} and status <> 'closed' order by id limit ${LETTERS})`.execute(db);
  await sql`analyze`.execute(db);
  await p.stop();
  console.log(machineLine());
  console.log(`seed: ${active} active cases from demo signals in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the run)`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, BENCH_LETTERS_RUN_ON: url } });
  process.exit(child.status ?? 1);
}

const p = await startPlatform({ ...options, databaseUrl: RUN_ON, seedDemo: true });
const db = p.deps.db;
const u = await db.selectFrom('users').select(['id', 'roles', 'display_name', 'organisation_id']).where('email', '=', 'medewerker@amsterdam.demo').executeTakeFirstOrThrow();
const ctx: CallContext = {
  actor: { type: 'user', id: u.id, organisationId: u.organisation_id, organisationKind: 'municipality', permissions: permissionsOf(u.roles), label: u.display_name },
  traceId: randomBytes(16).toString('hex'),
  spanId: randomBytes(8).toString('hex'),
};
const dir = await mkdtemp(join(tmpdir(), 'bench-letters-'));
const file = join(dir, 'brieven.pdf');

const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const t = performance.now();
const result = await printLetters(p.deps, ctx, { queue: 'all' }, 'nl', ruleDataOf(p.judge.ruleBook).allowed, createWriteStream(file));
const runMs = performance.now() - t;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
// The sampler only runs when the event loop is free, so it can miss a peak inside a long synchronous
// stretch of rendering; the kernel's high-water mark cannot.
const maxRss = process.resourceUsage().maxRSS * 1024;

const size = (await stat(file)).size;
const pages = ((await readFile(file, 'latin1')).match(/\/Type \/Page\b/g) ?? []).length;
const attempts = (await sql<{ n: number }>`select count(*)::int as n from contact_attempts where contact_type = 'Brief'`.execute(db)).rows[0]!.n;
await rm(dir, { recursive: true });
await p.stop();

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
console.log(`letter run (a fresh platform process on the seeded database): ${result.letters} letters (${result.withoutAddress} cases without allowed address), ${pages} PDF pages, ${(size / 2 ** 20).toFixed(1)} MiB`);
console.log(`contact attempts 'Brief' registered: ${attempts}`);
console.log(`time: ${(runMs / 1000).toFixed(1)} s (target ≤ 60 s) · ${((runMs / Math.max(1, result.letters)) * 1000).toFixed(0)} µs per letter`);
console.log(`peak RSS: ${mb(Math.max(peakRss, maxRss))} (target ≤ 300 MB) · the platform held ${mb(rssBefore)} before the run · sampled every 20 ms ${mb(peakRss)}, kernel high-water ${mb(maxRss)} (${mb(maxRssBefore)} before the run)`);
