import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopyWriter } from './binary-copy-writer.ts';
import { migratedSnapshot } from '../../../test/helpers/engines.ts';

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.parse('0001-01-01T00:00:00Z');
const LAST_DAY_MS = Date.parse('9999-12-31T00:00:00Z');
/** PostgreSQL's earliest timestamptz (4714-11-24 00:00 UTC BC) and the latest a Date can hold. */
const TS_MIN_MS = Date.parse('-004713-11-24T00:00:00Z');
const TS_MAX_MS = 8.64e15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Splices the tuples into a complete COPY stream. */
function stream(w: BinaryCopyWriter): Uint8Array[] {
  return [BinaryCopyWriter.HEADER, w.bytes(), BinaryCopyWriter.TRAILER];
}

interface Engine {
  exec(sql: string): Promise<void>;
  /** Runs `copy <target> from ... with (format binary)` on the given stream parts. */
  copyIn(target: string, parts: Uint8Array[]): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openPglite(): Promise<Engine> {
  // From the tests' migrated snapshot: initdb once per run, not per test.
  const db = await PGlite.create('memory://', { loadDataDir: await migratedSnapshot() });
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async copyIn(target, parts) {
      await db.query(`copy ${target} from '/dev/blob' with (format binary)`, [], { blob: new Blob(parts.map((p) => p.slice())) });
    },
    async rows<T>(sql: string) {
      return (await db.query<T>(sql)).rows;
    },
    close: () => db.close(),
  };
}

/** A throw-away database on the server at TEST_DATABASE_URL, dropped on close. */
async function openServer(serverUrl: string): Promise<Engine> {
  const name = `vs_test_copy_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async copyIn(target, parts) {
      const chunks = parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
      await pipeline(Readable.from(chunks), client.query(copyFrom(`copy ${target} from stdin with (format binary)`)));
    },
    async rows<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async close() {
      await client.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const ENGINES: { name: string; open(): Promise<Engine> }[] = [{ name: 'pglite', open: openPglite }];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) ENGINES.push({ name: 'postgres', open: () => openServer(serverUrl) });

// ---------------------------------------------------------------------------------------------
// Arbitraries

interface Row {
  t: string | null;
  i4: number | null;
  i8: number | string | bigint | null;
  b: boolean | null;
  d: string | null;
  u: string | null;
  j: string | null;
  by: Uint8Array | null;
  ts: Date | null;
}

const wellFormed = (s: string) => !s.includes('\0') && !/\p{Surrogate}/u.test(s);

const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // Long ASCII, past the writer's short-string loop.
  fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 120 }),
  fc.constantFrom('', '😀', 'é', 'ĳsselmeer', '👨‍👩‍👧‍👦 family', 'a\u00a0b', '\uFFFD', '\u{10FFFF}', 'x'.repeat(33)),
).filter(wellFormed);

const int8Arb = fc.oneof(
  fc.maxSafeInteger(),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(String),
  fc.maxSafeInteger().map(String),
  fc.constantFrom<number | string | bigint>(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, '-9223372036854775808', '9223372036854775807', INT64_MIN, '007'),
);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateArb = fc.oneof(
  fc.integer({ min: FIRST_DAY_MS / DAY_MS, max: LAST_DAY_MS / DAY_MS }).map((day) => isoDay(day * DAY_MS)),
  // Leap days and the edges: around the 2000 epoch, century rules, the first and last day.
  fc.constantFrom('2000-01-01', '1999-12-31', '2000-02-29', '1600-02-29', '2400-02-29', '1900-02-28', '1900-03-01', '2024-02-29', '0004-02-29', '0001-01-01', '0001-03-01', '9999-12-31', '1970-01-01'),
);

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const uuidArb = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  // fc.uuid fixes the version and variant bits; raw bytes cover every bit pattern.
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => hexOf(b).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')),
);

// jsonb cannot hold U+0000 even as an escape, and PostgreSQL rejects lone surrogate escapes.
const jsonArb = fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }).map((v) => JSON.stringify(v)).filter((s) => !s.includes('\\u0000'));

const tsArb = fc.oneof(
  fc.date({ min: new Date(TS_MIN_MS), max: new Date(TS_MAX_MS), noInvalidDate: true }),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  fc.constantFrom(new Date(PG_EPOCH_MS), new Date(PG_EPOCH_MS - 1), new Date(TS_MIN_MS), new Date(TS_MAX_MS), new Date(0), new Date('0001-01-01T00:00:00.001Z')),
);

function nullable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arb, { nil: null, freq: 4 });
}
const rowArb: fc.Arbitrary<Row> = fc.record({
  t: nullable(textArb),
  i4: nullable(fc.integer()),
  i8: nullable(int8Arb),
  b: nullable(fc.boolean()),
  d: nullable(dateArb),
  u: nullable(uuidArb),
  j: nullable(jsonArb),
  by: nullable(fc.uint8Array({ maxLength: 64 })),
  ts: nullable(tsArb),
});

// ---------------------------------------------------------------------------------------------
// Round trip

const ALL_TYPES_TABLE = 'create table t (seq int4 primary key, t text, i4 int4, i8 int8, b bool, d date, u uuid, j jsonb, by bytea, ts timestamptz)';
/** Casts to text wherever a driver's parser would lose information (int8, dates, microseconds). */
const SELECT_ALL = `select seq, t, i4, i8::text as i8, b, d::text as d, u::text as u, j::text as j, encode(by, 'hex') as by,
  (extract(epoch from ts) * 1000000)::int8::text as ts from t order by seq`;

interface Loaded {
  seq: number;
  t: string | null;
  i4: number | null;
  i8: string | null;
  b: boolean | null;
  d: string | null;
  u: string | null;
  j: string | null;
  by: string | null;
  ts: string | null;
}

function writeRows(w: BinaryCopyWriter, rows: Row[]): void {
  rows.forEach((r, seq) => {
    w.row(10);
    w.int4(seq);
    w.text(r.t);
    w.int4(r.i4);
    w.int8(r.i8);
    w.bool(r.b);
    w.date(r.d);
    w.uuid(r.u);
    w.jsonb(r.j);
    w.bytea(r.by);
    w.timestamptz(r.ts);
  });
}

function expectRow(r: Row, seq: number): Omit<Loaded, 'j'> {
  return {
    seq,
    t: r.t,
    i4: r.i4,
    i8: r.i8 === null ? null : BigInt(r.i8).toString(),
    b: r.b,
    d: r.d,
    u: r.u === null ? null : r.u.toLowerCase(),
    by: r.by === null ? null : hexOf(r.by),
    ts: r.ts === null ? null : (BigInt(r.ts.getTime()) * 1000n).toString(), // extract(epoch) counts from 1970
  };
}

function assertLoaded(rows: Row[], loaded: Loaded[]): void {
  assert.equal(loaded.length, rows.length);
  rows.forEach((r, seq) => {
    const { j, ...rest } = loaded[seq]!;
    assert.deepStrictEqual(rest, expectRow(r, seq));
    // jsonb normalises whitespace and key order, so compare what the JSON means.
    assert.deepStrictEqual(j === null ? null : JSON.parse(j), r.j === null ? null : JSON.parse(r.j));
  });
}

for (const engine of ENGINES) {
  test(`round trip of every type through binary COPY on ${engine.name}`, async () => {
    const db = await engine.open();
    try {
      await db.exec(ALL_TYPES_TABLE);
      // A tiny first buffer makes the property runs cross many growth steps.
      const w = new BinaryCopyWriter(16);
      await fc.assert(
        fc.asyncProperty(fc.array(rowArb, { maxLength: 40 }), async (rows) => {
          await db.exec('truncate t');
          w.reset();
          writeRows(w, rows);
          await db.copyIn('t', stream(w));
          assertLoaded(rows, await db.rows<Loaded>(SELECT_ALL));
        }),
        { numRuns: 60 },
      );
    } finally {
      await db.close();
    }
  });

  test(`patched int8 / int4 placeholders load with their patched values on ${engine.name}`, async () => {
    const db = await engine.open();
    try {
      await db.exec('create table p (id int8, parent int4, name text)');
      const w = new BinaryCopyWriter(16);
      const ids: number[] = [];
      const parents: number[] = [];
      const names = ['first', 'tweede 😀', '', 'vierde'];
      for (const name of names) {
        w.row(3);
        ids.push(w.length + 4);
        w.int8(0);
        parents.push(w.length + 4);
        w.int4(0);
        w.text(name);
      }
      const wanted = [Number.MAX_SAFE_INTEGER, -1, 2 ** 32 + 5, Number.MIN_SAFE_INTEGER];
      ids.forEach((at, i) => w.patchInt8(at, wanted[i]!));
      parents.forEach((at, i) => w.patchInt4(at, -2147483648 + i));
      await db.copyIn('p (id, parent, name)', stream(w));
      const got = await db.rows<{ id: string; parent: number; name: string }>('select id::text as id, parent, name from p order by parent');
      assert.deepStrictEqual(
        got,
        names.map((name, i) => ({ id: String(wanted[i]), parent: -2147483648 + i, name })),
      );
    } finally {
      await db.close();
    }
  });

  test(`a refused value leaves a stream that still loads on ${engine.name}`, async () => {
    const db = await engine.open();
    try {
      await db.exec('create table r (d date, u uuid)');
      const w = new BinaryCopyWriter();
      w.row(2);
      assert.throws(() => w.date('2023-02-29'), RangeError);
      w.date('2023-02-28');
      assert.throws(() => w.uuid('not-a-uuid'), RangeError);
      w.uuid(null);
      w.row(2);
      w.date('2024-01-01');
      assert.throws(() => w.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g'), RangeError);
      w.discardRow();
      await db.copyIn('r', stream(w));
      assert.deepStrictEqual(await db.rows('select d::text as d, u from r'), [{ d: '2023-02-28', u: null }]);
    } finally {
      await db.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Encoding, without a database

/** The value bytes of the first field of a one-row writer. */
function encodeOne(write: (w: BinaryCopyWriter) => void): DataView {
  const w = new BinaryCopyWriter(16);
  w.row(1);
  write(w);
  const b = w.bytes();
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

test('header and trailer are the ones the COPY documentation gives', () => {
  assert.deepStrictEqual(Buffer.from(BinaryCopyWriter.HEADER), Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]));
  assert.deepStrictEqual([...BinaryCopyWriter.TRAILER], [0xff, 0xff]);
});

test('tuple layout: field count, length words, -1 for null', () => {
  const w = new BinaryCopyWriter(16);
  assert.equal(w.row(3), 0);
  w.text('ab');
  w.int4(null);
  w.bool(true);
  assert.equal(w.row(0), 17);
  assert.deepStrictEqual([...w.bytes()], [0, 3, 0, 0, 0, 2, 97, 98, 255, 255, 255, 255, 0, 0, 0, 1, 1, 0, 0]);
  w.reset();
  assert.equal(w.length, 0);
  assert.equal(w.bytes().length, 0);
});

test('date: the day number agrees with Date.parse for every kind of day from 0001 to 9999', () => {
  fc.assert(
    fc.property(dateArb, (s) => {
      assert.equal(encodeOne((w) => w.date(s)).getInt32(6), (Date.parse(`${s}T00:00:00Z`) - PG_EPOCH_MS) / DAY_MS);
    }),
    { numRuns: 20_000 },
  );
});

test('timestamptz: exact microseconds over the whole range a Date can hold', () => {
  fc.assert(
    fc.property(tsArb, (d) => {
      assert.equal(encodeOne((w) => w.timestamptz(d)).getBigInt64(6), BigInt(d.getTime() - PG_EPOCH_MS) * 1000n);
    }),
    { numRuns: 20_000 },
  );
});

test('int8: numbers, digit strings and bigints all encode exactly', () => {
  fc.assert(
    fc.property(int8Arb, (v) => {
      assert.equal(encodeOne((w) => w.int8(v)).getBigInt64(6), BigInt(v));
    }),
    { numRuns: 20_000 },
  );
});

test('text: the bytes are the UTF-8 of the string, short and long', () => {
  fc.assert(
    fc.property(textArb, (s) => {
      const view = encodeOne((w) => w.text(s));
      const utf8 = Buffer.from(s, 'utf8');
      assert.equal(view.getInt32(2), utf8.length);
      assert.deepStrictEqual(Buffer.from(view.buffer, view.byteOffset + 6, utf8.length), utf8);
    }),
    { numRuns: 5_000 },
  );
});

test('uuid: a repeated value (the cached path) encodes like a fresh one', () => {
  const w = new BinaryCopyWriter(16);
  const a = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
  w.row(4);
  w.uuid(a);
  w.uuid(a);
  assert.throws(() => w.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1x'), RangeError);
  w.uuid(a);
  w.uuid('00000000-0000-0000-0000-000000000000');
  const b = Buffer.from(w.bytes());
  const field = (i: number) => b.subarray(2 + i * 20 + 4, 2 + (i + 1) * 20).toString('hex');
  assert.deepStrictEqual([0, 1, 2, 3].map(field), [a.replaceAll('-', ''), a.replaceAll('-', ''), a.replaceAll('-', ''), '0'.repeat(32)]);
});

test('values that cannot be encoded throw RangeError and write nothing', () => {
  const bad: [string, (w: BinaryCopyWriter) => void][] = [
    ['text NUL', (w) => w.text('a\0b')],
    ['text NUL, long', (w) => w.text(`${'x'.repeat(40)}\0`)],
    ['text lone high surrogate', (w) => w.text('a\uD83D')],
    ['text lone low surrogate, long', (w) => w.text(`${'é'.repeat(40)}\uDE00`)],
    ['text not a string', (w) => w.text(5 as unknown as string)],
    ['int4 too large', (w) => w.int4(2 ** 31)],
    ['int4 too small', (w) => w.int4(-(2 ** 31) - 1)],
    ['int4 fraction', (w) => w.int4(1.5)],
    ['int4 NaN', (w) => w.int4(NaN)],
    ['int4 string', (w) => w.int4('1' as unknown as number)],
    ['int8 unsafe number', (w) => w.int8(2 ** 53)],
    ['int8 fraction', (w) => w.int8(0.5)],
    ['int8 Infinity', (w) => w.int8(Infinity)],
    ['int8 empty string', (w) => w.int8('')],
    ['int8 lone minus', (w) => w.int8('-')],
    ['int8 plus sign', (w) => w.int8('+1')],
    ['int8 space', (w) => w.int8(' 1')],
    ['int8 exponent', (w) => w.int8('1e3')],
    ['int8 hex', (w) => w.int8('0x10')],
    ['int8 letter in a long string', (w) => w.int8('12345678901234567a')],
    ['int8 string above range', (w) => w.int8('9223372036854775808')],
    ['int8 string below range', (w) => w.int8('-9223372036854775809')],
    ['int8 20 digits', (w) => w.int8('10000000000000000000')],
    ['int8 bigint above range', (w) => w.int8(2n ** 63n)],
    ['date 29 Feb in a common year', (w) => w.date('2023-02-29')],
    ['date 29 Feb 1900', (w) => w.date('1900-02-29')],
    ['date 31 April', (w) => w.date('2024-04-31')],
    ['date month 13', (w) => w.date('2024-13-01')],
    ['date month 00', (w) => w.date('2024-00-01')],
    ['date day 00', (w) => w.date('2024-01-00')],
    ['date year 0000', (w) => w.date('0000-01-01')],
    ['date short month', (w) => w.date('2024-1-01')],
    ['date with time', (w) => w.date('2024-01-01T00:00')],
    ['date without dashes', (w) => w.date('20240101')],
    ['date slashes', (w) => w.date('2024/01/01')],
    ['date letters', (w) => w.date('abcd-ef-gh')],
    ['date non-ASCII digit', (w) => w.date('２024-01-01')],
    ['date empty', (w) => w.date('')],
    ['uuid short', (w) => w.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1')],
    ['uuid without dashes', (w) => w.uuid('a0eebc999c0b4ef8bb6d6bb9bd380a11')],
    ['uuid braces', (w) => w.uuid('{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1}')],
    ['uuid dash misplaced', (w) => w.uuid('a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11')],
    ['uuid non-hex', (w) => w.uuid('g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')],
    ['uuid non-ASCII', (w) => w.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380aé1')],
    ['jsonb NUL', (w) => w.jsonb('"\0"')],
    ['jsonb lone surrogate', (w) => w.jsonb('"\uD800"')],
    ['bytea not bytes', (w) => w.bytea('ab' as unknown as Uint8Array)],
    ['bool not a boolean', (w) => w.bool(1 as unknown as boolean)],
    ['timestamptz invalid Date', (w) => w.timestamptz(new Date(NaN))],
    ['timestamptz before 4714 BC', (w) => w.timestamptz(new Date(TS_MIN_MS - 1))],
    ['timestamptz not a Date', (w) => w.timestamptz('2024-01-01' as unknown as Date)],
  ];
  const w = new BinaryCopyWriter(16);
  for (const [name, write] of bad) {
    w.reset();
    w.row(1);
    assert.throws(() => write(w), RangeError, name);
    assert.equal(w.length, 2, name);
    w.int4(7); // the row is still one field short, so the refused value took no place in it
    assert.deepStrictEqual([...w.bytes()], [0, 1, 0, 0, 0, 4, 0, 0, 0, 7], name);
  }
});

test('the declared field count is enforced', () => {
  const w = new BinaryCopyWriter();
  assert.throws(() => w.text('x'), RangeError, 'no row started');
  w.row(1);
  assert.throws(() => w.bytes(), RangeError, 'row incomplete');
  assert.throws(() => w.row(1), RangeError, 'previous row incomplete');
  w.text('x');
  assert.throws(() => w.int4(1), RangeError, 'too many fields');
  assert.throws(() => w.row(-1), RangeError);
  assert.throws(() => w.row(1601), RangeError);
  assert.throws(() => w.row(1.5), RangeError);
  w.row(2);
  w.int4(1);
  w.discardRow();
  assert.deepStrictEqual([...w.bytes()], [0, 1, 0, 0, 0, 1, 120]);
  assert.throws(() => new BinaryCopyWriter(0), RangeError);
});

test('patching checks that an int value of that size is at the offset', () => {
  const w = new BinaryCopyWriter();
  w.row(3);
  const i8 = w.length + 4;
  w.int8(1);
  const i4 = w.length + 4;
  w.int4(1);
  const t = w.length + 4;
  w.text('abc'); // (an 8-byte text would pass: the check can only see the length word)
  assert.throws(() => w.patchInt8(i4, 1), RangeError, 'int4 is not int8');
  assert.throws(() => w.patchInt4(i8, 1), RangeError, 'int8 is not int4');
  assert.throws(() => w.patchInt8(t, 1), RangeError, 'text is not int8');
  assert.throws(() => w.patchInt8(i8 + 1, 1), RangeError, 'misaligned');
  assert.throws(() => w.patchInt8(w.length + 4, 1), RangeError, 'past the end');
  assert.throws(() => w.patchInt8(0, 1), RangeError, 'before the start');
  assert.throws(() => w.patchInt8(i8, 2 ** 53), RangeError, 'unsafe');
  assert.throws(() => w.patchInt4(i4, 2 ** 31), RangeError, 'int4 range');
  w.patchInt8(i8, -2);
  w.patchInt4(i4, -3);
  const b = w.bytes();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  assert.equal(view.getBigInt64(i8), -2n);
  assert.equal(view.getInt32(i4), -3);
});
