/**
 * Where the encoded units of the generate-signals CLI come from: this thread, or worker threads
 * that each generate a share of the municipalities. Either way the units come back in the
 * stream's own order, so the file does not depend on the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { generatePopulation } from '../population/population.ts';
import { SignalSource } from '../population/signal-stream.ts';
import { UnitEncoder, type EncodedUnit } from './generate-signals-units.ts';
import { monthsOf, type UnitMessage, type WorkerJob } from './generate-signals-worker.ts';

/** Units of encoded signals in the stream's own order, produced here or by worker threads. */
export interface UnitFeed {
  next(): Promise<EncodedUnit | undefined>;
  close(): Promise<void>;
}

export function localFeed(job: WorkerJob): UnitFeed {
  const population = generatePopulation(job.params, job.seed, { scale: job.scale });
  const source = new SignalSource(population, job.params, { firstMonth: job.firstMonth, months: monthsOf(job) }, job.seed, {
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
export function workerFeed(job: WorkerJob, workers: number, inhabitants: Map<string, number>): UnitFeed {
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

export function defaultWorkers(): number {
  // Two workers use both cores of the reference machine; more rarely pays for the ordering wait.
  return Math.min(2, availableParallelism());
}
