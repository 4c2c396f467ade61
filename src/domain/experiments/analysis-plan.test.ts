import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan, comparisonsOf, judgeAgainstPlan, planEditable, plannedMonths } from './analysis-plan.ts';
import { planReading } from './plan-reading.ts';
import { STAGES } from './stages.ts';

const arms = [
  { code: 'alleen', weight: 1, municipalities: [], combineWithOtherSignals: false, withoutPriorConsent: null },
  { code: 'gecombineerd', weight: 1, municipalities: [], combineWithOtherSignals: true, withoutPriorConsent: null },
];
const ctx = { arms, plannedStart: '2027-01-01', plannedEnd: '2027-12-31', inflowSource: 'entered' as const };
const input = { primaryOutcome: 'reached', secondaryOutcomes: ['helpAccepted', 'reached'], baselinePct: 10, minimalEffectPts: 10, inflowPerMonth: 50 };

test('the plan freezes when the experiment runs: editable before, never from running on', () => {
  const editable = STAGES.filter(planEditable);
  assert.deepEqual(editable, ['initiative', 'idea', 'plan', 'submitted', 'approved', 'regulation_in_force']);
});

test('arms answer the deck questions only when they differ in that one respect', () => {
  assert.deepEqual(comparisonsOf(arms), [{ question: 'standalone', arm: 'alleen', reference: 'gecombineerd' }]);
  const consent = [
    { code: 'zonder', combineWithOtherSignals: true, withoutPriorConsent: true },
    { code: 'met', combineWithOtherSignals: true, withoutPriorConsent: false },
  ];
  assert.deepEqual(comparisonsOf(consent), [{ question: 'without_consent', arm: 'zonder', reference: 'met' }]);
  const confounded = [
    { code: 'a', combineWithOtherSignals: false, withoutPriorConsent: true },
    { code: 'b', combineWithOtherSignals: true, withoutPriorConsent: false },
  ];
  assert.deepEqual(comparisonsOf(confounded), [], 'two differences at once answer neither question');
});

test('a plan works out the households per arm it needs and what the inflow gives', () => {
  assert.equal(plannedMonths('2027-01-01', '2027-12-31'), 12);
  const { plan, problems } = buildPlan(input, ctx);
  assert.deepEqual(problems, []);
  assert.equal(plan!.neededPerArm, 219);
  assert.equal(plan!.expectedPerArm, 300, '50 a month × 12 months × half');
  assert.equal(plan!.powered, true);
  assert.deepEqual(plan!.secondaryOutcomes, ['helpAccepted'], 'the primary outcome is not also secondary');
  assert.equal(buildPlan({ ...input, inflowPerMonth: 30 }, ctx).plan!.powered, false, '180 per arm is too few');
});

test('every missing piece is named per field', () => {
  const { plan, problems } = buildPlan({ primaryOutcome: '', secondaryOutcomes: [], baselinePct: null, minimalEffectPts: 0, inflowPerMonth: null }, { ...ctx, arms: [], plannedEnd: null });
  assert.equal(plan, undefined);
  assert.deepEqual(problems.map((p) => p.name).sort(), ['arms', 'baselinePct', 'dates', 'inflowPerMonth', 'minimalEffectPts', 'primaryOutcome']);
});

test('against the plan: answerable with enough households, underpowered with too few, not in the design without arms for it', () => {
  const { plan } = buildPlan(input, ctx);
  const enough = judgeAgainstPlan(plan!, [
    { arm: 'alleen', n: 250, successes: 50 },
    { arm: 'gecombineerd', n: 240, successes: 24 },
  ]);
  assert.equal(enough[0]!.verdict, 'answerable');
  assert.equal(enough[0]!.differencePts, 10);
  assert.equal(enough[0]!.reachesMinimalEffect, true);
  assert.ok(enough[0]!.power! > 0.8);
  assert.equal(enough[1]!.verdict, 'not_in_design');
  const few = judgeAgainstPlan(plan!, [
    { arm: 'alleen', n: 60, successes: 12 },
    { arm: 'gecombineerd', n: 60, successes: 6 },
  ]);
  assert.equal(few[0]!.verdict, 'underpowered');
  assert.ok(few[0]!.power! < 0.5);
});

test('the report reads the plan and each question in both languages, hiding counts below ten', () => {
  const { plan } = buildPlan(input, ctx);
  const lines = planReading(plan!, '2027-01-01', judgeAgainstPlan(plan!, [
    { arm: 'alleen', n: 8, successes: 2 },
    { arm: 'gecombineerd', n: 240, successes: 24 },
  ]));
  assert.equal(lines.length, 3);
  assert.match(lines[0]!.nl, /219 huishoudens per groep/);
  assert.match(lines[1]!.nl, /alleen \(< 10\) tegenover gecombineerd \(240 huishoudens\) — te weinig/);
  assert.doesNotMatch(lines[1]!.nl, /Gevonden verschil/, 'no rate from a small cell');
  assert.match(lines[2]!.en, /Does it hold without prior consent\?: no experiment groups compare this/);
});
