/**
 * Encodes the signal stream unit by unit (one municipality in one month) into byte buffers, for
 * the generate-signals CLI: in its own thread or in a worker. A unit is encoded whole and handed on
 * as one buffer, so whoever writes the file deals in a few large writes, not millions of lines.
 */
import type { GeneratedSignal } from '../population/signal-builder.ts';
import { signalToCsvLine } from '../population/signal-csv.ts';
import type { SignalSource } from '../population/signal-stream.ts';

export type SignalFileFormat = 'csv' | 'jsonl';

export interface EncodedUnit {
  bytes: Buffer;
  rows: number;
}

export class UnitEncoder {
  private buf: Buffer;
  private used = 0;
  private rows = 0;
  private unit = 0;
  /** Bytes of the last unit at each position in the month: the next buffer is sized from it. */
  private readonly lastSize: number[] = [];
  private readonly emit: (g: GeneratedSignal) => void;

  constructor(
    private readonly source: SignalSource,
    format: SignalFileFormat,
    private readonly initialBytes = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
    this.emit =
      format === 'csv'
        ? (g) => this.append(signalToCsvLine(g.signal))
        : (g) => this.append(`${JSON.stringify(g.signal)}\n`);
  }

  private append(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + line.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + line.length * 3));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used);
    this.rows++;
  }

  /**
   * The next unit's bytes, or undefined when the period is over. The buffer is the encoder's own
   * (not pooled), so it may be transferred to another thread; a new one is started for the next.
   */
  next(): EncodedUnit | undefined {
    if (!this.source.nextUnit(this.emit)) return undefined;
    const unit = { bytes: this.buf.subarray(0, this.used), rows: this.rows };
    const units = this.source.unitsPerMonth;
    this.lastSize[this.unit % units] = this.used;
    this.unit++;
    // Sized like the same municipality's previous month, so the buffer rarely has to grow (each
    // growth copies everything written so far).
    const expected = this.lastSize[this.unit % units] ?? this.initialBytes;
    this.buf = Buffer.allocUnsafeSlow(Math.ceil(expected * 1.1) + 64 * 1024);
    this.used = 0;
    this.rows = 0;
    return unit;
  }
}

/** The first `rows` lines of a unit (to stop at an exact count). */
export function firstLines(bytes: Buffer, rows: number): Buffer {
  let end = 0;
  for (let i = 0; i < rows; i++) {
    const nl = bytes.indexOf(10, end);
    if (nl < 0) return bytes;
    end = nl + 1;
  }
  return bytes.subarray(0, end);
}
