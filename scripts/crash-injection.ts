/**
 * npm run crash:intake [-- --runs 20 --rows 20000 --database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Crash injection: starts the real server (src/main.ts) as a child process on PostgreSQL, uploads a
 * large CSV, kills the server with SIGKILL at a random moment of the upload, restarts it, uploads
 * the whole file again and waits for it to complete. After every run the file's references must be
 * stored exactly once each: 0 lost, 0 duplicated. Uses a fresh database it drops afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateApiKeySecret } from '../src/app/auth/api-key-format.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    rows: { type: 'string', default: '20000' },
    'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '18181' },
  },
});
const RUNS = Number(values.runs);
const ROWS = Number(values.rows);
const PORT = Number(values.port);
const admin = values['database-url'];
const dbName = `vs_crash_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const base = `http://127.0.0.1:${PORT}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vs-crash-'));

function startServer(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', MATCHING_INTERVAL_MS: '0', SEED_DEMO: 'false', DB_POOL_SIZE: '5' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}
async function waitReady(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/v1/health/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}
function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
function csvFor(run: number): string {
  const lines = ['reference,signal_type,signal_date,municipality_code,amount,initials,surname,street,house_number,postcode,city,personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response'];
  for (let i = 0; i < ROWS; i++) {
    const pc = `10${String(11 + (i % 80)).padStart(2, '0')}${String.fromCharCode(65 + (i % 18))}${String.fromCharCode(65 + ((i >> 5) % 18))}`;
    lines.push(`crash-${run}-${i},rent,2025-03-14,GM0363,${(100 + (i % 900)).toFixed(2)},J.,Vries${i % 97},Dorpsstraat,${1 + (i % 300)},${pc},Amsterdam,2025-02-20,2025-02-20,2025-02-01,ja,none`);
  }
  return lines.join('\n') + '\n';
}
async function upload(token: string, body: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body, ...(signal ? { signal } : {}) });
}

const a = new pg.Client({ connectionString: admin });
await a.connect();
await a.query(`create database ${dbName}`);
await a.end();
const db = new pg.Client({ connectionString: dbUrl });
let server = startServer();
const results: Array<{ run: number; killedAfterMs: number; storedBeforeRestart: number; stored: number; lost: number; duplicated: number }> = [];
const started = Date.now();
try {
  await waitReady();
  await db.connect();
  // A sender organisation and its key, written straight into the fresh database.
  await db.query(`insert into organisations (id, name, kind, register_id) values ('demo-woningcorporatie', 'Demo Woningcorporatie', 'creditor', 'demo-woningcorporatie') on conflict do nothing`);
  const key = generateApiKeySecret();
  await db.query(`insert into api_keys (organisation_id, name, key_prefix, secret_hash, scopes) values ('demo-woningcorporatie', 'crash', $1, $2, '{signals:submit,batches:manage,signals:read-own}')`, [key.prefix, key.secretHash]);
  await kill(server);
  server = startServer();
  await waitReady();

  for (let run = 1; run <= RUNS; run++) {
    const body = csvFor(run);
    // Kill at a random point of the file: once a random number of its rows is stored (or, rarely,
    // before any row or after the last one, when the poll misses the moment).
    const killAt = Math.floor(Math.random() * ROWS);
    const t0 = Date.now();
    let done = false;
    const first = upload(key.token, body).catch(() => undefined).finally(() => (done = true));
    while (!done) {
      const n = (await db.query<{ n: number }>(`select count(*)::int as n from signals where reference like $1`, [`crash-${run}-%`])).rows[0]!.n;
      if (n >= killAt) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const killAfter = Date.now() - t0;
    await kill(server);
    await first;
    const mid = (await db.query<{ n: number }>(`select count(*)::int as n from signals where reference like $1`, [`crash-${run}-%`])).rows[0]!.n;
    server = startServer();
    await waitReady();
    const res = await upload(key.token, body);
    const batch = (await res.json()) as { status: string; rowsAccepted: number; rowsDuplicate: number; rowsTotal: number };
    if (batch.status !== 'completed') throw new Error(`run ${run}: re-upload ended ${batch.status}`);
    const counts = (await db.query<{ refs: number; rows: number }>(`select count(distinct reference)::int as refs, count(*)::int as rows from signals where reference like $1`, [`crash-${run}-%`])).rows[0]!;
    const r = { run, killedAfterMs: killAfter, storedBeforeRestart: mid, stored: counts.rows, lost: ROWS - counts.refs, duplicated: counts.rows - counts.refs };
    results.push(r);
    if (batch.rowsAccepted + batch.rowsDuplicate !== ROWS) throw new Error(`run ${run}: re-upload reports ${batch.rowsAccepted} new + ${batch.rowsDuplicate} duplicate of ${ROWS}`);
    console.log(`run ${String(run).padStart(2)}: killed after ${String(killAfter).padStart(4)} ms (aimed at row ${killAt}) with ${String(mid).padStart(6)} rows stored; after re-upload ${r.stored} stored, lost ${r.lost}, duplicated ${r.duplicated}`);
  }
} finally {
  await kill(server);
  await db.end().catch(() => undefined);
  const d = new pg.Client({ connectionString: admin });
  await d.connect();
  await d.query(`drop database if exists ${dbName} with (force)`);
  await d.end();
  await rm(dataDir, { recursive: true, force: true });
}
const lost = results.reduce((n, r) => n + r.lost, 0);
const dup = results.reduce((n, r) => n + r.duplicated, 0);
const killedMid = results.filter((r) => r.storedBeforeRestart > 0 && r.storedBeforeRestart < ROWS).length;
console.log(`crash:intake — ${results.length} runs × ${ROWS} rows on PostgreSQL, ${((Date.now() - started) / 1000).toFixed(0)} s; killed mid-file (some but not all rows stored) in ${killedMid} runs; lost ${lost}, duplicated ${dup}`);
if (lost > 0 || dup > 0 || results.length < RUNS) process.exitCode = 1;
