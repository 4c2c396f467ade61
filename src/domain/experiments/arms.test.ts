import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { armDesignErrors, armTreatment, assignArm, blockSize, type ArmDesign, type AssignmentDesign } from './arms.ts';

const arm = (code: string, o: Partial<ArmDesign> = {}): ArmDesign => ({ code, weight: 1, municipalities: [], combineWithOtherSignals: code !== 'alleen', withoutPriorConsent: null, ...o });
const twoArms: AssignmentDesign = { method: 'random', seed: 'seed-2025', arms: [arm('alleen'), arm('gecombineerd')] };

test('random assignment is reproducible: the same seed and household give the same arm', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (seed, ref) => {
      const d = { ...twoArms, seed };
      const a = assignArm(d, { ref, municipalityCode: 'GM0363', ordinal: 0 });
      assert.equal(assignArm(d, { ref, municipalityCode: 'GM0599', ordinal: 99 }), a, 'neither municipality nor order matters');
    }),
  );
  const refs = Array.from({ length: 200 }, (_, i) => `household-${i}`);
  const one = refs.map((ref) => assignArm(twoArms, { ref, municipalityCode: 'GM0363', ordinal: 0 }));
  const other = refs.map((ref) => assignArm({ ...twoArms, seed: 'another-seed' }, { ref, municipalityCode: 'GM0363', ordinal: 0 }));
  assert.notDeepEqual(one, other, 'the seed matters');
});

test('random assignment is balanced by weight (10,000 households, 1:1 and 1:3)', () => {
  const count = (d: AssignmentDesign) => {
    const n: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const a = assignArm(d, { ref: `h${i}`, municipalityCode: 'GM0363', ordinal: i })!;
      n[a] = (n[a] ?? 0) + 1;
    }
    return n;
  };
  const even = count(twoArms);
  // 4 standard deviations of a binomial(10000, 0.5) is 200.
  assert.ok(Math.abs(even.alleen! - 5000) < 200, JSON.stringify(even));
  const weighted = count({ ...twoArms, arms: [arm('alleen'), arm('gecombineerd', { weight: 3 })] });
  assert.ok(Math.abs(weighted.alleen! - 2500) < 180, JSON.stringify(weighted));
});

test('stratified assignment balances every municipality within one block, reproducibly', () => {
  const d: AssignmentDesign = { method: 'stratified', seed: 's', arms: [arm('a'), arm('b'), arm('c')] };
  assert.equal(blockSize(d.arms), 6);
  for (const m of ['GM0363', 'GM0599']) {
    for (const n of [1, 5, 6, 7, 100, 601]) {
      const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
      for (let i = 0; i < n; i++) counts[assignArm(d, { ref: `x${i}`, municipalityCode: m, ordinal: i })!]!++;
      const values = Object.values(counts);
      assert.ok(Math.max(...values) - Math.min(...values) <= 2, `${m} n=${n} ${JSON.stringify(counts)}`);
      if (n % 6 === 0) assert.deepEqual(new Set(values).size, 1, 'a full block is exactly balanced');
    }
  }
  const seq = (m: string) => Array.from({ length: 12 }, (_, i) => assignArm(d, { ref: `x${i}`, municipalityCode: m, ordinal: i }));
  assert.deepEqual(seq('GM0363'), seq('GM0363'));
  assert.notDeepEqual(seq('GM0363'), seq('GM0599'), 'each municipality has its own shuffled blocks');
});

test('assignment by municipality follows the arms’ lists; a municipality in no arm is in none', () => {
  const d: AssignmentDesign = { method: 'by_municipality', seed: null, arms: [arm('met', { municipalities: ['GM0363'] }), arm('zonder', { municipalities: ['GM0599', 'GM0505'] })] };
  assert.equal(assignArm(d, { ref: 'h', municipalityCode: 'GM0505', ordinal: 0 }), 'zonder');
  assert.equal(assignArm(d, { ref: 'h', municipalityCode: 'GM0363', ordinal: 0 }), 'met');
  assert.equal(assignArm(d, { ref: 'h', municipalityCode: 'GM0344', ordinal: 0 }), null);
  assert.deepEqual(armDesignErrors(d), []);
  assert.equal(assignArm({ method: 'none', seed: null, arms: [] }, { ref: 'h', municipalityCode: 'GM0363', ordinal: 0 }), null);
});

test('bad designs are refused with the reason', () => {
  assert.match(armDesignErrors({ method: 'random', seed: null, arms: [arm('a'), arm('b')] }).join(), /needs a seed/);
  assert.match(armDesignErrors({ method: 'stratified', seed: 's', arms: [arm('a')] }).join(), /at least two arms/);
  assert.match(armDesignErrors({ method: 'random', seed: 's', arms: [arm('a'), arm('a')] }).join(), /used twice/);
  assert.match(armDesignErrors({ method: 'none', seed: null, arms: [arm('a')] }).join(), /assignment method/);
  assert.match(armDesignErrors({ method: 'by_municipality', seed: null, arms: [arm('a', { municipalities: ['GM0363'] }), arm('b', { municipalities: ['GM0363'] })] }).join(), /GM0363 is in arms/);
});

test('the worklist treatment follows the arm', () => {
  assert.deepEqual(armTreatment({ combineWithOtherSignals: false, withoutPriorConsent: true }), { showOtherSignals: false, contactWithoutPriorConsent: true });
  assert.deepEqual(armTreatment({ combineWithOtherSignals: true, withoutPriorConsent: null }), { showOtherSignals: true, contactWithoutPriorConsent: false });
});
