import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareProportions, fisherExactTest, twoProportionZTest, wilsonInterval } from './proportions.ts';
import { compareArms } from './compare-arms.ts';
import { publishable, suppressRows } from './suppress.ts';
import { checkCostParameters, computeCostBenefit, DEFAULT_COST_PARAMETERS } from './costs.ts';

const close = (a: number, b: number, tol = 5e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

describe('Wilson score intervals (Newcombe 1998, Table I, method 3)', () => {
  for (const [x, n, low, high] of [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ] as const)
    it(`${x}/${n} → ${low}–${high}`, () => {
      const i = wilsonInterval(x, n);
      close(i.low, low);
      close(i.high, high);
      close(i.rate, x / n, 1e-12);
    });
});

describe('tests of two proportions', () => {
  it('z-test: 45/100 vs 30/100 gives z² = χ² = 4.8, p = 0.0285 (R: prop.test(correct = FALSE))', () => {
    const r = twoProportionZTest(45, 100, 30, 100);
    close(r.z! ** 2, 4.8, 1e-9);
    close(r.pValue, 0.02846, 1e-5);
  });
  it("Fisher's exact test: the lady tasting tea [[3,1],[1,3]] p = 0.4857, and [[1,9],[11,3]] p = 0.002759", () => {
    close(fisherExactTest(3, 4, 1, 4).pValue, 0.485714, 1e-6);
    close(fisherExactTest(1, 10, 11, 14).pValue, 0.0027595, 1e-6);
  });
  it('chooses Fisher when an expected cell is below 5, the z-test otherwise', () => {
    assert.equal(compareProportions(1, 10, 3, 12).test, 'fisher-exact');
    assert.equal(compareProportions(45, 100, 30, 100).test, 'two-proportion-z');
  });
});

describe('comparing experiment arms', () => {
  const label = { nl: 'Bereikt', en: 'Reached' };
  it('reads a significant difference in plain Dutch and English', () => {
    const c = compareArms('reached', label, [
      { arm: 'controle', n: 400, successes: 100 },
      { arm: 'nieuw-signaal', n: 400, successes: 150 },
    ]);
    const cmp = c.comparisons[0]!;
    assert.equal(cmp.reference, 'controle');
    assert.equal(cmp.significant, true);
    close(cmp.difference!, 0.125, 1e-12);
    assert.match(cmp.reading.nl, /statistisch significant/);
    assert.match(cmp.reading.nl, /13 procentpunt hoger/);
    assert.match(cmp.reading.en, /statistically significant/);
    assert.deepEqual(cmp.warnings, []);
    assert.equal(c.arms[1]!.rate!.rate, 0.375);
  });
  it('says that no difference shown is not proof of none', () => {
    const cmp = compareArms('reached', label, [
      { arm: 'a', n: 200, successes: 50 },
      { arm: 'b', n: 200, successes: 52 },
    ]).comparisons[0]!;
    assert.equal(cmp.significant, false);
    assert.match(cmp.reading.nl, /geen statistisch significant verschil/);
    assert.match(cmp.reading.en, /does not prove/);
  });
  it('warns about small groups and shows nothing of a group under 10', () => {
    const small = compareArms('reached', label, [
      { arm: 'a', n: 20, successes: 10 },
      { arm: 'b', n: 25, successes: 12 },
    ]).comparisons[0]!;
    assert.ok(small.warnings.some((w) => /Kleine groepen/.test(w.nl)));
    const tiny = compareArms('reached', label, [
      { arm: 'a', n: 200, successes: 80 },
      { arm: 'b', n: 7, successes: 3 },
    ]);
    assert.equal(tiny.comparisons[0]!.test, null);
    assert.match(tiny.comparisons[0]!.reading.nl, /niets te concluderen/);
    assert.deepEqual(tiny.arms[1], { arm: 'b', n: null, successes: null, rate: null });
  });
  it('hides rates resting on fewer than 10 successes, but still tests', () => {
    const c = compareArms('accepted', label, [
      { arm: 'a', n: 100, successes: 3 },
      { arm: 'b', n: 100, successes: 30 },
    ]);
    assert.equal(c.arms[0]!.rate, null);
    assert.equal(c.comparisons[0]!.difference, null);
    assert.ok(c.comparisons[0]!.test!.pValue < 0.001);
    assert.doesNotMatch(c.comparisons[0]!.reading.nl, /%/);
  });
});

describe('suppression of small cells', () => {
  it('suppresses counts 1–9 and what rests on them; zero stays', () => {
    const rows = suppressRows(
      [
        { municipality: 'A', cases: 120, reached: 9, share: 0.075 },
        { municipality: 'B', cases: 0, reached: 0, share: 0 },
      ],
      { counts: ['cases', 'reached'], derived: { share: ['reached'] } },
    );
    assert.deepEqual(rows[0], { municipality: 'A', cases: 120, reached: null, share: null, suppressed: ['reached', 'share'] });
    assert.deepEqual(rows[1], { municipality: 'B', cases: 0, reached: 0, share: 0, suppressed: [] });
  });
  it('protects a total against subtraction by hiding the next smallest cell too', () => {
    const rows = suppressRows(
      [
        { g: 'a', n: 4 },
        { g: 'b', n: 25 },
        { g: 'c', n: 12 },
      ],
      { counts: ['n'], complementary: true },
    );
    assert.deepEqual(rows.map((r) => r.n), [null, 25, null]);
  });
  it('publishable() hides a single figure resting on a small count', () => {
    assert.equal(publishable(3.5, 9), null);
    assert.equal(publishable(3.5, 10), 3.5);
  });
});

describe('costs and benefits (toelichting § 4)', () => {
  it('computes the account from the notes’ figures', () => {
    const r = computeCostBenefit({ signalsDelivered: 1000, signalsHandled: 800, creditorOrganisations: 2 });
    const by = Object.fromEntries(r.lines.map((l) => [l.key, l.amount]));
    assert.equal(by['municipality-handling'], 800 * 179);
    assert.equal(by['savings'], 800 * 380);
    assert.equal(by['creditor-one-off'], 120);
    assert.equal(by['creditor-reminders'], 1500);
    assert.equal(by['creditor-personal-contact'], 25_000);
    assert.equal(by['creditor-report'], 3250);
    assert.equal(r.totalCosts, 143_200 + 120 + 1500 + 25_000 + 3250);
    assert.equal(r.net, 304_000 - r.totalCosts);
    assert.equal(r.benefitCostRatio, Math.round((304_000 / r.totalCosts) * 1000) / 1000);
  });
  it('takes edited parameters and refuses unknown or negative ones', () => {
    const ok = checkCostParameters({ creditorReminderCost: 2, evictionsPrevented: 3 });
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.parameters!.creditorReminderCost, 2);
    assert.equal(ok.parameters!.municipalityCostPerSignal, DEFAULT_COST_PARAMETERS.municipalityCostPerSignal);
    assert.equal(computeCostBenefit({ signalsDelivered: 0, signalsHandled: 0, creditorOrganisations: 0 }, ok.parameters).totalBenefits, 16_500);
    const bad = checkCostParameters({ creditorReminderCost: -1, foo: 1, personalContactShare: 2 });
    assert.deepEqual(bad.errors.map((e) => e.name).sort(), ['creditorReminderCost', 'foo', 'personalContactShare']);
  });
});
