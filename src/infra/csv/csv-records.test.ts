import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { lastLineEnd, lastRecordEnd } from './record-boundary.ts';
import { CsvSyntaxError, forEachCsvRecord, type CsvSyntaxCode } from './csv-records.ts';

interface Parsed {
  records: string[][];
  lines: number[];
}

function ours(text: string, maxRecordChars = 65536): Parsed & { physicalLines: number } {
  const records: string[][] = [];
  const lines: number[] = [];
  const physicalLines = forEachCsvRecord(text, (fields, line) => (records.push(fields), lines.push(line)), { maxRecordChars });
  return { records, lines, physicalLines };
}

/** csv-parse as read-batch-file uses it (minus the BOM, which is the caller's job); `lines` is csv-parse's own count. */
function theirs(text: string, maxRecordSize = 65536): Parsed {
  // The typings do not know that `info: true` wraps each record.
  const out = parse(text, { relax_column_count: true, skip_empty_lines: true, max_record_size: maxRecordSize, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return { records: out.map((o) => o.record), lines: out.map((o) => o.info.lines) };
}

/**
 * csv-parse's `info.lines` is the line a record ENDS on, and it counts every `\r` inside a quoted field as one more
 * line (so a quoted `\r\n` counts twice, and all later records are numbered one higher). Converting our start lines
 * to that count lets the test compare line numbers with csv-parse itself.
 */
function asCsvParseLines(records: string[][], startLines: number[]): number[] {
  let extraCr = 0;
  return records.map((fields, i) => {
    const joined = fields.join('');
    extraCr += joined.split('\r').length - 1;
    return (startLines[i] ?? 0) + (joined.split('\n').length - 1) + extraCr;
  });
}

const csvParseCodes: Record<string, CsvSyntaxCode> = {
  CSV_QUOTE_NOT_CLOSED: 'CSV_QUOTE_NOT_CLOSED',
  INVALID_OPENING_QUOTE: 'CSV_INVALID_OPENING_QUOTE',
  CSV_INVALID_CLOSING_QUOTE: 'CSV_INVALID_CLOSING_QUOTE',
  CSV_MAX_RECORD_SIZE: 'CSV_RECORD_TOO_LARGE',
};

type Outcome = { ok: Parsed } | { error: CsvSyntaxCode };

function ourOutcome(text: string, max: number): Outcome {
  try {
    const { records, lines } = ours(text, max);
    return { ok: { records, lines: asCsvParseLines(records, lines) } };
  } catch (e) {
    assert.ok(e instanceof CsvSyntaxError, `not a CsvSyntaxError: ${String(e)}`);
    return { error: e.code };
  }
}

function theirOutcome(text: string, max: number): Outcome {
  try {
    return { ok: theirs(text, max) };
  } catch (e) {
    const code = csvParseCodes[(e as { code?: string }).code ?? ''];
    assert.ok(code, `unexpected csv-parse error: ${String(e)}`);
    return { error: code };
  }
}

// --- generators -------------------------------------------------------------------------------------------------

const eol = fc.constantFrom('\n', '\r\n');

/** Field values, most of them empty or plain like real rows, some that need quoting. */
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', ' ', '.', 'é'), maxLength: 8 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom('a', ' ', ',', '"', '""', '\n', '\r\n', '\r', 'é', 'ß', '€', '😀', '\u00a0', '\ufeff'), { maxLength: 8 })
      .map((parts) => parts.join('')),
  },
);

/** A field as written in a file: quoted when it must be, and sometimes when it need not be. */
const fieldText = fc.tuple(fieldValue, fc.boolean()).map(([value, quoteAnyway]) => {
  // A bare \r is quoted too: csv-parse would take one on the first line as the file's line ending.
  const mustQuote = /[",\r\n]/.test(value);
  return mustQuote || quoteAnyway ? `"${value.replaceAll('"', '""')}"` : value;
});

const recordText = fc.array(fieldText, { minLength: 1, maxLength: 30 }).map((fields) => fields.join(','));

/** A valid CSV text with one kind of line ending, random empty lines, and with or without a final line ending. */
const csvText = fc
  .tuple(
    eol,
    fc.array(fc.tuple(recordText, fc.nat({ max: 2 })), { maxLength: 12 }),
    fc.nat({ max: 2 }),
    fc.boolean(),
  )
  .map(([end, records, leadingEmpty, finalEol]) => {
    const body = records.map(([r, emptyAfter]) => r + end.repeat(emptyAfter)).join(end);
    return end.repeat(leadingEmpty) + body + (finalEol && body !== '' ? end : '');
  });

/** Byte-level noise: stray quotes and line endings anywhere (one kind of line ending per text). */
const brokenText = eol.chain((end) =>
  fc.array(fc.constantFrom('a', 'é', ' ', ',', ',', '"', '"', '""', end, end), { maxLength: 40 }).map((parts) => parts.join('')),
);

// --- properties ---------------------------------------------------------------------------------------------------

test('valid CSV yields the records and lines csv-parse yields', () => {
  fc.assert(
    fc.property(csvText, (text) => {
      const expected = theirs(text);
      const got = ours(text);
      assert.deepEqual(got.records, expected.records);
      assert.deepEqual(asCsvParseLines(got.records, got.lines), expected.lines);
    }),
    { numRuns: 1000 },
  );
});

test('broken input is refused exactly when csv-parse refuses it, with the same error', () => {
  fc.assert(
    fc.property(brokenText, (text) => {
      assert.deepEqual(ourOutcome(text, 65536), theirOutcome(text, 65536));
    }),
    { numRuns: 3000 },
  );
});

test('the record size limit is applied exactly as csv-parse applies max_record_size', () => {
  const text = fc.oneof(csvText, brokenText);
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 24 }), (t, max) => {
      assert.deepEqual(ourOutcome(t, max), theirOutcome(t, max));
    }),
    { numRuns: 2000 },
  );
});

/** Feeds the bytes to the parser the way the intake will: carry + next piece, cut at lastRecordEnd, parse each cut. */
function parseAsStream(bytes: Uint8Array, cuts: number[]): Parsed {
  const records: string[][] = [];
  const lines: number[] = [];
  let lineOffset = 0;
  const parseChunk = (chunk: Uint8Array) => {
    // fatal: a cut inside a UTF-8 character fails the test. ignoreBOM: by default TextDecoder drops a U+FEFF at the
    // start of every chunk, which would eat one from a field that happens to start a chunk.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(chunk);
    lineOffset += forEachCsvRecord(text, (fields, line) => (records.push(fields), lines.push(lineOffset + line)));
  };
  let carry: Uint8Array = new Uint8Array(0);
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    const acc = Buffer.concat([carry, bytes.subarray(from, to)]);
    from = to;
    const end = lastRecordEnd(acc);
    if (end === -1) {
      carry = acc;
      continue;
    }
    parseChunk(acc.subarray(0, end));
    carry = acc.subarray(end);
  }
  if (carry.length > 0) parseChunk(carry);
  return { records, lines };
}

test('parsing pieces cut at lastRecordEnd gives the same records and lines as parsing the whole text', () => {
  const input = csvText.chain((text) => {
    const bytes = Buffer.from(text, 'utf8');
    return fc.tuple(fc.constant(bytes), fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 }));
  });
  fc.assert(
    fc.property(input, ([bytes, cuts]) => {
      const whole = ours(bytes.toString('utf8'));
      assert.deepEqual(parseAsStream(bytes, cuts.sort((a, b) => a - b)), { records: whole.records, lines: whole.lines });
    }),
    { numRuns: 1000 },
  );
});

test('lastRecordEnd agrees with a byte-by-byte scan', () => {
  const bytes = fc.array(fc.constantFrom(0x22, 0x0a, 0x2c, 0x61, 0x0d, 0xc3, 0xa9), { maxLength: 60 }).map((b) => Uint8Array.from(b));
  fc.assert(
    fc.property(bytes, (buf) => {
      let inQuotes = false;
      let expected = -1;
      buf.forEach((b, i) => {
        if (b === 0x22) inQuotes = !inQuotes;
        else if (b === 0x0a && !inQuotes) expected = i + 1;
      });
      assert.equal(lastRecordEnd(buf), expected);
      assert.equal(lastRecordEnd(Buffer.from(buf)), expected);
    }),
    { numRuns: 2000 },
  );
});

// --- examples -----------------------------------------------------------------------------------------------------

test('lastRecordEnd skips newlines inside quotes and finds none in an open record', () => {
  const b = (s: string) => Buffer.from(s, 'utf8');
  assert.equal(lastRecordEnd(b('a,b\nc,d\ne')), 8);
  assert.equal(lastRecordEnd(b('a,"x\ny"\nc,"p\nq')), 8);
  assert.equal(lastRecordEnd(b('a,"x\ny""\n')), -1);
  assert.equal(lastRecordEnd(b('a,b')), -1);
  assert.equal(lastRecordEnd(b('')), -1);
  assert.equal(lastRecordEnd(b('"\n"\n')), 4);
  const big = b('x,y\n'.repeat(300_000));
  assert.equal(lastRecordEnd(big.subarray(0, big.length - 2)), big.length - 4);
});

test('lastLineEnd cuts after the last newline, quotes or not', () => {
  assert.equal(lastLineEnd(Buffer.from('{"a":"\n"}\n{"b"')), 10);
  assert.equal(lastLineEnd(Buffer.from('{"a":1}')), -1);
  assert.equal(lastLineEnd(new TextEncoder().encode('x\n')), 2);
});

test('\\r\\n line endings: the \\r is not part of the last field', () => {
  assert.deepEqual(ours('a,b\r\nc,\r\n'), { records: [['a', 'b'], ['c', '']], lines: [1, 2], physicalLines: 2 });
  assert.deepEqual(ours('a,"b"\r\n"c"\r\n'), { records: [['a', 'b'], ['c']], lines: [1, 2], physicalLines: 2 });
});

test('a trailing newline, no trailing newline and empty lines', () => {
  assert.deepEqual(ours('a\nb\n'), { records: [['a'], ['b']], lines: [1, 2], physicalLines: 2 });
  assert.deepEqual(ours('a\nb'), { records: [['a'], ['b']], lines: [1, 2], physicalLines: 2 });
  assert.deepEqual(ours('\n\na\n\r\n\nb\n\n'), { records: [['a'], ['b']], lines: [3, 6], physicalLines: 7 });
  assert.deepEqual(ours(''), { records: [], lines: [], physicalLines: 0 });
});

test('a line of spaces is a record, as in csv-parse', () => {
  assert.deepEqual(ours('a\n  \nb').records, [['a'], ['  '], ['b']]);
  assert.deepEqual(theirs('a\n  \nb').records, [['a'], ['  '], ['b']]);
});

test('empty fields, a quoted empty field and an escaped quote', () => {
  assert.deepEqual(ours(',,\n""\n"",""\n"a""b",""""\n').records, [['', '', ''], [''], ['', ''], ['a"b', '"']]);
  const row = `${','.repeat(27)}\n`;
  assert.deepEqual(ours(row).records, [Array(28).fill('')]);
});

test('fields are neither trimmed nor stripped of a byte order mark', () => {
  assert.deepEqual(ours('\ufeffa , b\n').records, [['\ufeffa ', ' b']]);
});

test('a quoted field spanning lines starts the record on its first line and is counted in the lines', () => {
  const text = 'h1,h2\nx,"one\ntwo\r\nthree"\ny,z\n';
  assert.deepEqual(ours(text), { records: [['h1', 'h2'], ['x', 'one\ntwo\r\nthree'], ['y', 'z']], lines: [1, 2, 5], physicalLines: 5 });
});

function syntaxError(text: string, maxRecordChars?: number): { code: string; line: number } {
  try {
    forEachCsvRecord(text, () => {}, maxRecordChars === undefined ? undefined : { maxRecordChars });
  } catch (e) {
    assert.ok(e instanceof CsvSyntaxError);
    return { code: e.code, line: e.line };
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

test('each syntax error has its code and the line its record starts on', () => {
  assert.deepEqual(syntaxError('a\nb,"c\n\nd\n'), { code: 'CSV_QUOTE_NOT_CLOSED', line: 2 });
  assert.deepEqual(syntaxError('a\n"b""'), { code: 'CSV_QUOTE_NOT_CLOSED', line: 2 });
  assert.deepEqual(syntaxError('a\n\nb,c"d\n'), { code: 'CSV_INVALID_OPENING_QUOTE', line: 3 });
  assert.deepEqual(syntaxError('a, "b"\n'), { code: 'CSV_INVALID_OPENING_QUOTE', line: 1 });
  assert.deepEqual(syntaxError('a\n"x\ny"z\n'), { code: 'CSV_INVALID_CLOSING_QUOTE', line: 2 });
  assert.deepEqual(syntaxError('"b" ,c\n'), { code: 'CSV_INVALID_CLOSING_QUOTE', line: 1 });
  // Only \r\n ends a record; a bare \r after a closing quote is refused, as csv-parse does in a \r\n file.
  assert.deepEqual(syntaxError('x\r\n"a"\rb\r\n'), { code: 'CSV_INVALID_CLOSING_QUOTE', line: 2 });
  assert.deepEqual(theirOutcome('x\r\n"a"\rb\r\n', 65536), { error: 'CSV_INVALID_CLOSING_QUOTE' });
  assert.deepEqual(syntaxError(`a\n${'x'.repeat(70_000)}\n`), { code: 'CSV_RECORD_TOO_LARGE', line: 2 });
  assert.deepEqual(syntaxError('abcdef', 4), { code: 'CSV_RECORD_TOO_LARGE', line: 1 });
});

test('the size limit: like csv-parse, a record may hold one character more than the limit, and a long field is caught before a later syntax error', () => {
  for (const [text, max] of [
    ['abcde\n', 4],
    ['ab,cd,e\n', 4],
    ['abcdef\n', 4],
    ['"ab""c"\n', 4],
    ['éé\n', 2],
    ['éé\n', 3],
    ['€€\n', 4],
    ['€€\n', 5],
    ['😀,a\n', 3],
    ['"abcdef', 4],
    ['abcdef"', 4],
  ] as const) {
    assert.deepEqual(ourOutcome(text, max), theirOutcome(text, max), JSON.stringify(text));
  }
  assert.deepEqual(ours('abcde\n', 4).records, [['abcde']]);
  assert.deepEqual(syntaxError('abcdef"', 4).code, 'CSV_RECORD_TOO_LARGE');
  assert.deepEqual(ours('x'.repeat(100_000), 0).records, [['x'.repeat(100_000)]]);
});
