// A worker thread of intake: judges and encodes chunks of batch files (processChunk) so that the
// main thread only streams bytes and talks to the database. See intake-workers.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { BufferPool } from '../../../infra/buffer-pool.ts';
import { processChunk, type IntakeKit } from './chunk-processor.ts';
import { kitFromSnapshot } from './intake-kit.ts';
import type { WorkerMessage, WorkerReply } from './intake-workers.ts';

const { pseudonymKey } = workerData as { pseudonymKey: string };
let kit: { id: string; kit: IntakeKit } | undefined;

/**
 * Tuple buffers the main thread sent back once it had stored their chunk: a chunk's ~1.5 MB of
 * tuples is then neither allocated here nor left as garbage there.
 */
const spares = new BufferPool(3);
const output = (bytes: number) => spares.take(bytes);

parentPort!.on('message', async (m: WorkerMessage) => {
  if ('recycle' in m) {
    spares.give(m.recycle);
    return;
  }
  let reply: WorkerReply;
  try {
    if (m.snapshot) kit = { id: m.snapshot.id, kit: kitFromSnapshot(m.snapshot, pseudonymKey) };
    if (!kit || kit.id !== m.kitId) throw new Error('intake worker: no kit for this chunk');
    // ajv is loaded only by a worker that is given JSON Lines (replies go by seq, so a second message meanwhile is fine).
    if (m.job.layout.format === 'jsonl' && !kit.kit.checkShape) kit.kit.checkShape = (await import('../../validation/signal-validator.ts')).checkSignalShape;
    const result = processChunk(kit.kit, m.job, output);
    // The job's bytes are read (decoded into text) and go back with the result, to carry the next job.
    const input = m.job.bytes.buffer as ArrayBuffer;
    reply = { seq: m.seq, result, input };
    parentPort!.postMessage(reply, [result.tuples.buffer as ArrayBuffer, input]);
    return;
  } catch (e) {
    // Only the message: a stack could carry nothing personal, but the message is all the caller logs.
    reply = { seq: m.seq, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
