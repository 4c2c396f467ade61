/**
 * Cutting a byte stream into pieces of whole records, so each piece can be parsed on its own (in a worker thread).
 * Only `"` and `\n` bytes matter, and neither can occur inside a multi-byte UTF-8 character, so a cut is always
 * on a character boundary as well.
 */

const QUOTE = 0x22;
const LF = 0x0a;

/** Buffer's indexOf/lastIndexOf with a number go to memchr/memrchr; wrapping a Uint8Array this way copies nothing. */
function asBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Index of the last `byte` strictly before `end`, or -1. Guards `end` because a negative offset counts from the end. */
function lastBefore(buf: Buffer, byte: number, end: number): number {
  return end > 0 ? buf.lastIndexOf(byte, end - 1) : -1;
}

function countQuotes(buf: Buffer): number {
  let n = 0;
  for (let q = buf.indexOf(QUOTE); q !== -1; q = buf.indexOf(QUOTE, q + 1)) n++;
  return n;
}

/**
 * Finds where whole CSV records end in a byte buffer, quote-aware (a newline inside a quoted field does not end a record).
 * The caller always starts a scan at a record boundary (outside quotes).
 * Returns the index just past the LAST newline (0x0A) that lies outside quotes, or -1 when the buffer holds no complete record end.
 *
 * Every `"` toggles the in-quotes state (an escaped `""` toggles twice). Knowing the parity at the end of the buffer,
 * we walk backwards over newlines: the first one with an even number of quotes before it is the answer. In the
 * common case (no quotes) that is one memchr over the buffer and one memrchr from its end.
 */
export function lastRecordEnd(buf: Uint8Array): number {
  const bytes = asBuffer(buf);
  let quotesBeforeEnd = countQuotes(bytes);
  let quote = lastBefore(bytes, QUOTE, bytes.length);
  let end = bytes.length;
  for (;;) {
    const nl = lastBefore(bytes, LF, end);
    if (nl === -1) return -1;
    // Each quote is stepped over once in total, so a quote-heavy buffer still costs O(length).
    while (quote > nl) {
      quotesBeforeEnd--;
      quote = lastBefore(bytes, QUOTE, quote);
    }
    if ((quotesBeforeEnd & 1) === 0) return nl + 1;
    end = nl;
  }
}

/** The same cut for JSON Lines, where a newline can never be part of a value: just past the last `\n`, or -1. */
export function lastLineEnd(buf: Uint8Array): number {
  const nl = asBuffer(buf).lastIndexOf(LF);
  return nl === -1 ? -1 : nl + 1;
}
