import { Worker } from 'node:worker_threads';
import type { ChunkJob, ProcessedChunk } from './chunk-processor.ts';
import type { IntakeKitSnapshot } from './intake-kit.ts';

export interface WorkerRequest {
  seq: number;
  kitId: string;
  /** Sent when the worker does not have this kit yet. */
  snapshot?: IntakeKitSnapshot;
  job: ChunkJob;
}

export type WorkerReply = { seq: number; result: ProcessedChunk } | { seq: number; error: string };

interface Slot {
  worker: Worker;
  kitId: string | undefined;
  pending: Map<number, { resolve: (r: ProcessedChunk) => void; reject: (e: Error) => void }>;
}

/**
 * Worker threads do not inherit the TypeScript loader that `tsx` installs in the main thread, so a
 * small bootstrap registers it before importing the worker module (a compiled .js build skips it).
 */
function spawn(pseudonymKey: string): Worker {
  const url = new URL('./intake-worker.ts', import.meta.url).href;
  const boot = url.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`
    : `import(${JSON.stringify(url)});`;
  return new Worker(boot, { eval: true, workerData: { pseudonymKey } });
}

/**
 * A small pool of worker threads that judge and encode chunks of batch files in parallel with the
 * database work (a 2-core machine: the database uses one core, the workers the rest). Started on
 * first use (or warmUp), kept for later uploads; idle workers do not keep the process alive.
 */
export class IntakeWorkers {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private turn = 0;

  constructor(
    readonly size: number,
    private readonly pseudonymKey: string,
  ) {}

  private slot(): Slot {
    if (this.slots.length === 0) for (let i = 0; i < this.size; i++) this.slots.push(this.open());
    return this.slots[this.turn++ % this.slots.length]!;
  }

  private open(): Slot {
    const worker = spawn(this.pseudonymKey);
    const slot: Slot = { worker, kitId: undefined, pending: new Map() };
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      const p = slot.pending.get(m.seq);
      if (!p) return;
      slot.pending.delete(m.seq);
      if (slot.pending.size === 0) worker.unref();
      if ('result' in m) p.resolve(m.result);
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
  run(kit: IntakeKitSnapshot, job: ChunkJob): Promise<ProcessedChunk> {
    const slot = this.slot();
    const seq = ++this.seq;
    const bytes = new Uint8Array(job.bytes.length);
    bytes.set(job.bytes);
    const request: WorkerRequest = { seq, kitId: kit.id, ...(slot.kitId === kit.id ? {} : { snapshot: kit }), job: { ...job, bytes } };
    slot.kitId = kit.id;
    return new Promise((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(request, [bytes.buffer]);
    });
  }

  /** Starts the threads ahead of the first upload (a running platform; a benchmark before it measures). */
  async warmUp(kit: IntakeKitSnapshot): Promise<void> {
    const none = new Uint8Array(0);
    const job = { bytes: none, offset: 0, layout: { format: 'jsonl' as const, header: [], columns: {} }, senderOrgId: '', batchId: '00000000-0000-0000-0000-000000000000' };
    if (this.slots.length === 0) this.slot();
    await Promise.all(this.slots.map(() => this.run(kit, job)));
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
