import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerOf, sampleSizePerArm } from './sample-size.ts';

test('two proportions, 10 % against 20 %, alpha 0.05 two-sided, power 0.8: 199 per arm, 219 with continuity correction (Fleiss, Table A.4)', () => {
  assert.deepEqual(sampleSizePerArm({ baseline: 0.1, compared: 0.2 }), { uncorrected: 199, perArm: 219 });
  assert.deepEqual(sampleSizePerArm({ baseline: 0.2, compared: 0.1 }), { uncorrected: 199, perArm: 219 }, 'the direction does not matter');
});

test('a smaller effect needs more households; more power needs more households', () => {
  const small = sampleSizePerArm({ baseline: 0.3, compared: 0.35 }).perArm;
  const large = sampleSizePerArm({ baseline: 0.3, compared: 0.4 }).perArm;
  assert.ok(small > 3 * large, `${small} vs ${large}`);
  assert.ok(sampleSizePerArm({ baseline: 0.3, compared: 0.4, power: 0.9 }).perArm > large);
});

test('the size it gives has (about) the power asked for', () => {
  const n = sampleSizePerArm({ baseline: 0.1, compared: 0.2 }).uncorrected;
  assert.ok(Math.abs(powerOf({ baseline: 0.1, compared: 0.2 }, n, n) - 0.8) < 0.005);
  assert.ok(powerOf({ baseline: 0.1, compared: 0.2 }, 50, 50) < 0.4);
  assert.equal(powerOf({ baseline: 0.1, compared: 0.2 }, 0, 100), 0);
});

test('rates outside (0, 1) or equal rates are refused', () => {
  assert.throws(() => sampleSizePerArm({ baseline: 0, compared: 0.2 }), RangeError);
  assert.throws(() => sampleSizePerArm({ baseline: 0.2, compared: 0.2 }), RangeError);
});
