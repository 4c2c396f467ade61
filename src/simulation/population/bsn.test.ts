import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidBsn } from '../../domain/rules/input-checks.ts';
import { breakBsn, createBsnSpace, passesElfproef } from './bsn.ts';

test('elfproef: known valid and invalid numbers', () => {
  assert.ok(passesElfproef('111222333'));
  assert.ok(passesElfproef('123456782'));
  assert.ok(passesElfproef('999996708'));
  assert.ok(!passesElfproef('123456789'));
  assert.ok(!passesElfproef('000000000'));
  assert.ok(!passesElfproef('12345678'));
  assert.ok(!passesElfproef('12345678a'));
});

test('elfproef: agrees with the intake check on any nine digits', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{9}$/), (s) => {
      assert.equal(passesElfproef(s), isValidBsn(s));
    }),
  );
});

test('the 9999 test range: every key gives a distinct valid number with the prefix', () => {
  const space = createBsnSpace('9999', 17);
  assert.equal(space.size, 9000);
  const seen = new Set<string>();
  for (let k = 0; k < space.size; k++) {
    const bsn = space.bsnFor(k);
    assert.ok(bsn.startsWith('9999'), bsn);
    assert.ok(passesElfproef(bsn), bsn);
    seen.add(bsn);
  }
  assert.equal(seen.size, space.size);
});

test('prefix 9: keys map one-to-one onto valid numbers, and the order depends on the salt', () => {
  const a = createBsnSpace('9', 1);
  const b = createBsnSpace('9', 2);
  assert.equal(a.size, 9_000_000);
  const seen = new Set<string>();
  for (let k = 0; k < 200_000; k++) {
    const bsn = a.bsnFor(k);
    assert.equal(bsn.length, 9);
    assert.ok(bsn.startsWith('9'));
    assert.ok(passesElfproef(bsn), bsn);
    seen.add(bsn);
  }
  assert.equal(seen.size, 200_000);
  assert.notEqual(a.bsnFor(0), b.bsnFor(0));
  // Wrapping: the key after the last one repeats the first.
  assert.equal(a.bsnFor(a.size), a.bsnFor(0));
});

test('breakBsn gives nine digits that fail the elfproef', () => {
  const space = createBsnSpace('9', 3);
  for (let k = 0; k < 10_000; k++) {
    const broken = breakBsn(space.bsnFor(k));
    assert.match(broken, /^[0-9]{9}$/);
    assert.ok(!passesElfproef(broken));
  }
});

test('a prefix must be 1 to 7 digits', () => {
  assert.throws(() => createBsnSpace(''), /prefix/);
  assert.throws(() => createBsnSpace('12345678'), /prefix/);
  assert.throws(() => createBsnSpace('9a'), /prefix/);
});
