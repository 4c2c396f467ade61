import type { ChunkJob, ProcessedChunk } from './chunk-processor.ts';
import type { IntakeKitSnapshot } from './intake-kit.ts';
import { BufferPool } from '../../../infra/buffer-pool.ts';
import { WorkerPool, type PoolSlot } from '../../../infra/workers/worker-pool.ts';

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

/** Chunks on their way to or in the workers at most, each with its own copy of the bytes. */
const MAX_INPUT_SPARES = 4;

/**
 * A small pool of worker threads that judge and encode chunks of batch files in parallel with the
 * database work (a 2-core machine: the database uses one core, the workers the rest). Started on
 * first use (or warmUp), kept for later uploads; idle workers do not keep the process alive.
 */
export class IntakeWorkers {
  /** Each thread's state: the kit it was last sent (a chunk with the same kit does not send it again). */
  private readonly pool: WorkerPool<{ result: ProcessedChunk; input: ArrayBuffer }, { kitId: string | undefined }>;
  private users = 0;
  /** Buffers of jobs' bytes the workers gave back, to copy the next jobs into. */
  private readonly inputSpares = new BufferPool(MAX_INPUT_SPARES);
  /** Which worker judged a chunk, to give its buffer back to. */
  private readonly producedBy = new WeakMap<ProcessedChunk, PoolSlot<{ kitId: string | undefined }>>();

  constructor(
    readonly size: number,
    pseudonymKey: string,
  ) {
    this.pool = new WorkerPool(new URL('./intake-worker.ts', import.meta.url), size, {
      workerData: { pseudonymKey },
      // A chunk's garbage is short-lived: a small heap keeps each thread's memory near its live data
      // (the process's memory target is 300 MB in all). A 4 MB young generation lets a chunk's rows
      // die young: with 2 MB a fifth of a worker's time went to collection (1M rows: 13.4 s, not 14.5).
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 },
      initialState: () => ({ kitId: undefined }),
    });
  }

  /** Judges one chunk in a worker thread. The chunk's bytes are copied, so the caller may reuse its buffer. */
  async run(kit: IntakeKitSnapshot, job: ChunkJob): Promise<ProcessedChunk> {
    const slot = await this.pool.next();
    const bytes = this.inputSpares.take(job.bytes.length);
    bytes.set(job.bytes);
    const withKit = slot.state.kitId === kit.id ? {} : { snapshot: kit };
    slot.state.kitId = kit.id;
    const reply = await this.pool.request(slot, (seq) => {
      const message: WorkerRequest = { seq, kitId: kit.id, ...withKit, job: { ...job, bytes } };
      return { message, transfer: [bytes.buffer] };
    });
    this.inputSpares.give(reply.input);
    this.producedBy.set(reply.result, slot);
    return reply.result;
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
    if (!slot || !(buffer instanceof ArrayBuffer) || buffer.byteLength < this.inputSpares.minBytes) return;
    const message: RecycledBuffer = { recycle: buffer };
    this.pool.post(slot, message, [buffer]);
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
    await Promise.all(Array.from({ length: this.size }, () => this.run(kit, job)));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
