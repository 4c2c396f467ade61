/**
 * npm run fuzz:intake [-- --inputs 100000 --seed 42 --database-url postgres://…]
 *
 * Property-based fuzzing of the JSON and CSV intake at scale: generated signals, lists, CSV files
 * and garbage, sent through the real HTTP stack (Fastify inject) to a platform on PGlite (or the
 * PostgreSQL given). Checks every answer: never a 5xx, and the database holds exactly what the
 * answer reports as accepted (no partial writes). Prints the figures; exits 1 on the first failure.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import fc from 'fast-check';
import { openDatabase } from '../src/db/database.ts';
import { startPlatform } from '../src/platform.ts';
import { checkCase, csvCase, jsonCase } from '../test/fuzz/intake-fuzz.ts';

const { values } = parseArgs({ options: { inputs: { type: 'string', default: '100000' }, seed: { type: 'string' }, 'database-url': { type: 'string' } } });
const target = Number(values.inputs);
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
const database = await openDatabase(values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: 'memory://' });
const p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0 });
const fuzz = { app: p.app, db: p.deps.db, token: p.seed!.apiKeys.find((k) => k.organisation === 'demo-woningcorporatie')!.token, sender: 'demo-woningcorporatie' };

const started = Date.now();
const stats = { requests: 0, inputs: 0, json: 0, csv: 0, accepted: 0, byStatus: new Map<number, number>() };
let round = 0;
try {
  while (stats.inputs < target) {
    const cases = fc.sample(fc.oneof(jsonCase, csvCase), { numRuns: 200, seed: seed + round++ });
    for (const c of cases) {
      const r = await checkCase(fuzz, c);
      stats.requests++;
      stats.inputs += c.inputs;
      stats[c.kind]++;
      stats.accepted += r.accepted;
      stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
    }
    process.stderr.write(`\r${stats.inputs} inputs, ${stats.requests} requests`);
  }
  process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz:intake — ${database.engine}, seed ${seed}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`  generated inputs: ${stats.inputs} (signals, CSV rows and raw bodies) in ${stats.requests} requests (${stats.json} JSON, ${stats.csv} CSV), ${seconds.toFixed(1)} s`);
  console.log(`  answers: ${[...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(', ')}`);
  console.log(`  signals accepted and stored: ${stats.accepted}; 5xx: 0; partial writes: 0`);
} catch (e) {
  console.error(`\nFAILED after ${stats.inputs} inputs (seed ${seed}, round ${round - 1}):\n${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await p.stop();
  await database.close();
}
