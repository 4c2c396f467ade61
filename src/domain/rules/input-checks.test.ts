import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addMonths, dateKey, isValidBsn, isValidPostcode, MALFORMED, parseAmount } from './input-checks.ts';

function checkDigit(first8: number[]): number {
  const sum = first8.reduce((s, d, i) => s + d * (9 - i), 0);
  return sum % 11;
}

test('elfproef: a BSN whose weighted sum is divisible by 11 is valid, and only then', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
      const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8]!;
      const allZero = digits.every((d) => d === 0);
      assert.equal(isValidBsn(digits.join('')), sum % 11 === 0 && !allZero);
    }),
  );
});

test('elfproef: the computed check digit makes a valid BSN; changing one digit breaks it', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).filter((d) => checkDigit(d) < 10 && d.some((x) => x > 0)),
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 1, max: 9 }),
      (first8, pos, delta) => {
        const bsn = [...first8, checkDigit(first8)];
        assert.ok(isValidBsn(bsn.join('')));
        const changed = [...bsn];
        changed[pos] = (changed[pos]! + delta) % 10;
        assert.equal(isValidBsn(changed.join('')), false);
      },
    ),
  );
});

test('known BSNs', () => {
  assert.ok(isValidBsn('111222333'));
  assert.ok(isValidBsn('123456782'));
  assert.ok(!isValidBsn('123456789'));
  assert.ok(!isValidBsn('000000000'));
  assert.ok(!isValidBsn('12345678'));
  assert.ok(!isValidBsn('12345678a'));
  assert.ok(!isValidBsn(111222333));
});

test('postcodes', () => {
  for (const ok of ['1012 LG', '1012LG', '1012lg', '9999 zz']) assert.ok(isValidPostcode(ok), ok);
  for (const bad of ['0123 AB', '1012  LG', '101 LG', '1012 L', '1012-LG', 'ABCD EF', '', 1012]) assert.ok(!isValidPostcode(bad), String(bad));
});

test('dates: real calendar dates only', () => {
  assert.equal(dateKey('2024-02-29'), 20240229);
  assert.equal(dateKey('2023-02-29'), MALFORMED);
  assert.equal(dateKey('2100-02-29'), MALFORMED);
  assert.equal(dateKey('2000-02-29'), 20000229);
  assert.equal(dateKey('2024-13-01'), MALFORMED);
  assert.equal(dateKey('2024-1-01'), MALFORMED);
  assert.equal(dateKey('01-03-2024'), MALFORMED);
});

test('dates: every real date round-trips and keys order like the dates', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (a, b) => {
      const sa = a.toISOString().slice(0, 10);
      const sb = b.toISOString().slice(0, 10);
      assert.ok(dateKey(sa) > 0);
      assert.equal(Math.sign(dateKey(sa) - dateKey(sb)), sa < sb ? -1 : sa > sb ? 1 : 0);
    }),
  );
});

test('dates: the parser never throws', () => {
  fc.assert(fc.property(fc.anything(), (v) => void dateKey(v)));
  fc.assert(fc.property(fc.string(), (v) => void dateKey(v)));
});

test('adding months clamps to the end of the month', () => {
  assert.equal(addMonths(20240115, 5), 20240615);
  assert.equal(addMonths(20240131, 1), 20240229);
  assert.equal(addMonths(20231031, 4), 20240229);
  assert.equal(addMonths(20241115, 3), 20250215);
});

test('amounts', () => {
  assert.equal(parseAmount('812.50'), 812.5);
  assert.equal(parseAmount(100), 100);
  assert.equal(parseAmount('0'), 0);
  for (const bad of ['-1', '1,50', '1.', '.5', 'abc', '1e3', -0.01, Number.NaN, Infinity, {}]) assert.equal(parseAmount(bad), MALFORMED, String(bad));
  fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), (cents) => {
    const s = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    assert.ok(Math.abs(parseAmount(s) - cents / 100) < 1e-9);
  }));
});
