/**
 * PostgreSQL binary COPY ("format binary") encoder, see
 * https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9.4
 *
 * Built for bulk loads of a million rows from a worker thread: every value is written straight
 * into one growing buffer, so the hot path allocates nothing. A value that cannot be encoded
 * throws a RangeError before anything is committed, because a single bad field would otherwise
 * make the server reject (or worse, misread) the whole COPY.
 *
 * The writer also counts the fields of each row against the count given to row(): a row with a
 * field too many or too few would make the server misread every byte after it.
 *
 * Error messages never repeat the offending value: these are signals about residents, and error
 * messages end up in logs.
 */

/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
/** Days from 1970-01-01 to 2000-01-01. */
const PG_EPOCH_DAYS = 10_957;
const TWO_32 = 4_294_967_296;
/** PostgreSQL's MIN_TIMESTAMP (4714-11-24 00:00 UTC BC) in ms since 2000; later bounds are beyond what a Date can hold. */
const PG_MIN_TIMESTAMP_MS = -211_813_488_000_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Strings of at most this many digits fit a safe integer, so they parse without BigInt. */
const SAFE_DIGITS = 15;
/**
 * ASCII strings up to this length are copied by a JS loop instead of Buffer#write: on Node 20 a
 * Buffer#write call (plus the U+0000 / surrogate checks it needs) costs ~60 ns whatever the length,
 * the loop ~2.5 ns a character, so the loop wins for the 5-25 character fields a signal is made of
 * (0.74 instead of 1.18 µs for a 40-field row). Anything else goes through Buffer#write.
 */
const ASCII_LOOP_MAX = 32;

/** Hex digit value by char code, -1 for anything else (so a bad digit makes the OR of all nibbles negative). */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}
/** Offset of each byte's first hex digit in the canonical 8-4-4-4-12 form. */
const UUID_DIGITS = Uint8Array.of(0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34);

/** ES2024's String#isWellFormed exists in Node 20, but the project compiles against the ES2023 lib. */
interface WellFormed {
  isWellFormed(): boolean;
}

/** Digit value, or a large negative number that keeps any weighted sum of at most 4 digits negative. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100_000;
}

function hex(c: number): number {
  return c < 128 ? HEX[c]! : -1;
}

/**
 * UTF-8 cannot carry lone surrogates (Buffer#write would silently turn them into U+FFFD) and
 * PostgreSQL text cannot hold U+0000; both must be refused rather than stored altered.
 */
function assertEncodableText(v: string, what: string): void {
  if (v.indexOf('\0') !== -1) throw new RangeError(`${what} contains U+0000, which PostgreSQL cannot store`);
  if (!(v as unknown as WellFormed).isWellFormed()) throw new RangeError(`${what} contains a lone UTF-16 surrogate, which UTF-8 cannot encode`);
}

/** Appends rows in PostgreSQL binary COPY format to a growing buffer (tuples only; header and trailer are separate). */
export class BinaryCopyWriter {
  /** 'PGCOPY\n\377\r\n\0', int32 flags 0 (no OIDs), int32 header-extension length 0. */
  static readonly HEADER: Uint8Array = Uint8Array.of(0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0);
  /** int16 -1: the field count that ends the data. */
  static readonly TRAILER: Uint8Array = Uint8Array.of(0xff, 0xff);

  private buf: Buffer;
  private view: DataView;
  private cap: number;
  private pos = 0;
  private rowStart = 0;
  /** Fields the current row still needs: a short or long row would corrupt everything after it. */
  private left = 0;
  private lastUuidText = '';
  private readonly lastUuid = new Uint8Array(16);

  constructor(initialBytes = 1 << 20) {
    if (!Number.isSafeInteger(initialBytes) || initialBytes < 16) throw new RangeError('initialBytes must be an integer of at least 16');
    // allocUnsafeSlow: a pooled Buffer would share (and pin) an ArrayBuffer with unrelated data.
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, initialBytes);
    this.cap = initialBytes;
  }

  /** Starts a row of n fields; returns the byte offset where the row starts (for patching later). */
  row(fieldCount: number): number {
    if (this.left !== 0) throw new RangeError(`the previous row still lacks ${this.left} field(s)`);
    // 1600 is PostgreSQL's column limit (MaxHeapAttributeNumber).
    if ((fieldCount | 0) !== fieldCount || fieldCount < 0 || fieldCount > 1600) throw new RangeError('fieldCount must be an integer from 0 to 1600');
    if (this.pos + 2 > this.cap) this.grow(2);
    const start = this.pos;
    this.view.setInt16(start, fieldCount);
    this.pos = start + 2;
    this.rowStart = start;
    this.left = fieldCount;
    return start;
  }

  /** Drops the row being written (e.g. after one of its values was refused), so the stream stays valid. */
  discardRow(): void {
    if (this.left === 0) return;
    this.pos = this.rowStart;
    this.left = 0;
  }

  text(v: string | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v !== 'string') throw new RangeError('text value must be a string');
    this.field();
    const n = v.length;
    // 3 bytes per UTF-16 unit is the UTF-8 worst case (a surrogate pair is 4 bytes for 2 units).
    const need = 4 + 3 * n;
    if (this.pos + need > this.cap) this.grow(need);
    const at = this.pos + 4;
    const buf = this.buf;
    if (n <= ASCII_LOOP_MAX) {
      let i = 0;
      for (; i < n; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x80 || c === 0) break;
        buf[at + i] = c;
      }
      if (i === n) return this.commitVar(n);
    }
    assertEncodableText(v, 'text value');
    this.commitVar(buf.write(v, at));
  }

  /**
   * A one-dimensional text[] without NULL elements (array_recv's binary form: ndim, has-null flag,
   * element type oid 25, then length and lower bound, then each element as a text value).
   */
  textArray(v: readonly string[] | null | undefined): void {
    if (v == null) return this.nil();
    this.field();
    for (const e of v) {
      if (typeof e !== 'string') throw new RangeError('text[] elements must be strings');
      assertEncodableText(e, 'text[] element');
    }
    const header = v.length === 0 ? 12 : 20;
    let need = 4 + header;
    for (const e of v) need += 4 + 3 * e.length;
    if (this.pos + need > this.cap) this.grow(need);
    const view = this.view;
    const start = this.pos + 4;
    view.setInt32(start, v.length === 0 ? 0 : 1);
    view.setInt32(start + 4, 0);
    view.setInt32(start + 8, 25);
    let at = start + 12;
    if (v.length > 0) {
      view.setInt32(at, v.length);
      view.setInt32(at + 4, 1);
      at += 8;
    }
    for (const e of v) {
      const n = this.buf.write(e, at + 4);
      view.setInt32(at, n);
      at += 4 + n;
    }
    this.commitVar(at - start);
  }

  int4(v: number | null | undefined): void {
    if (v == null) return this.nil();
    if ((v | 0) !== v) throw new RangeError('int4 value must be an integer from -2147483648 to 2147483647');
    this.field();
    if (this.pos + 8 > this.cap) this.grow(8);
    const view = this.view;
    view.setInt32(this.pos, 4);
    view.setInt32(this.pos + 4, v);
    this.pos += 8;
    this.left--;
  }

  /** Numbers must be safe integers; strings may be '-'? digits (node-postgres returns int8 columns as strings). */
  int8(v: number | string | bigint | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new RangeError('int8 number must be a safe integer; pass larger values as a string or bigint');
      this.field();
      this.fixed8(v);
    } else if (typeof v === 'string') {
      const n = v.length;
      const neg = n > 0 && v.charCodeAt(0) === 45;
      const first = neg ? 1 : 0;
      if (n === first || n - first > 19) throw new RangeError('int8 string must be an optional "-" followed by 1 to 19 digits');
      if (n - first <= SAFE_DIGITS) {
        let x = 0;
        let bad = 0;
        for (let i = first; i < n; i++) {
          const d = v.charCodeAt(i) - 48;
          bad |= d | (9 - d); // negative as soon as one character is not a digit
          x = x * 10 + d;
        }
        if (bad < 0) throw new RangeError('int8 string must contain only digits after an optional "-"');
        this.field();
        this.fixed8(neg ? -x : x);
      } else {
        for (let i = first; i < n; i++) if (digit(v, i) < 0) throw new RangeError('int8 string must contain only digits after an optional "-"');
        this.bigint8(BigInt(v));
      }
    } else if (typeof v === 'bigint') {
      this.bigint8(v);
    } else {
      throw new RangeError('int8 value must be a number, string or bigint');
    }
  }

  bool(v: boolean | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v !== 'boolean') throw new RangeError('bool value must be a boolean');
    this.field();
    if (this.pos + 5 > this.cap) this.grow(5);
    this.view.setInt32(this.pos, 1);
    this.buf[this.pos + 4] = v ? 1 : 0;
    this.pos += 5;
    this.left--;
  }

  /** 'YYYY-MM-DD' (years 0001-9999, real calendar days only) → int32 days since 2000-01-01. */
  date(v: string | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) throw new RangeError("date must be a 'YYYY-MM-DD' string");
    const y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
    const m = digit(v, 5) * 10 + digit(v, 6);
    const d = digit(v, 8) * 10 + digit(v, 9);
    if (y < 1 || m < 1 || m > 12 || d < 1) throw new RangeError("date must be a 'YYYY-MM-DD' string with year 0001-9999 and month 01-12");
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const monthDays = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    if (d > monthDays) throw new RangeError('date names a day that does not exist in its month');
    // Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html); years
    // here are >= 0 after the March shift, so truncating division equals floor division.
    const ya = m <= 2 ? y - 1 : y;
    const era = (ya / 400) | 0;
    const yoe = ya - era * 400;
    const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
    const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
    const days = era * 146_097 + doe - 719_468 - PG_EPOCH_DAYS;
    this.field();
    if (this.pos + 8 > this.cap) this.grow(8);
    this.view.setInt32(this.pos, 4);
    this.view.setInt32(this.pos + 4, days);
    this.pos += 8;
    this.left--;
  }

  /** Canonical 8-4-4-4-12 hex text (either case) → 16 bytes. */
  uuid(v: string | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v !== 'string' || v.length !== 36 || v.charCodeAt(8) !== 45 || v.charCodeAt(13) !== 45 || v.charCodeAt(18) !== 45 || v.charCodeAt(23) !== 45) {
      throw new RangeError('uuid must be 36 characters in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx');
    }
    if (this.pos + 20 > this.cap) this.grow(20);
    const at = this.pos + 4;
    const buf = this.buf;
    const last = this.lastUuid;
    if (v === this.lastUuidText) {
      // Bulk loads repeat one uuid (the batch id) on every row; copying beats re-parsing 32 digits.
      for (let k = 0; k < 16; k++) buf[at + k] = last[k]!;
    } else {
      // The bytes go in past the committed end first; they only count once all digits proved valid.
      let bad = 0;
      for (let k = 0; k < 16; k++) {
        const i = UUID_DIGITS[k]!;
        const hi = hex(v.charCodeAt(i));
        const lo = hex(v.charCodeAt(i + 1));
        bad |= hi | lo;
        const b = (hi << 4) | lo;
        buf[at + k] = b;
        last[k] = b;
      }
      if (bad < 0) {
        this.lastUuidText = '';
        throw new RangeError('uuid contains a character that is not a hex digit');
      }
      this.lastUuidText = v;
    }
    this.field();
    this.view.setInt32(this.pos, 16);
    this.pos += 20;
    this.left--;
  }

  /** JSON text → jsonb version byte 1 + UTF-8 text. The JSON itself is checked by the server, not here. */
  jsonb(v: string | null | undefined): void {
    if (v == null) return this.nil();
    if (typeof v !== 'string') throw new RangeError('jsonb value must be JSON text (a string)');
    assertEncodableText(v, 'jsonb text');
    this.field();
    const need = 5 + 3 * v.length;
    if (this.pos + need > this.cap) this.grow(need);
    this.buf[this.pos + 4] = 1;
    const written = this.buf.write(v, this.pos + 5);
    this.commitVar(written + 1);
  }

  bytea(v: Uint8Array | null | undefined): void {
    if (v == null) return this.nil();
    if (!(v instanceof Uint8Array)) throw new RangeError('bytea value must be a Uint8Array');
    this.field();
    const n = v.length;
    if (this.pos + 4 + n > this.cap) this.grow(4 + n);
    this.buf.set(v, this.pos + 4);
    this.commitVar(n);
  }

  /** int64 microseconds since 2000-01-01 UTC. */
  timestamptz(v: Date | null | undefined): void {
    if (v == null) return this.nil();
    if (!(v instanceof Date)) throw new RangeError('timestamptz value must be a Date');
    const ms = v.getTime() - PG_EPOCH_MS;
    if (Number.isNaN(ms)) throw new RangeError('timestamptz value is an invalid Date');
    if (ms < PG_MIN_TIMESTAMP_MS) throw new RangeError('timestamptz value is before 4714-11-24 BC, the earliest PostgreSQL accepts');
    this.field();
    if (this.pos + 12 > this.cap) this.grow(12);
    // ms * 1000 exceeds 2^53 for dates more than ~285 years from 2000, so the multiplication is
    // done per 32-bit half to stay exact without allocating a BigInt.
    const msHi = Math.floor(ms / TWO_32);
    const loUs = (ms - msHi * TWO_32) * 1000; // < 2^42, exact
    const carry = Math.floor(loUs / TWO_32);
    const view = this.view;
    view.setInt32(this.pos, 8);
    view.setInt32(this.pos + 4, msHi * 1000 + carry);
    view.setUint32(this.pos + 8, loUs - carry * TWO_32);
    this.pos += 12;
    this.left--;
  }

  /**
   * Overwrites an int8 FIELD VALUE written earlier at the given absolute byte offset of the value (not of its length word).
   * Refuses offsets whose length word is not 8, which catches most slips (it cannot tell an int8 from another 8-byte value).
   */
  patchInt8(valueOffset: number, v: number): void {
    this.checkPatch(valueOffset, 8);
    if (!Number.isSafeInteger(v)) throw new RangeError('patched int8 value must be a safe integer');
    const hi = Math.floor(v / TWO_32);
    this.view.setInt32(valueOffset, hi);
    this.view.setUint32(valueOffset + 4, v - hi * TWO_32);
  }

  /** Overwrites an int4 FIELD VALUE written earlier at the given absolute byte offset of the value (not of its length word). */
  patchInt4(valueOffset: number, v: number): void {
    this.checkPatch(valueOffset, 4);
    if ((v | 0) !== v) throw new RangeError('patched int4 value must be an integer from -2147483648 to 2147483647');
    this.view.setInt32(valueOffset, v);
  }

  /** Offset where the next value will be written (call before writing a field to remember where its value lands: value offset = that + 4). */
  get length(): number {
    return this.pos;
  }

  /** The tuples written so far (a view; copy it if you keep writing). */
  bytes(): Uint8Array {
    if (this.left !== 0) throw new RangeError(`the current row still lacks ${this.left} field(s)`);
    return this.buf.subarray(0, this.pos);
  }

  /** Forgets everything written; the buffer is kept for reuse. */
  reset(): void {
    this.pos = 0;
    this.rowStart = 0;
    this.left = 0;
  }

  private nil(): void {
    this.field();
    if (this.pos + 4 > this.cap) this.grow(4);
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
    this.left--;
  }

  /** Guards the declared field count; the counter itself drops only once the value is in. */
  private field(): void {
    if (this.left === 0) throw new RangeError('more fields written than the row declared (or no row started)');
  }

  /** Writes the length word of a variable-length value already placed at pos + 4 and commits it. */
  private commitVar(n: number): void {
    this.view.setInt32(this.pos, n);
    this.pos += 4 + n;
    this.left--;
  }

  private fixed8(v: number): void {
    if (this.pos + 12 > this.cap) this.grow(12);
    const view = this.view;
    const hi = Math.floor(v / TWO_32);
    view.setInt32(this.pos, 8);
    view.setInt32(this.pos + 4, hi);
    view.setUint32(this.pos + 8, v - hi * TWO_32);
    this.pos += 12;
    this.left--;
  }

  private bigint8(v: bigint): void {
    if (v < INT64_MIN || v > INT64_MAX) throw new RangeError('int8 value is outside the 64-bit signed range');
    this.field();
    if (this.pos + 12 > this.cap) this.grow(12);
    this.view.setInt32(this.pos, 8);
    this.view.setBigInt64(this.pos + 4, v);
    this.pos += 12;
    this.left--;
  }

  private checkPatch(valueOffset: number, size: number): void {
    if (!Number.isSafeInteger(valueOffset) || valueOffset < 4 || valueOffset + size > this.pos || this.view.getInt32(valueOffset - 4) !== size) {
      throw new RangeError(`no int${size === 8 ? 8 : 4} value was written at offset ${valueOffset}`);
    }
  }

  private grow(need: number): void {
    let cap = this.cap * 2;
    while (cap < this.pos + need) cap *= 2;
    const next = Buffer.allocUnsafeSlow(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, cap);
    this.cap = cap;
  }
}
