import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CSV_COLUMNS } from '../../domain/signals/csv-columns.ts';
import { writeSignals, writeSignalsCsv, writeSignalsJsonl } from './generate-signals.ts';

/** A sink that keeps everything and is slow now and then, so backpressure is exercised. */
class Collector extends Writable {
  chunks: Buffer[] = [];
  private writes = 0;
  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (++this.writes % 3 === 0) setTimeout(cb, 2);
    else cb();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  /** writeSignals resolves when its last chunk is accepted; ending waits until all are written. */
  async finished(): Promise<string> {
    await new Promise<void>((resolve) => this.end(resolve));
    return this.text();
  }
}

test('writeSignalsCsv writes the header and exactly count rows', async () => {
  const out = new Collector();
  const r = await writeSignalsCsv(out, 25_000, { seed: 3, workers: 1 });
  const text = await out.finished();
  const lines = text.split('\n');
  assert.equal(lines[0], CSV_COLUMNS.join(','));
  assert.equal(lines.at(-1), '');
  assert.equal(lines.length - 2, 25_000);
  assert.equal(r.rows, 25_000);
  assert.equal(r.bytes, Buffer.byteLength(text));
});

test('the file is the same with or without worker threads', async () => {
  const one = new Collector();
  const two = new Collector();
  await writeSignalsCsv(one, 40_000, { seed: 5, scale: 1, workers: 1 });
  await writeSignalsCsv(two, 40_000, { seed: 5, scale: 1, workers: 2 });
  assert.equal(await one.finished(), await two.finished());
});

test('JSON Lines: one signal object per line; filters apply', async () => {
  const out = new Collector();
  await writeSignalsJsonl(out, 3_000, { seed: 2, signalTypes: ['mortgage'], clean: true, workers: 1 });
  const rows = (await out.finished()).trimEnd().split('\n').map((l) => JSON.parse(l) as { signalType: string; bsn?: string });
  assert.equal(rows.length, 3_000);
  assert.ok(rows.every((s) => s.signalType === 'mortgage' && s.bsn === undefined));
});

test('a type that is no longer designated ends the run short instead of running forever', async () => {
  const out = new Collector();
  const r = await writeSignalsCsv(out, 1_000, { seed: 1, signalTypes: ['mortgage'], firstMonth: '2026-01', scale: 0.05, workers: 1 });
  await out.finished();
  assert.equal(r.rows, 0);
});

test('one municipality: every row is for it', async () => {
  const out = new Collector();
  await writeSignals(out, 2_000, { seed: 2, municipalities: ['GM0505'], format: 'csv', workers: 2 });
  const rows = (await out.finished()).trimEnd().split('\n').slice(1);
  assert.equal(rows.length, 2_000);
  assert.ok(rows.every((r) => r.split(',')[3] === 'GM0505' || r.startsWith('"')));
});

test('one sender for a batch file: its references are unique', async () => {
  const out = new Collector();
  await writeSignalsJsonl(out, 5_000, { seed: 4, signalTypes: ['rent'], municipalities: ['GM0363'], asSender: 'demo-woningcorporatie', workers: 1 });
  const rows = (await out.finished()).trimEnd().split('\n').map((l) => JSON.parse(l) as { reference: string; signalType: string });
  assert.equal(rows.length, 5_000);
  assert.ok(rows.every((r) => r.signalType === 'rent'));
  // Re-sent rows keep their reference on purpose (an idempotent retry); all others are unique.
  const refs = rows.map((r) => r.reference);
  assert.ok(new Set(refs).size > 0.98 * refs.length);
});

test('the command line writes a file and reports the rate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-signals-'));
  try {
    const file = join(dir, 'signals.csv');
    const cli = fileURLToPath(new URL('./generate-signals.ts', import.meta.url));
    const res = spawnSync(process.execPath, ['--import', 'tsx', cli, '--count', '5000', '--format', 'csv', '--out', file, '--seed', '9'], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /wrote 5,000 signals/);
    assert.match(res.stdout, /rows\/s/);
    assert.equal(readFileSync(file, 'utf8').trimEnd().split('\n').length, 5001);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, '--format', 'xml', '--out', file], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /usage/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with a last month no signal is dated after it, even when fewer than count rows fit (the demo never sends from the future)', async () => {
  const out = new Collector();
  const r = await writeSignals(out, 100_000, { format: 'jsonl', seed: 5, workers: 1, firstMonth: '2026-10', lastMonth: '2026-11', months: 2, scale: 0.002, signalTypes: ['rent'] });
  const lines = (await out.finished()).split('\n').filter((l) => l !== '');
  assert.ok(lines.length > 0 && lines.length < 100_000, `${lines.length} rows`);
  assert.equal(r.rows, lines.length);
  const dates = lines.map((l) => (JSON.parse(l) as { signalDate: string }).signalDate).filter((d) => d !== '');
  assert.ok(dates.every((d) => d >= '2026-10-01' && d <= '2026-11-30'), `dates ${dates.sort()[0]} … ${dates.sort().at(-1)}`);
});
