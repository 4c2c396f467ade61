/**
 * Scale data for benchmarks: streams synthetic signals from the population generator to a batch
 * file (CSV or JSON Lines) without holding them, and reports the rate.
 *
 *   npx tsx src/cli/generate-signals.ts --count 1000000 --format csv --out /tmp/signals.csv
 *     [--seed N] [--municipality GM0363[,GM0599]] [--sender-type rent[,gas]] [--sender id]
 *     [--from 2025-01] [--months N] [--scale X] [--params file] [--clean]
 *
 * Without --scale, the population is scaled so that --count signals fit in 12 months (or --months);
 * a larger population keeps dates realistic instead of spreading signals over decades.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PopulationParams } from '../domain/population/params.ts';
import { generatePopulation } from '../domain/population/population.ts';
import type { GeneratedSignal } from '../domain/population/signal-builder.ts';
import { CsvLineEncoder, MAX_LINE_BYTES } from '../domain/population/csv-encoder.ts';
import { CSV_HEADER_LINE } from '../domain/population/signal-csv.ts';
import { generateSignals } from '../domain/population/signal-stream.ts';
import { loadPopulationParams } from './generate-params.ts';

export type SignalFileFormat = 'csv' | 'jsonl';

export interface WriteSignalsOptions {
  format?: SignalFileFormat;
  params?: PopulationParams;
  seed?: number;
  municipalities?: readonly string[];
  signalTypes?: readonly string[];
  senders?: readonly string[];
  /** 'YYYY-MM'; default 2025-01 (every experiment of the TR is running then). */
  firstMonth?: string;
  /** Months the signals are spread over when scale is derived; default 12. */
  months?: number;
  /** Population scale; default: derived from count and months. */
  scale?: number;
  /** Leave out deliberately invalid rows and repeats. */
  clean?: boolean;
  /** Bytes buffered into one write; default 1 MiB. */
  chunkBytes?: number;
}

export interface WriteSignalsResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  scale: number;
  firstMonth: string;
  lastMonth: string;
}

const DEFAULT_FIRST_MONTH = '2025-01';

function withoutNoise(params: PopulationParams): PopulationParams {
  return { ...params, defects: { ...params.defects, share: 0 }, repeats: { ...params.repeats, share: 0 } };
}

/**
 * The population scale at which `count` matching signals fit in `months`, measured with a one-month
 * pilot at scale 1 (filters make the share of matching signals hard to predict otherwise).
 */
export function scaleForCount(count: number, months: number, opts: WriteSignalsOptions, params: PopulationParams): number {
  const seed = opts.seed ?? 1;
  const pilot = generateSignals(generatePopulation(params, seed), params, { firstMonth: opts.firstMonth ?? DEFAULT_FIRST_MONTH, months: 1 }, seed, {
    ...(opts.municipalities === undefined ? {} : { municipalities: opts.municipalities }),
    ...(opts.signalTypes === undefined ? {} : { signalTypes: opts.signalTypes }),
    ...(opts.senders === undefined ? {} : { senders: opts.senders }),
  });
  let perMonth = 0;
  for (const _ of pilot) perMonth++;
  if (perMonth === 0) throw new Error('no signals match these filters (municipality, sender type, sender) in the first month');
  return Math.max(1, (count / (perMonth * months)) * 1.03);
}

function waitForDrain(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

/**
 * Writes `count` signals to the stream (header first for CSV) and resolves when the last chunk is
 * accepted; waits for 'drain' whenever the stream asks to, so memory stays flat. Does not end the
 * stream. For benchmark scripts: `await writeSignalsCsv(createWriteStream(path), 1_000_000, {})`.
 */
export async function writeSignals(stream: Writable, count: number, opts: WriteSignalsOptions = {}): Promise<WriteSignalsResult> {
  const started = performance.now();
  const format = opts.format ?? 'csv';
  const base = opts.params ?? loadPopulationParams();
  const params = opts.clean === true ? withoutNoise(base) : base;
  const seed = opts.seed ?? 1;
  const months = opts.months ?? 12;
  const firstMonth = opts.firstMonth ?? DEFAULT_FIRST_MONTH;
  const scale = opts.scale ?? scaleForCount(count, months, opts, params);
  const population = generatePopulation(params, seed, { scale });
  // Unbounded period: the stream stops at `count`; filters that match few signals just take longer.
  const signals = generateSignals(population, params, { firstMonth, months: Number.POSITIVE_INFINITY }, seed, {
    ...(opts.municipalities === undefined ? {} : { municipalities: opts.municipalities }),
    ...(opts.signalTypes === undefined ? {} : { signalTypes: opts.signalTypes }),
    ...(opts.senders === undefined ? {} : { senders: opts.senders }),
  });
  // Lines are encoded straight into a byte buffer (see csv-encoder.ts); a full buffer is handed to
  // the stream and a new one started, so the stream may keep the old one until it is written.
  const chunkBytes = Math.max(opts.chunkBytes ?? 1 << 20, 4 * MAX_LINE_BYTES);
  const encoder = new CsvLineEncoder(Buffer.allocUnsafe(chunkBytes));
  if (format === 'csv') encoder.writeAscii(CSV_HEADER_LINE);
  let rows = 0;
  let bytes = 0;
  let last: GeneratedSignal | undefined;
  const flush = async () => {
    if (encoder.offset === 0) return;
    const full = (encoder.buffer as Buffer).subarray(0, encoder.offset);
    bytes += encoder.offset;
    encoder.reset(Buffer.allocUnsafe(chunkBytes));
    if (!stream.write(full)) await waitForDrain(stream);
  };
  for (const g of signals) {
    if (rows >= count) break;
    if (format === 'csv') encoder.writeSignal(g.signal);
    else {
      const line = `${JSON.stringify(g.signal)}\n`;
      // UTF-8 needs at most 3 bytes per UTF-16 unit.
      if (encoder.offset + line.length * 3 > chunkBytes) await flush();
      encoder.offset += (encoder.buffer as Buffer).write(line, encoder.offset);
    }
    rows++;
    last = g;
    if (encoder.offset + MAX_LINE_BYTES > chunkBytes) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    scale,
    firstMonth,
    lastMonth: last?.signal.signalDate.slice(0, 7) || firstMonth,
  };
}

export function writeSignalsCsv(stream: Writable, count: number, opts: Omit<WriteSignalsOptions, 'format'> = {}): Promise<WriteSignalsResult> {
  return writeSignals(stream, count, { ...opts, format: 'csv' });
}

export function writeSignalsJsonl(stream: Writable, count: number, opts: Omit<WriteSignalsOptions, 'format'> = {}): Promise<WriteSignalsResult> {
  return writeSignals(stream, count, { ...opts, format: 'jsonl' });
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function usage(): string {
  return [
    'usage: npx tsx src/cli/generate-signals.ts --count N --out FILE [options]',
    '  --format csv|jsonl       file format (default csv)',
    '  --seed N                 random seed (default 1); the same seed gives the same file',
    '  --municipality GM0363    one or more CBS codes, comma-separated (default: all in the parameters)',
    '  --sender-type rent       one or more signal types, comma-separated',
    '  --sender ID              one or more sender organisation ids, comma-separated',
    '  --from YYYY-MM           first month (default 2025-01)',
    '  --months N               months to spread the signals over when deriving the scale (default 12)',
    '  --scale X                population scale (default: derived from --count and --months)',
    '  --params FILE            parameter file (default sim/population.params.yaml)',
    '  --clean                  no deliberately invalid rows and no repeats',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      seed: { type: 'string' },
      municipality: { type: 'string' },
      'sender-type': { type: 'string' },
      sender: { type: 'string' },
      from: { type: 'string' },
      months: { type: 'string' },
      scale: { type: 'string' },
      params: { type: 'string' },
      clean: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const count = Number(values.count);
  const format = values.format;
  if (!Number.isInteger(count) || count < 0 || values.out === undefined || (format !== 'csv' && format !== 'jsonl')) {
    console.error(usage());
    return 2;
  }
  const opts: WriteSignalsOptions = {
    format,
    params: loadPopulationParams(values.params),
    seed: values.seed === undefined ? 1 : Number(values.seed),
    clean: values.clean,
  };
  const municipalities = list(values.municipality);
  const signalTypes = list(values['sender-type']);
  const senders = list(values.sender);
  if (municipalities !== undefined) opts.municipalities = municipalities;
  if (signalTypes !== undefined) opts.signalTypes = signalTypes;
  if (senders !== undefined) opts.senders = senders;
  if (values.from !== undefined) opts.firstMonth = values.from;
  if (values.months !== undefined) opts.months = Number(values.months);
  if (values.scale !== undefined) opts.scale = Number(values.scale);

  const toStdout = values.out === '-';
  const stream = toStdout ? process.stdout : createWriteStream(values.out);
  const result = await writeSignals(stream, count, opts);
  if (!toStdout) await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const report = [
    `wrote ${result.rows.toLocaleString('en')} signals (${(result.bytes / 1e6).toFixed(1)} MB ${format}) to ${values.out}`,
    `elapsed ${result.seconds.toFixed(2)} s, ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s`,
    `population scale ${result.scale.toFixed(2)}, months ${result.firstMonth} .. ${result.lastMonth}, seed ${opts.seed}`,
  ];
  // The report goes to stderr so that `--out -` output stays a clean file.
  console.error(report.join('\n'));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
