/**
 * Writes synthetic signals to a stream as a batch file (CSV or JSON Lines): plans the population
 * scale, runs the generator here or in worker threads, and respects backpressure. For the CLI and
 * for benchmark scripts.
 */
import type { Writable } from 'node:stream';
import type { PopulationParams } from '../population/params.ts';
import { generatePopulation } from '../population/population.ts';
import { CSV_HEADER_LINE } from '../population/signal-csv.ts';
import { expectedSignalsPerMonth, generateSignals } from '../population/signal-stream.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { defaultWorkers, localFeed, workerFeed } from './generate-signals-feed.ts';
import { firstLines, type SignalFileFormat } from './generate-signals-units.ts';
import type { WorkerJob } from './generate-signals-worker.ts';

export type { SignalFileFormat };

export interface WriteSignalsOptions {
  format?: SignalFileFormat;
  params?: PopulationParams;
  seed?: number;
  municipalities?: readonly string[];
  signalTypes?: readonly string[];
  /** Only signals of these sender ids. */
  senders?: readonly string[];
  /**
   * Deliver every signal as this one organisation (a batch file comes from one sender): the
   * selected types' own senders are replaced by it, so references stay unique per sender.
   */
  asSender?: string;
  /** 'YYYY-MM'; default 2025-01 (every experiment of the TR is running then). */
  firstMonth?: string;
  /** Months the signals are spread over when scale is derived; default 12. */
  months?: number;
  /** No signal after this month ('YYYY-MM'): the run ends there even short of `count` (e.g. never past today). */
  lastMonth?: string;
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
  /** The scaled population has more residents than the BSN prefix has numbers: BSNs repeat. */
  bsnsRepeat: boolean;
}

export const DEFAULT_FIRST_MONTH = '2025-01';
const EMPTY_MONTHS_LIMIT = 24;

function withoutNoise(params: PopulationParams): PopulationParams {
  return { ...params, defects: { ...params.defects, share: 0 }, repeats: { ...params.repeats, share: 0 } };
}

/**
 * Only the given types are drawn (the others get weight 0): scale data for one type then costs no
 * work on signals that would be filtered out. The calibration no longer holds for such a run.
 */
export function onlyTypes(params: PopulationParams, types: readonly string[]): PopulationParams {
  return { ...params, signalTypes: params.signalTypes.map((t) => (types.includes(t.code) ? t : { ...t, weight: 0 })) };
}

/** The parameters with one organisation as the only sender of the given types (all when undefined). */
export function asOneSender(params: PopulationParams, senderId: string, types?: readonly string[]): PopulationParams {
  return {
    ...params,
    signalTypes: params.signalTypes.map((t) =>
      types === undefined || types.includes(t.code) ? { ...t, senders: [{ id: senderId, name: senderId, share: 1 }] } : t,
    ),
  };
}

/**
 * The population scale at which `count` matching signals fit in `months`, measured with a one-month
 * pilot at scale 1 (filters make the share of matching signals hard to predict otherwise).
 */
export function scaleForCount(count: number, months: number, opts: WriteSignalsOptions, params: PopulationParams): number {
  const seed = opts.seed ?? 1;
  if (opts.signalTypes === undefined && opts.senders === undefined) {
    // Without filters the rate is known from the parameters: no pilot needed.
    const perMonth = expectedSignalsPerMonth(generatePopulation(params, seed), params, opts.municipalities);
    return Math.max(1, (count / (perMonth * months)) * 1.03);
  }
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
 * stream. For benchmark scripts: `await writeSignalsCsv(createWriteStream(path), 1_000_000)`.
 */
export async function writeSignals(stream: Writable, count: number, opts: WriteSignalsOptions = {}): Promise<WriteSignalsResult> {
  const started = performance.now();
  const format = opts.format ?? 'csv';
  const loaded = opts.params ?? loadPopulationParams();
  let params = opts.asSender === undefined ? loaded : asOneSender(loaded, opts.asSender, opts.signalTypes);
  if (opts.signalTypes !== undefined) params = onlyTypes(params, opts.signalTypes);
  if (opts.clean === true) params = withoutNoise(params);
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
    ...(opts.lastMonth === undefined ? {} : { lastMonth: opts.lastMonth }),
    municipalities,
    ...(opts.signalTypes === undefined ? {} : { signalTypes: [...opts.signalTypes] }),
    ...(opts.senders === undefined ? {} : { senders: [...opts.senders] }),
    format,
    // Units a worker may run ahead of the writer. More did not help (measured 6 to 54): the workers
    // are busy generating, not waiting.
    maxInFlight: 8,
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
    // The period is open-ended; when the selected types stop being designated (the TR lapses on
    // 1 January 2026) months stay empty, and two empty years end the run short of `count`.
    const giveUpAfter = EMPTY_MONTHS_LIMIT * municipalities.length;
    let emptyUnits = 0;
    while (rows < count && emptyUnits < giveUpAfter) {
      const unit = await feed.next();
      if (unit === undefined) break;
      emptyUnits = unit.rows === 0 ? emptyUnits + 1 : 0;
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
  const bsnsRepeat = generatePopulation(params, seed, { scale }).bsnsRepeat;
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds, scale, workers: Math.max(1, workers), bsnsRepeat };
}

export function writeSignalsCsv(stream: Writable, count: number, opts: Omit<WriteSignalsOptions, 'format'> = {}): Promise<WriteSignalsResult> {
  return writeSignals(stream, count, { ...opts, format: 'csv' });
}

export function writeSignalsJsonl(stream: Writable, count: number, opts: Omit<WriteSignalsOptions, 'format'> = {}): Promise<WriteSignalsResult> {
  return writeSignals(stream, count, { ...opts, format: 'jsonl' });
}
