import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkJob, ProcessedChunk } from './chunk-processor.ts';
import type { IntakeKitSnapshot } from './intake-kit.ts';
import { BufferPool } from './buffer-pool.ts';

export interface WorkerRequest {
  seq: number;
  kitId: string;
  /** Sent when the worker does not have this kit yet. */
  snapshot?: IntakeKitSnapshot;
  job: ChunkJob;
}

/** A chunk's tuple buffer, back from the main thread once stored, for the worker to fill again. */
export interface RecycledBuffer {
  recycle: ArrayBuffer;
}

export type WorkerMessage = WorkerRequest | RecycledBuffer;

/** With a result, the job's bytes come back too, for the next job (see run). */
export type WorkerReply = { seq: number; result: ProcessedChunk; input: ArrayBuffer } | { seq: number; error: string };

interface Slot {
  worker: Worker;
  kitId: string | undefined;
  pending: Map<number, { resolve: (r: ProcessedChunk) => void; reject: (e: Error) => void }>;
}

let bundled: Promise<string> | undefined;

/** Chunks on their way to or in the workers at most, each with its own copy of the bytes. */
const MAX_INPUT_SPARES = 4;

/**
 * The worker's code as one script, bundled from its TypeScript sources by esbuild (tsx's own
 * compiler) once per process. A worker running through the tsx loader instead would load its
 * module graph through the loader's hooks and cost ~50 MB more per thread; this one costs ~15.
 */
function workerScript(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const entry = fileURLToPath(new URL('./intake-worker.ts', import.meta.url));
    const out = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    // Wrapped: top-level names of the bundle (crypto, …) must not collide with the worker's globals.
    return `(function () {\n${out.outputFiles[0]!.text}\n})();`;
  })();
  return bundled;
}

/**
 * A small pool of worker threads that judge and encode chunks of batch files in parallel with the
 * database work (a 2-core machine: the database uses one core, the workers the rest). Started on
 * first use (or warmUp), kept for later uploads; idle workers do not keep the process alive.
 */
export class IntakeWorkers {
  private readonly slots: Slot[] = [];
  private script: string | undefined;
  private seq = 0;
  private turn = 0;
  private users = 0;
  /** Buffers of jobs' bytes the workers gave back, to copy the next jobs into. */
  private readonly inputSpares = new BufferPool(MAX_INPUT_SPARES);
  /** Which worker judged a chunk, to give its buffer back to. */
  private readonly producedBy = new WeakMap<ProcessedChunk, Slot>();

  constructor(
    readonly size: number,
    private readonly pseudonymKey: string,
  ) {}

  private async slot(): Promise<Slot> {
    this.script ??= await workerScript();
    if (this.slots.length === 0) for (let i = 0; i < this.size; i++) this.slots.push(this.open());
    return this.slots[this.turn++ % this.slots.length]!;
  }

  private open(): Slot {
    const worker = new Worker(this.script!, {
      eval: true,
      workerData: { pseudonymKey: this.pseudonymKey },
      // A chunk's garbage is short-lived: a small heap keeps each thread's memory near its live data
      // (the process's memory target is 300 MB in all). A 4 MB young generation lets a chunk's rows
      // die young: with 2 MB a fifth of a worker's time went to collection (1M rows: 13.4 s, not 14.5).
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, kitId: undefined, pending: new Map() };
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      const p = slot.pending.get(m.seq);
      if (!p) return;
      slot.pending.delete(m.seq);
      if (slot.pending.size === 0) worker.unref();
      if ('result' in m) {
        this.inputSpares.give(m.input);
        this.producedBy.set(m.result, slot);
        p.resolve(m.result);
      }
      else p.reject(new Error(m.error));
    });
    const fail = (err: Error) => {
      // A worker that died takes its chunks with it; the next chunk starts a fresh one.
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.open();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`intake worker exited with code ${code}`));
    });
    return slot;
  }

  /** Judges one chunk in a worker thread. The chunk's bytes are copied, so the caller may reuse its buffer. */
  async run(kit: IntakeKitSnapshot, job: ChunkJob): Promise<ProcessedChunk> {
    const slot = await this.slot();
    const seq = ++this.seq;
    const bytes = this.inputSpares.take(job.bytes.length);
    bytes.set(job.bytes);
    const request: WorkerRequest = { seq, kitId: kit.id, ...(slot.kitId === kit.id ? {} : { snapshot: kit }), job: { ...job, bytes } };
    slot.kitId = kit.id;
    return new Promise((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(request, [bytes.buffer]);
    });
  }

  /**
   * Gives a stored chunk's tuple buffer back to the worker that filled it. The chunk's `tuples`
   * are unusable afterwards (the buffer has moved to the other thread).
   */
  recycle(chunk: ProcessedChunk): void {
    const slot = this.producedBy.get(chunk);
    this.producedBy.delete(chunk);
    const buffer = chunk.tuples.buffer;
    // Not worth a message if the worker would not keep it (see BufferPool).
    if (!slot || !this.slots.includes(slot) || !(buffer instanceof ArrayBuffer) || buffer.byteLength < this.inputSpares.minBytes) return;
    const message: RecycledBuffer = { recycle: buffer };
    slot.worker.postMessage(message, [buffer]);
  }

  /**
   * Marks an upload that uses the workers; when the last one is done the threads end, so their
   * memory goes back (a big upload is rare, and starting them again takes a fraction of a second).
   */
  async use<T>(work: () => Promise<T>): Promise<T> {
    this.users++;
    try {
      return await work();
    } finally {
      if (--this.users === 0) await this.close();
    }
  }

  /** Starts the threads ahead of an upload (a benchmark before it measures: a running platform starts them per upload). */
  async warmUp(kit: IntakeKitSnapshot): Promise<void> {
    const none = new Uint8Array(0);
    const job = { bytes: none, offset: 0, layout: { format: 'jsonl' as const, header: [], columns: {} }, senderOrgId: '', latestSignalDate: '2000-01-01', batchId: '00000000-0000-0000-0000-000000000000' };
    await this.slot();
    await Promise.all(this.slots.map(() => this.run(kit, job)));
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
