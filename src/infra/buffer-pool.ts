/**
 * A few transferable buffers kept for reuse between the intake threads: a chunk's bytes and its
 * tuples cross between threads by transfer, and a buffer that comes back is filled again instead
 * of a new one being allocated while the old one waits, outside the JavaScript heap, for a full
 * collection.
 */
export class BufferPool {
  private readonly spares: ArrayBuffer[] = [];

  constructor(
    private readonly max: number,
    /** Smaller buffers (a chunk of mostly refused rows) are not worth keeping, nor sending back. */
    readonly minBytes = 64 * 1024,
  ) {}

  /** A view of `bytes` bytes, on a kept buffer large enough or on a new one with a little room (the next chunks are about as large). */
  take(bytes: number): Uint8Array<ArrayBuffer> {
    const i = this.spares.findIndex((b) => b.byteLength >= bytes);
    const buffer = i >= 0 ? this.spares.splice(i, 1)[0]! : new ArrayBuffer(bytes + (bytes >> 3));
    return new Uint8Array(buffer, 0, bytes);
  }

  /** Keeps a buffer this thread now owns, unless the pool is full or the buffer small. */
  give(buffer: ArrayBuffer): void {
    if (this.spares.length < this.max && buffer.byteLength >= this.minBytes) this.spares.push(buffer);
  }
}
