import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { parse } from 'yaml';
import { CSV_COLUMNS, csvRecordToSignal, type CsvRecord } from '../../domain/signals/csv-columns.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { parsePopulationParams } from './params.ts';
import { generatePopulation } from './population.ts';
import { CSV_HEADER_LINE, signalToCsvLine } from './signal-csv.ts';
import { generateSignals } from './signal-stream.ts';

const params = parsePopulationParams(parse(readFileSync(new URL('../params/population.params.yaml', import.meta.url), 'utf8')));

/** What a signal looks like after a trip through a file: amounts as strings, empty values dropped. */
function asReadBack(s: SignalInput): SignalInput {
  const euros = (v: string | number) => (typeof v === 'number' ? v.toFixed(2) : v);
  const copy = JSON.parse(JSON.stringify(s)) as SignalInput;
  if (copy.amount !== undefined) copy.amount = euros(copy.amount);
  if (copy.components !== undefined) copy.components = Object.fromEntries(Object.entries(copy.components).map(([k, v]) => [k, euros(v)]));
  for (const [k, v] of Object.entries(copy)) if (v === '') delete (copy as unknown as Record<string, unknown>)[k];
  if (copy.reference === undefined) copy.reference = '';
  if (copy.signalDate === undefined) copy.signalDate = '';
  return copy;
}

function readBack(text: string): SignalInput[] {
  const rows = parseCsv(text, { columns: true, bom: true }) as CsvRecord[];
  return rows.map((r) => csvRecordToSignal(r));
}

test('the header is the batch format columns', () => {
  assert.equal(CSV_HEADER_LINE, `${CSV_COLUMNS.join(',')}\n`);
});

test('generated signals survive a trip through a CSV file unchanged', () => {
  const pop = generatePopulation(params, 4);
  const signals = [...generateSignals(pop, params, { firstMonth: '2025-03', months: 1 }, 4)].map((g) => g.signal);
  assert.ok(signals.length > 10_000);
  const text = CSV_HEADER_LINE + signals.map(signalToCsvLine).join('');
  const back = readBack(text);
  assert.equal(back.length, signals.length);
  signals.forEach((s, i) => assert.deepEqual(back[i], asReadBack(s)));
});

test('cells with commas, quotes and line breaks are quoted and read back', () => {
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
  fc.assert(
    fc.property(text, text, text, (surname, street, reference) => {
      const s: SignalInput = {
        reference,
        signalType: 'rent',
        signalDate: '2025-01-02',
        amount: 12.5,
        person: { initials: 'J.', surname },
        address: { street, houseNumber: '1', postcode: '1011AB', city: "'s-Gravenhage" },
        crisis: false,
      };
      const back = readBack(CSV_HEADER_LINE + signalToCsvLine(s));
      assert.deepEqual(back[0], asReadBack(s));
    }),
  );
  const nasty: SignalInput = { reference: 'a,"b"\nc', signalType: 'rent', signalDate: '2025-01-02', components: { 'x,y': 1 } };
  assert.equal(signalToCsvLine(nasty).split('\n').length, 3);
  assert.deepEqual(readBack(CSV_HEADER_LINE + signalToCsvLine(nasty))[0]?.reference, 'a,"b"\nc');
});
