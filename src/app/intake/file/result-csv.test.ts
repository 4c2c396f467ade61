import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { resultCsvLines, resultHeader, RESULT_COLUMNS, type ResultLine } from './result-csv.ts';
import { neutraliseCell } from '../../../domain/csv-cell.ts';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const line: fc.Arbitrary<ResultLine> = fc.record({
  row: fc.nat(),
  reference: fc.option(text, { nil: null }),
  outcome: fc.constantFrom('accepted', 'refused', 'duplicate', 'conflict'),
  signalId: fc.option(fc.nat().map(String), { nil: null }),
  regulationVersion: fc.option(text, { nil: null }),
  refusals: fc.array(
    fc.record({
      code: text,
      field: fc.option(text, { nil: undefined }),
      message: fc.record({ nl: text, en: text }),
    }),
    { maxLength: 3 },
  ),
});

describe('the per-row results file', () => {
  it('neutralises a cell a spreadsheet would run as a formula (issue 17, point 9)', () => {
    const csv = resultCsvLines([{ row: 1, reference: '=HYPERLINK("https://evil.example","x")', outcome: 'refused', signalId: null, regulationVersion: null, refusals: [{ code: 'X', message: { nl: '@SUM(A1)', en: '+1' } }] }], 'nl');
    const [cells] = parse(csv) as string[][];
    assert.equal(cells![1], `'=HYPERLINK("https://evil.example","x")`);
    assert.equal(cells![8], `'@SUM(A1)`);
    for (const c of cells!) assert.doesNotMatch(c, /^[=+\-@]/);
  });

  it('writes exactly what csv-stringify would (RFC 4180 quoting), and reads back as the same values', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const ours = resultHeader() + resultCsvLines(lines, 'en');
        const expected =
          stringify([RESULT_COLUMNS as unknown as string[]]) +
          stringify(
            lines.map((l) => [
              l.row,
              l.reference ?? '',
              l.outcome,
              l.signalId ?? '',
              l.regulationVersion ?? '',
              l.refusals.map((r) => r.code).join(' '),
              l.refusals.map((r) => r.field ?? '').filter(Boolean).join(' '),
              '',
              l.refusals.map((r) => r.message.en).join(' '),
            ]),
            { cast: { string: neutraliseCell } },
          );
        assert.equal(ours, expected);
        const back = parse(ours, { columns: true }) as Array<Record<string, string>>;
        assert.equal(back.length, lines.length);
      }),
      { numRuns: 2000 },
    );
  });
});
