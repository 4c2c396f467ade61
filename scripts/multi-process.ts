/**
 * npm run proof:multiprocess [-- --households 3000 --database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Two API processes (PROCESS_ROLE=api) and one worker process (PROCESS_ROLE=worker) on one
 * PostgreSQL. Two creditors deliver signals about the same households through both API processes
 * at once (batches and single signals); both API processes keep asking for matching rounds, the
 * worker runs them from the pg-boss queue. Afterwards: no job ran twice (job_runs, one row per
 * job id; no two matching rounds overlapped), every signal was matched exactly once (the audit
 * trail's match records add up to the number of signals) and each household has exactly one case.
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
    households: { type: 'string', default: '3000' },
    'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const HOUSEHOLDS = Number(values.households);
const admin = values['database-url'];
const dbName = `vs_multi_${randomBytes(4).toString('hex')}`;
const u = new URL(admin);
u.pathname = `/${dbName}`;
const dbUrl = u.toString();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vs-multi-'));
const PORTS = { worker: 18281, api1: 18282, api2: 18283 };

function start(role: 'api' | 'worker', port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', MATCHING_INTERVAL_MS: '300', SEED_DEMO: 'false', PROCESS_ROLE: role, DB_POOL_SIZE: '6' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
async function ready(port: number) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v1/health/ready`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`process on ${port} did not start`);
}
const stop = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 20_000).unref();
  });

const HEADER = 'reference,signal_type,signal_date,municipality_code,amount,initials,surname,street,house_number,postcode,city,personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response';
const postcode = (h: number) => `10${String(11 + (h % 80)).padStart(2, '0')}${String.fromCharCode(65 + (h % 18))}${String.fromCharCode(65 + (Math.floor(h / 80) % 18))}`;
const row = (ref: string, type: string, h: number) => `${ref},${type},2025-03-14,GM0363,${(150 + (h % 500)).toFixed(2)},J.,Huis${h},Dorpsstraat,${1 + Math.floor(h / 1440)},${postcode(h)},Amsterdam,2025-02-20,2025-02-20,2025-02-01,ja,none`;

const a = new pg.Client({ connectionString: admin });
await a.connect();
await a.query(`create database ${dbName}`);
await a.end();
const db = new pg.Client({ connectionString: dbUrl });
const procs: ChildProcess[] = [];
const started = Date.now();
let failed: boolean;
try {
  // The worker starts first: it migrates and creates pg-boss's schema; the API processes then join.
  procs.push(start('worker', PORTS.worker));
  await ready(PORTS.worker);
  await db.connect();
  const keys: Record<string, string> = {};
  for (const org of ['demo-woningcorporatie', 'demo-energieleverancier']) {
    const k = generateApiKeySecret();
    await db.query(`insert into api_keys (organisation_id, name, key_prefix, secret_hash, scopes) values ($1, 'multi', $2, $3, '{signals:submit,batches:manage}')`, [org, k.prefix, k.secretHash]);
    keys[org] = k.token;
  }
  procs.push(start('api', PORTS.api1), start('api', PORTS.api2));
  await Promise.all([ready(PORTS.api1), ready(PORTS.api2)]);

  // Rent through API 1 as batches, gas through API 2 half as batches and half as single signals — concurrently.
  const half = Math.floor(HOUSEHOLDS / 2);
  const chunks = (n0: number, n1: number, size: number) => Array.from({ length: Math.ceil((n1 - n0) / size) }, (_, i) => [n0 + i * size, Math.min(n1, n0 + (i + 1) * size)] as const);
  const batch = (port: number, org: string, type: string, [s, e]: readonly [number, number]) =>
    fetch(`http://127.0.0.1:${port}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${keys[org]}`, 'content-type': 'text/csv' }, body: [HEADER, ...Array.from({ length: e - s }, (_, i) => row(`${type}-${s + i}`, type, s + i))].join('\n') }).then((r) => r.json() as Promise<{ rowsAccepted: number; rowsRefused: number }>);
  const singles = async () => {
    let accepted = 0;
    for (let h = half; h < HOUSEHOLDS; h += 50) {
      const rs = await Promise.all(
        Array.from({ length: Math.min(50, HOUSEHOLDS - h) }, (_, i) => {
          const n = h + i;
          const port = n % 2 ? PORTS.api1 : PORTS.api2;
          const signal = { reference: `gas-${n}`, signalType: 'gas', signalDate: '2025-03-14', municipalityCode: 'GM0363', amount: (150 + (n % 500)).toFixed(2), person: { initials: 'J.', surname: `Huis${n}` }, address: { street: 'Dorpsstraat', houseNumber: String(1 + Math.floor(n / 1440)), postcode: postcode(n), city: 'Amsterdam' }, socialCollection: { personalContactAttemptedOn: '2025-02-20', debtAssistanceReferredOn: '2025-02-20', reminderSentOn: '2025-02-01', agreementOfferedInReminder: true, residentResponse: 'none' } };
          return fetch(`http://127.0.0.1:${port}/v1/signals`, { method: 'POST', headers: { authorization: `Bearer ${keys['demo-energieleverancier']}`, 'content-type': 'application/json' }, body: JSON.stringify(signal) }).then((r) => r.status);
        }),
      );
      accepted += rs.filter((s) => s === 201).length;
    }
    return accepted;
  };
  const [rent, gasBatches, gasSingles] = await Promise.all([
    Promise.all(chunks(0, HOUSEHOLDS, 500).map((c) => batch(PORTS.api1, 'demo-woningcorporatie', 'rent', c))),
    Promise.all(chunks(0, half, 500).map((c) => batch(PORTS.api2, 'demo-energieleverancier', 'gas', c))),
    singles(),
  ]);
  const delivered = rent.reduce((n, b) => n + b.rowsAccepted, 0) + gasBatches.reduce((n, b) => n + b.rowsAccepted, 0) + gasSingles;
  const refused = rent.reduce((n, b) => n + b.rowsRefused, 0) + gasBatches.reduce((n, b) => n + b.rowsRefused, 0);
  console.log(`delivered ${delivered} signals (${refused} refused) through 2 API processes in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Wait until matching (run by the worker from jobs the API processes queue) has taken in every signal.
  for (let i = 0; ; i++) {
    const left = (await db.query<{ n: number }>(`select count(*)::int as n from signals s where not exists (select 1 from signal_states st where st.signal_id = s.id and st.case_id is not null)`)).rows[0]!.n;
    if (left === 0) break;
    if (i > 1200) throw new Error(`${left} signals still unmatched after 2 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2000)); // let queued rounds run on an empty queue too

  const q = async <T extends pg.QueryResultRow>(text: string) => (await db.query<T>(text)).rows;
  const [signals] = await q<{ n: number }>(`select count(*)::int as n from signals`);
  const runs = await q<{ queue: string; runs: number; jobs: number; twice: number; worker_processes: number }>(`
    select queue, count(*)::int as runs, count(distinct job_id)::int as jobs,
      (select count(*)::int from (select job_id from job_runs j2 where j2.queue = j.queue group by job_id having count(*) > 1) d) as twice,
      count(distinct process)::int as worker_processes
    from job_runs j group by queue`);
  const [overlap] = await q<{ n: number }>(`
    select count(*)::int as n from job_runs a join job_runs b on a.queue = b.queue and a.id < b.id
    where a.queue = 'match-signals' and tstzrange(a.started_at, coalesce(a.finished_at, now())) && tstzrange(b.started_at, coalesce(b.finished_at, now()))`);
  const [matched] = await q<{ n: number }>(`select coalesce(sum((detail->>'signals')::int), 0)::int as n from audit_log where activity = 'signal.match'`);
  const [cases] = await q<{ cases: number; households: number; in_cases: number; counted: number }>(`
    select count(*)::int as cases, count(distinct (address_key, surname_key))::int as households,
      (select count(*)::int from signal_states where case_id is not null) as in_cases, sum(signal_count)::int as counted from cases`);
  const [jobsBoss] = await q<{ created: number; completed: number; failed: number }>(`
    select count(*) filter (where true)::int as created, count(*) filter (where state = 'completed')::int as completed, count(*) filter (where state = 'failed')::int as failed
    from pgboss.job where name = 'match-signals'`);
  const [senders] = await q<{ n: number }>(`select count(distinct process)::int as n from job_runs`);

  console.log(`multi-process proof on PostgreSQL — 2 API processes + 1 worker, ${HOUSEHOLDS} households, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of runs) console.log(`  queue ${r.queue}: ${r.runs} runs of ${r.jobs} jobs, run twice: ${r.twice}, by ${r.worker_processes} worker process(es)`);
  console.log(`  pg-boss match-signals jobs: ${jobsBoss?.created ?? 0} created, ${jobsBoss?.completed ?? 0} completed, ${jobsBoss?.failed ?? 0} failed; overlapping matching rounds: ${overlap!.n}`);
  console.log(`  signals: ${signals!.n} stored, ${matched!.n} matched per the audit trail (each signal once: ${matched!.n === signals!.n})`);
  console.log(`  cases: ${cases!.cases} for ${cases!.households} households, ${cases!.in_cases} signals in cases, signal counts add up to ${cases!.counted}`);
  void senders;
  failed =
    runs.some((r) => r.twice > 0) || overlap!.n > 0 || matched!.n !== signals!.n || cases!.cases !== cases!.households || cases!.counted !== signals!.n || signals!.n !== delivered || signals!.n !== HOUSEHOLDS * 2;
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await Promise.all(procs.map(stop));
  await db.end().catch(() => undefined);
  const d = new pg.Client({ connectionString: admin });
  await d.connect();
  await d.query(`drop database if exists ${dbName} with (force)`);
  await d.end();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(failed ? 'FAILED' : 'OK: no job ran twice, no signal was processed twice');
if (failed) process.exitCode = 1;
