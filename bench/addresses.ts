// bench:addresses — the national address table on PostgreSQL: importing a synthetic table in the CBS
// layout (default 9,500,000 addresses, the size of the real one; target ≤ 60 s, peak RSS ≤ 300 MB),
// importing the next year's version (with the change summary), and what routing by the full table
// adds to batch intake (the same signal file ingested into a database without and with the table,
// alternately; target ≤ 10 %).
//   npm run bench:addresses [-- --rows 9500000 --signals 1000000 --runs 2]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { writeAddressTableFile } from '../src/simulation/generate/address-table-file.ts';
import { freshDatabase } from './lib/bench-database.ts';
import { machineLine } from './lib/machine.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '9500000' }, signals: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '2' } },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const SENDER = 'demo-woningcorporatie';

console.log(`bench:addresses — ${machineLine()}`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'vs-bench-addresses-'));

async function writeTable(file: string, year: number, reassign?: Map<string, string>) {
  await writeAddressTableFile(file, { rows, year, ...(reassign ? { reassign } : {}) });
  return (await stat(file)).size;
}

function child<T>(script: string, argv: string[]): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...argv], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// 1. Import the table (a migrated empty database first: the migrations are not what is measured).
const t2025 = path.join(dir, 'pc6hnr20250801_gwb.csv');
const t2026 = path.join(dir, 'pc6hnr20260801_gwb.csv');
const size = await writeTable(t2025, 2025);
// The next year: Stadskanaal (GM0037) merged into Groningen (GM0014), as an example of what the summary shows.
await writeTable(t2026, 2026, new Map([['GM0037', 'GM0014']]));
console.log(`generated ${rows.toLocaleString('en')} addresses per version, ${(size / 2 ** 20).toFixed(0)} MiB per file`);

const tableUrl = await freshDatabase('vs_bench_addresses');
await (await openDatabase({ databaseUrl: tableUrl, poolSize: 1 })).close();
type Imported = { outcome: string; rows: number; refused: number; moved: number; seconds: number; maxRssMB: number };
const first = child<Imported>('bench/lib/import-addresses.ts', [tableUrl, t2025]);
console.log(`import of ${first.rows.toLocaleString('en')} addresses (${first.refused} refused): ${first.seconds.toFixed(1)} s (target ≤ 60 s: ${first.seconds <= 60 ? 'MET' : 'NOT MET'}), peak RSS ${first.maxRssMB.toFixed(0)} MB (target ≤ 300 MB: ${first.maxRssMB <= 300 ? 'MET' : 'NOT MET'})`);
const second = child<Imported>('bench/lib/import-addresses.ts', [tableUrl, t2026]);
console.log(`import of the next version incl. the change summary (${second.moved.toLocaleString('en')} addresses moved between municipalities): ${second.seconds.toFixed(1)} s, peak RSS ${second.maxRssMB.toFixed(0)} MB`);
const again = child<Imported>('bench/lib/import-addresses.ts', [tableUrl, t2026]);
console.log(`the same file again: ${again.outcome} in ${again.seconds.toFixed(1)} s`);

// 2. Intake without and with the table (a copy of the database that holds both versions).
const signalsFile = path.join(dir, 'signals.csv');
const gen = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'src/simulation/cli/generate-signals.ts', '--count', args.signals!, '--format', 'csv', '--out', signalsFile, '--sender-type', 'rent', '--sender', SENDER, '--municipality', 'GM0363'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (gen.status !== 0) throw new Error('generating the signals failed');

type Ingested = { rows: number; accepted: number; ingestSeconds: number; resultsSeconds: number; maxRssMB: number };
const times: Record<'without' | 'with', number[]> = { without: [], with: [] };
for (let i = 0; i < runs; i++) {
  for (const kind of ['without', 'with'] as const) {
    const url = kind === 'with' ? await freshDatabase('vs_bench_addresses_intake', undefined, 'vs_bench_addresses') : await freshDatabase('vs_bench_addresses_intake');
    const r = child<Ingested>('bench/lib/ingest-file.ts', [url, signalsFile, SENDER, path.join(dir, 'results.csv')]);
    const e2e = r.ingestSeconds + r.resultsSeconds;
    times[kind].push(e2e);
    console.log(`intake ${kind} the address table, run ${i + 1}: ${r.rows} rows (${r.accepted} accepted) in ${e2e.toFixed(2)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
  }
}
const ratio = median(times.with) / median(times.without);
console.log(`routing by the full table adds ${((ratio - 1) * 100).toFixed(1)} % to intake (medians ${median(times.without).toFixed(2)} s → ${median(times.with).toFixed(2)} s; target ≤ 10 %: ${ratio <= 1.1 ? 'MET' : 'NOT MET'})`);
await rm(dir, { recursive: true, force: true });
