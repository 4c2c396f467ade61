// bench:api — single-signal POSTs with full authentication, rules and audit, on PostgreSQL,
// measured next to a bare Fastify + pg insert endpoint in the same run.
//   npm run bench:api [-- --seconds 20 --rate 1000 --connections 32]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '32' },
  },
});
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const connections = Number(args.connections);

const LETTERS = 'ABCDEFGHJKLMNPRSTVWXZ';
function signalBody(ref: string, n: number): string {
  // Every signal at its own address, as in real traffic (one address would make one giant household).
  const postcode = `${1011 + (n % 90)}${LETTERS[n % 21]}${LETTERS[Math.floor(n / 21) % 21]}`;
  return JSON.stringify({
    reference: ref,
    signalType: 'rent',
    signalDate: '2025-03-14',
    municipalityCode: 'GM0363',
    amount: '812.50',
    person: { initials: 'J.', prefix: 'de', surname: 'Vries' },
    address: { street: 'Dorpsstraat', houseNumber: String(1 + (Math.floor(n / 441) % 300)), postcode, city: 'Amsterdam' },
    socialCollection: {
      personalContactAttemptedOn: '2025-02-20',
      debtAssistanceReferredOn: '2025-02-20',
      reminderSentOn: '2025-02-01',
      agreementOfferedInReminder: true,
      residentResponse: 'none',
    },
  });
}

interface RunResult {
  label: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  total: number;
}

async function load(label: string, url: string, headers: Record<string, string>, opts: { overallRate?: number; duration: number }): Promise<RunResult> {
  let n = 0;
  const offset = Math.floor(Math.random() * 1e6);
  const prefix = `${label.replace(/\W+/g, '-')}-${Date.now()}`;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: opts.duration,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: signalBody(`${prefix}-${++n}`, n + offset) }) }],
  });
  return {
    label,
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

async function startPlatformProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string; key: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vs-bench-api-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'true', MATCHING_INTERVAL_MS: process.env.MATCHING_INTERVAL_MS ?? '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Demo-API-sleutels')) setTimeout(resolve, 200);
    });
    child.on('exit', (code) => reject(new Error(`platform exited with ${code}`)));
  });
  const creds = await readFile(path.join(dataDir, 'demo-credentials.txt'), 'utf8');
  const key = /demo-woningcorporatie\s+(vsk_\S+)/.exec(creds)?.[1];
  if (!key) throw new Error('no demo key');
  return { child, url: `http://127.0.0.1:${port}/v1/signals`, key };
}

async function startBareServer(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('create table if not exists bare_signals (reference text, body jsonb, received_at timestamptz default now())');
  const app = Fastify({ logger: false });
  app.post('/v1/signals', async (req, reply) => {
    const body = req.body as { reference: string };
    await pool.query('insert into bare_signals (reference, body) values ($1, $2)', [body.reference, body]);
    return reply.code(201).send({ ok: true });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/v1/signals`, stop: async () => (await app.close(), await pool.end()) };
}

function row(r: RunResult): string {
  return `${r.label.padEnd(44)} ${r.requestsPerSec.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   max ${String(r.max).padStart(5)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
}

console.log(`bench:api — ${machineLine()}`);
console.log(`${seconds} s per run, ${connections} connections, fixed-rate runs at ${rate} req/s`);
const platformDb = await freshDatabase('vs_bench_api');
const bareDb = await freshDatabase('vs_bench_api_bare');
const platform = await startPlatformProcess(platformDb);
const bare = await startBareServer(bareDb);
try {
  // Warm up JIT and connection pools on both.
  await load('warm-up platform', platform.url, { authorization: `Bearer ${platform.key}` }, { duration: 3 });
  await load('warm-up bare', bare.url, {}, { duration: 3 });
  // The bare endpoint first: after a platform run, the platform process goes on matching and
  // sealing what it took in, and the bare runs would share the cores with that backlog.
  const bareFixed = await load(`bare fastify + pg insert, fixed ${rate}/s`, bare.url, {}, { duration: seconds, overallRate: rate });
  const bareSaturated = await load('bare fastify + pg insert, saturated', bare.url, {}, { duration: seconds });
  const results = [
    await load(`platform, fixed ${rate}/s`, platform.url, { authorization: `Bearer ${platform.key}` }, { duration: seconds, overallRate: rate }),
    bareFixed,
    await load('platform, saturated', platform.url, { authorization: `Bearer ${platform.key}` }, { duration: seconds }),
    bareSaturated,
  ];
  for (const r of results) console.log(row(r));
  const stored = new pg.Client({ connectionString: platformDb });
  await stored.connect();
  const c = await stored.query<{ n: string; a: string }>(
    "select (select count(*) from signals) as n, (select count(*) from audit_log where activity = 'signal.intake') as a",
  );
  await stored.end();
  console.log(`stored signals: ${c.rows[0]!.n}, audit records: ${c.rows[0]!.a} (every accepted signal audited in its own transaction)`);
  const fixed = results[0]!;
  console.log(
    `target ≥ 1000 signals/s sustained with p99 ≤ 50 ms: ${fixed.requestsPerSec >= rate * 0.98 && fixed.p99 <= 50 && fixed.non2xx === 0 ? 'MET' : 'NOT MET'}`,
  );
  // Saturated throughput next to the bare insert measured in the same run (issue 23 point 2).
  const ratio = results[2]!.requestsPerSec / results[3]!.requestsPerSec;
  console.log(`saturated platform/bare: ${ratio.toFixed(2)}× (target ≥ 0.35×): ${ratio >= 0.35 ? 'MET' : 'NOT MET'}`);
} finally {
  platform.child.kill('SIGTERM');
  await bare.stop();
}
