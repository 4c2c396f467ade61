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
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { PopulationParams } from '../domain/population/params.ts';
import { generatePopulation } from '../domain/population/population.ts';
import { CSV_HEADER_LINE } from '../domain/population/signal-csv.ts';
import { SignalSource, generateSignals } from '../domain/population/signal-stream.ts';
import { loadPopulationParams } from './generate-params.ts';
import { UnitEncoder, firstLines, type EncodedUnit, type SignalFileFormat } from './generate-signals-units.ts';
import type { UnitMessage, WorkerJob } from './generate-signals-worker.ts';

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
  /** Worker threads generating in parallel; default 2 (or fewer cores); 1 = in this thread. */
  workers?: number;
}

export interface WriteSignalsResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  scale: number;
  workers: number;
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

/** Units of encoded signals in the stream's own order, produced here or by worker threads. */
interface UnitFeed {
  next(): Promise<EncodedUnit | undefined>;
  close(): Promise<void>;
}

function localFeed(job: WorkerJob): UnitFeed {
  const population = generatePopulation(job.params, job.seed, { scale: job.scale });
  const source = new SignalSource(population, job.params, { firstMonth: job.firstMonth, months: Number.POSITIVE_INFINITY }, job.seed, {
    municipalities: job.municipalities,
    ...(job.signalTypes === undefined ? {} : { signalTypes: job.signalTypes }),
    ...(job.senders === undefined ? {} : { senders: job.senders }),
  });
  const encoder = new UnitEncoder(source, job.format);
  return { next: () => Promise.resolve(encoder.next()), close: () => Promise.resolve() };
}

/**
 * Municipalities are shared out over the workers by size (largest first to the least loaded);
 * the main thread takes the units back in the stream's own order (month by month, municipality by
 * municipality), so the file is byte-for-byte the same whatever the number of workers.
 */
function workerFeed(job: WorkerJob, workers: number, inhabitants: Map<string, number>): UnitFeed {
  const codes = job.municipalities;
  const owner = new Map<string, number>();
  const load = new Array<number>(workers).fill(0);
  const shares: string[][] = Array.from({ length: workers }, () => []);
  for (const code of [...codes].sort((a, b) => (inhabitants.get(b) ?? 0) - (inhabitants.get(a) ?? 0))) {
    const w = load.indexOf(Math.min(...load));
    owner.set(code, w);
    load[w] = (load[w] ?? 0) + (inhabitants.get(code) ?? 0);
  }
  // Each worker goes through its municipalities in the selection's order.
  for (const code of codes) shares[owner.get(code) ?? 0]?.push(code);
  const queues: UnitMessage[][] = shares.map(() => []);
  const waiting: Array<((m: UnitMessage) => void) | undefined> = shares.map(() => undefined);
  let failure: Error | undefined;
  let failed: ((e: Error) => void) | undefined;
  const threads = shares.map((municipalities, w) => {
    const t = startWorker({ ...job, municipalities });
    t.on('message', (m: UnitMessage) => {
      const resolve = waiting[w];
      if (resolve !== undefined) {
        waiting[w] = undefined;
        resolve(m);
      } else queues[w]?.push(m);
    });
    t.on('error', (e: Error) => {
      failure = e;
      failed?.(e);
    });
    return t;
  });
  let position = 0;
  return {
    async next() {
      if (failure !== undefined) throw failure;
      const code = codes[position % codes.length] as string;
      position++;
      const w = owner.get(code) ?? 0;
      const queued = queues[w]?.shift();
      const m =
        queued ??
        (await new Promise<UnitMessage>((resolve, reject) => {
          waiting[w] = resolve;
          failed = reject;
        }));
      // Tell the worker one unit less is in flight, so it may make the next.
      threads[w]?.postMessage('ack');
      return { bytes: Buffer.from(m.bytes, m.offset, m.length), rows: m.rows };
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

/**
 * Worker threads do not inherit the TypeScript loader that `tsx` installs in the main thread, so a
 * small bootstrap registers it before importing the worker module (a compiled .js build skips it).
 */
function startWorker(job: WorkerJob): Worker {
  const url = new URL('./generate-signals-worker.ts', import.meta.url).href;
  const boot = url.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`
    : `import(${JSON.stringify(url)});`;
  return new Worker(boot, { eval: true, workerData: job });
}

function defaultWorkers(): number {
  // Two workers use both cores of the reference machine; more rarely pays for the ordering wait.
  return Math.min(2, availableParallelism());
}

/**
 * Writes `count` signals to the stream (header first for CSV) and resolves when the last chunk is
 * accepted; waits for 'drain' whenever the stream asks to, so memory stays flat. Does not end the
 * stream. For benchmark scripts: `await writeSignalsCsv(createWriteStream(path), 1_000_000)`.
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
  const municipalities = [...(opts.municipalities ?? params.municipalities.map((m) => m.code))];
  const job: WorkerJob = {
    params,
    seed,
    scale,
    firstMonth,
    municipalities,
    ...(opts.signalTypes === undefined ? {} : { signalTypes: [...opts.signalTypes] }),
    ...(opts.senders === undefined ? {} : { senders: [...opts.senders] }),
    format,
    maxInFlight: 6,
  };
  const workers = Math.min(opts.workers ?? defaultWorkers(), municipalities.length);
  const inhabitants = new Map(params.municipalities.map((m) => [m.code, m.inhabitants]));
  const feed = workers > 1 ? workerFeed(job, workers, inhabitants) : localFeed(job);

  let rows = 0;
  let bytes = 0;
  const write = async (chunk: Buffer) => {
    bytes += chunk.length;
    if (!stream.write(chunk)) await waitForDrain(stream);
  };
  try {
    if (format === 'csv') await write(Buffer.from(CSV_HEADER_LINE));
    while (rows < count) {
      const unit = await feed.next();
      if (unit === undefined) break;
      if (rows + unit.rows > count) {
        await write(firstLines(unit.bytes, count - rows));
        rows = count;
      } else {
        await write(unit.bytes);
        rows += unit.rows;
      }
    }
  } finally {
    await feed.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds, scale, workers: Math.max(1, workers) };
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
    '  --workers N              generating threads (default 2; 1 = no worker threads)',
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
      workers: { type: 'string' },
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
  if (values.workers !== undefined) opts.workers = Number(values.workers);

  const toStdout = values.out === '-';
  const stream = toStdout ? process.stdout : createWriteStream(values.out);
  const result = await writeSignals(stream, count, opts);
  if (!toStdout) await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const report = [
    `wrote ${result.rows.toLocaleString('en')} signals (${(result.bytes / 1e6).toFixed(1)} MB ${format}) to ${values.out}`,
    `elapsed ${result.seconds.toFixed(2)} s, ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s`,
    `population scale ${result.scale.toFixed(3)}, ${result.workers} worker(s), from ${opts.firstMonth ?? DEFAULT_FIRST_MONTH}, seed ${opts.seed}`,
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
