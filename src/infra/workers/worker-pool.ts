import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';

/** What a worker answers a request with: the request's `seq`, and a result or an error message. */
export type PoolReply<R> = ({ seq: number } & R) | { seq: number; error: string };

/** One thread of the pool, with what its user keeps about it (e.g. which data it has been sent already). */
export interface PoolSlot<S> {
  readonly worker: Worker;
  state: S;
}

interface Slot<S> extends PoolSlot<S> {
  pending: Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>;
}

const bundles = new Map<string, Promise<string>>();

/**
 * A worker's code as one script, bundled from its TypeScript sources by esbuild (tsx's own
 * compiler) once per process. A worker running through the tsx loader instead would load its
 * module graph through the loader's hooks and cost ~50 MB more per thread; this one costs ~15.
 */
function bundle(entry: URL): Promise<string> {
  const file = fileURLToPath(entry);
  let script = bundles.get(file);
  if (!script) {
    script = (async () => {
      const { build } = await import('esbuild');
      const out = await build({ entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
      // Wrapped: top-level names of the bundle (crypto, …) must not collide with the worker's globals.
      return `(function () {\n${out.outputFiles[0]!.text}\n})();`;
    })();
    bundles.set(file, script);
  }
  return script;
}

/**
 * A fixed number of worker threads running one TypeScript entry, taken in turn. Threads start on
 * first use; idle threads do not keep the process alive; a thread that dies fails its requests and
 * is replaced by a fresh one. Requests and replies are matched by a sequence number.
 */
export class WorkerPool<Res, S> {
  private readonly slots: Slot<S>[] = [];
  private script: string | undefined;
  private seq = 0;
  private turn = 0;

  constructor(
    private readonly entry: URL,
    readonly size: number,
    private readonly options: { workerData: unknown; resourceLimits?: ResourceLimits; initialState: () => S },
  ) {}

  /** The next thread in turn (starting the threads if they are not running). */
  async next(): Promise<PoolSlot<S>> {
    this.script ??= await bundle(this.entry);
    if (this.slots.length === 0) for (let i = 0; i < this.size; i++) this.slots.push(this.open());
    return this.slots[this.turn++ % this.slots.length]!;
  }

  private open(): Slot<S> {
    const worker = new Worker(this.script!, { eval: true, workerData: this.options.workerData, ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}) });
    const slot: Slot<S> = { worker, state: this.options.initialState(), pending: new Map() };
    worker.unref();
    worker.on('message', (m: PoolReply<Res>) => {
      const p = slot.pending.get(m.seq);
      if (!p) return;
      slot.pending.delete(m.seq);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m);
    });
    const fail = (err: Error) => {
      // A worker that died takes its requests with it; the next request goes to a fresh one.
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.open();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  /** Sends a request (built around its sequence number) to a thread and waits for the reply. */
  request(slot: PoolSlot<S>, build: (seq: number) => { message: unknown; transfer: TransferListItem[] }): Promise<{ seq: number } & Res> {
    const s = slot as Slot<S>;
    const seq = ++this.seq;
    const { message, transfer } = build(seq);
    return new Promise((resolve, reject) => {
      s.pending.set(seq, { resolve: resolve as (r: unknown) => void, reject });
      s.worker.ref();
      s.worker.postMessage(message, transfer);
    });
  }

  /** Sends a message that gets no reply (e.g. a buffer handed back), if the thread still runs. */
  post(slot: PoolSlot<S>, message: unknown, transfer: TransferListItem[]): boolean {
    if (!this.slots.includes(slot as Slot<S>)) return false;
    slot.worker.postMessage(message, transfer);
    return true;
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
