/**
 * Worker thread of the generate-signals CLI: generates and encodes the units of its share of the
 * municipalities and posts them to the main thread, at most `maxInFlight` ahead of what the main
 * thread has written (flow control, so memory stays bounded when the disk is slow).
 */
import { parseMonth } from '../../domain/calendar.ts';
import { parentPort, workerData } from 'node:worker_threads';
import type { PopulationParams } from '../population/params.ts';
import { generatePopulation } from '../population/population.ts';
import { SignalSource } from '../population/signal-stream.ts';
import { UnitEncoder, type SignalFileFormat } from './generate-signals-units.ts';

/** How many months a job spans: up to its last month, or without end. */
export function monthsOf(job: Pick<WorkerJob, 'firstMonth' | 'lastMonth'>): number {
  if (job.lastMonth === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(0, parseMonth(job.lastMonth) - parseMonth(job.firstMonth) + 1);
}

export interface WorkerJob {
  params: PopulationParams;
  seed: number;
  scale: number;
  firstMonth: string;
  /** The last month to generate ('YYYY-MM'); absent: open-ended until enough rows are written. */
  lastMonth?: string;
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
  const source = new SignalSource(population, job.params, { firstMonth: job.firstMonth, months: monthsOf(job) }, job.seed, {
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
