import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ParamsError, parsePopulationParams } from './params.ts';

const raw = (): Record<string, unknown> => parse(readFileSync(new URL('../params/population.params.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

test('the parameter file is valid and complete', () => {
  const p = parsePopulationParams(raw());
  assert.equal(p.calibration.signalsPer1000PerMonth.value, 4);
  assert.ok(p.municipalities.some((m) => m.code === 'GM0363'));
  const codes = p.signalTypes.map((t) => t.code).sort();
  assert.deepEqual(codes, [
    'benefits_recovery', 'drinking_water', 'electricity', 'gas', 'health_insurance', 'heat', 'mortgage', 'municipal_tax', 'rent', 'student_debt', 'tax_debt', 'wmo_own_contribution',
  ]);
  // Data minimisation as the regulation has it: no BSN on a mortgage signal; BSN on municipal taxes.
  const byCode = new Map(p.signalTypes.map((t) => [t.code, t]));
  assert.ok(!byCode.get('mortgage')?.data.includes('bsn'));
  assert.ok(byCode.get('municipal_tax')?.data.includes('bsn'));
  assert.ok(byCode.get('drinking_water')?.data.includes('customer_number'));
});

test('a wrong value is refused with its path', () => {
  const r = raw();
  const municipalities = r.municipalities as Array<Record<string, unknown>>;
  delete municipalities[0]?.inhabitants;
  assert.throws(() => parsePopulationParams(r), (e: unknown) => e instanceof ParamsError && /municipalities\[0\]\.inhabitants/.test(e.message));
  const r2 = raw();
  ((r2.signal_types as Record<string, Record<string, unknown>>).rent as Record<string, unknown>).data = ['contact_details', 'shoe_size'];
  assert.throws(() => parsePopulationParams(r2), /signal_types\.rent\.data\[1\]: unknown data category/);
  const r3 = raw();
  (r3.households as Record<string, unknown>).owner_share = 1.5;
  assert.throws(() => parsePopulationParams(r3), /households\.owner_share/);
});
