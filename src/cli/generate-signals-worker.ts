/**
 * Worker thread of the generate-signals CLI: generates and encodes the units of its share of the
 * municipalities and posts them to the main thread, at most `maxInFlight` ahead of what the main
 * thread has written (flow control, so memory stays bounded when the disk is slow).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PopulationParams } from '../domain/population/params.ts';
import { generatePopulation } from '../domain/population/population.ts';
import { SignalSource } from '../domain/population/signal-stream.ts';
import { UnitEncoder, type SignalFileFormat } from './generate-signals-units.ts';

export interface WorkerJob {
  params: PopulationParams;
  seed: number;
  scale: number;
  firstMonth: string;
  municipalities: string[];
  signalTypes?: string[];
  senders?: string[];
  format: SignalFileFormat;
  maxInFlight: number;
}

export interface UnitMessage {
  bytes: ArrayBuffer;
  offset: number;
  length: number;
  rows: number;
}

const port = parentPort;
if (port !== null) {
  const job = workerData as WorkerJob;
  const population = generatePopulation(job.params, job.seed, { scale: job.scale });
  const source = new SignalSource(population, job.params, { firstMonth: job.firstMonth, months: Number.POSITIVE_INFINITY }, job.seed, {
    municipalities: job.municipalities,
    ...(job.signalTypes === undefined ? {} : { signalTypes: job.signalTypes }),
    ...(job.senders === undefined ? {} : { senders: job.senders }),
  });
  const encoder = new UnitEncoder(source, job.format);
  let inFlight = 0;
  const pump = () => {
    while (inFlight < job.maxInFlight) {
      const unit = encoder.next();
      if (unit === undefined) return;
      inFlight++;
      const msg: UnitMessage = { bytes: unit.bytes.buffer as ArrayBuffer, offset: unit.bytes.byteOffset, length: unit.bytes.length, rows: unit.rows };
      port.postMessage(msg, [msg.bytes]);
    }
  };
  port.on('message', () => {
    inFlight--;
    pump();
  });
  pump();
}
