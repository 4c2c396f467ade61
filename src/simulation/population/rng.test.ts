import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng, WeightedChoice, hashUnit, numberChoice } from './rng.ts';

test('the same seed gives the same sequence; another seed another one', () => {
  const a = new Rng(42, 7);
  const b = new Rng(42, 7);
  const c = new Rng(42, 8);
  const sa = Array.from({ length: 100 }, () => a.nextUint32());
  const sb = Array.from({ length: 100 }, () => b.nextUint32());
  const sc = Array.from({ length: 100 }, () => c.nextUint32());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
});

test('float, int and between stay in range', () => {
  const r = new Rng(1);
  for (let i = 0; i < 100_000; i++) {
    const f = r.float();
    assert.ok(f >= 0 && f < 1);
    const n = r.int(7);
    assert.ok(Number.isInteger(n) && n >= 0 && n < 7);
    const b = r.between(3, 5);
    assert.ok(b >= 3 && b <= 5);
  }
});

test('weighted choice, poisson and normal have the right means', () => {
  const r = new Rng(9);
  const w = new WeightedChoice([['a', 1], ['b', 3]] as const);
  let b = 0;
  let p = 0;
  let z = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    if (w.draw(r) === 'b') b++;
    p += r.poisson(2.5);
    z += r.normal();
  }
  assert.ok(Math.abs(b / n - 0.75) < 0.01);
  assert.ok(Math.abs(p / n - 2.5) < 0.03);
  assert.ok(Math.abs(z / n) < 0.02);
  assert.equal(numberChoice({ 1: 0.5, 3: 0.5 }).mean((k) => k), 2);
});

test('hashUnit is a pure function of its inputs, uniform enough', () => {
  assert.equal(hashUnit(1, 2, 3, 4), hashUnit(1, 2, 3, 4));
  assert.notEqual(hashUnit(1, 2, 3, 4), hashUnit(1, 2, 3, 5));
  let sum = 0;
  for (let i = 0; i < 100_000; i++) sum += hashUnit(5, i, 9);
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
});
