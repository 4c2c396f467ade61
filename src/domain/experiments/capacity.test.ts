import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCapacity } from './capacity.ts';

test('expected signals per month against the stated capacity, per municipality', () => {
  const r = checkCapacity(
    ['GM0363', 'GM0599', 'GM0505', 'GM1783'],
    [
      { municipalityCode: 'GM0363', capacityPerMonth: 400, expectedPerMonth: 250 },
      { municipalityCode: 'GM0599', capacityPerMonth: 150, expectedPerMonth: 200 },
      { municipalityCode: 'GM1783', capacityPerMonth: 50, expectedPerMonth: null },
    ],
  );
  const by = Object.fromEntries(r.lines.map((l) => [l.municipalityCode, l]));
  assert.equal(by.GM0363!.verdict, 'fits');
  assert.equal(by.GM0363!.utilisation, 0.625);
  assert.equal(by.GM0599!.verdict, 'over_capacity');
  assert.equal(by.GM0505!.verdict, 'capacity_missing');
  assert.equal(by.GM1783!.verdict, 'expected_missing');
  assert.equal(r.fits, false);
});

test('once signals arrive, the busiest month counts when it exceeds the expectation', () => {
  const r = checkCapacity(['GM0363'], [{ municipalityCode: 'GM0363', capacityPerMonth: 100, expectedPerMonth: 80 }], [
    { municipalityCode: 'GM0363', month: '2025-03', signals: 90 },
    { municipalityCode: 'GM0363', month: '2025-04', signals: 130 },
    { municipalityCode: 'GM0599', month: '2025-04', signals: 999 },
  ]);
  assert.equal(r.lines[0]!.observedMaxPerMonth, 130);
  assert.equal(r.lines[0]!.observedMaxMonth, '2025-04');
  assert.equal(r.lines[0]!.verdict, 'over_capacity');
  assert.equal(r.lines[0]!.utilisation, 1.3);
  assert.equal(checkCapacity(['GM0363'], [{ municipalityCode: 'GM0363', capacityPerMonth: 100, expectedPerMonth: 100 }]).fits, true, 'exactly at capacity fits');
  assert.equal(checkCapacity([], []).fits, false, 'no municipality, nothing to fit');
});
