import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Judgement } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { loadRuleBook } from '../rules/load-rule-files.ts';
import { ExperimentRuntime, type RunningExperiment } from './runtime.ts';
import { ExperimentScreeningJudge } from './screening-judge.ts';

const accepted: Judgement = Object.freeze({ decision: 'accepted', regulationVersion: 'tr/2024-04-01', ruleId: 'tr-2.4-cak-wmo', applied: [], refusals: [] });
const inner = { judge: (): Judgement => accepted };
const experiment: RunningExperiment = {
  id: 'cak',
  name: { nl: 'CAK', en: 'CAK' },
  ruleIds: new Set(['tr-2.4-cak-wmo']),
  municipalities: new Set(['GM0363']),
  senders: new Set(['cak']),
  preselection: [
    { kind: 'min_amount', amount: 150, mode: 'enforce', description: '' },
    { kind: 'min_arrear_age_months', months: 6, mode: 'flag', description: '' },
  ],
  design: { method: 'none', seed: null, arms: [] },
};
const signal = (o: Partial<SignalInput> = {}): SignalInput => ({ reference: 'r', signalType: 'wmo_own_contribution', signalDate: '2025-06-01', municipalityCode: 'GM0363', amount: '200', arrearStartDate: '2024-10-01', ...o });

function judge(list: RunningExperiment[]) {
  const runtime = new ExperimentRuntime(loadRuleBook()); // no database: the configuration is the list
  runtime.install(list);
  return new ExperimentScreeningJudge(inner, runtime);
}

test('a signal of no running experiment passes untouched (the same frozen judgement)', () => {
  assert.equal(judge([]).judge(signal({ amount: '1' }), { organisationId: 'cak' }), accepted);
  assert.equal(judge([experiment]).judge(signal({ municipalityCode: 'GM0344', amount: '1' }), { organisationId: 'cak' }), accepted, 'another municipality');
  assert.equal(judge([experiment]).judge(signal({ amount: '1' }), { organisationId: 'other-sender' }), accepted, 'another sender');
});

test('an enforced rule refuses with the experiment named; a flagged one adds a notice', () => {
  const refused = judge([experiment]).judge(signal({ amount: '120' }), { organisationId: 'cak' });
  assert.equal(refused.decision, 'refused');
  assert.equal(refused.ruleId, 'tr-2.4-cak-wmo');
  assert.deepEqual(refused.refusals.map((r) => [r.code, r.field]), [['PRESELECTION_MIN_AMOUNT', 'amount']]);
  assert.match(refused.refusals[0]!.message.nl, /^Experiment CAK: /);
  const flagged = judge([experiment]).judge(signal({ arrearStartDate: '2025-01-01' }), { organisationId: 'cak' });
  assert.equal(flagged.decision, 'accepted');
  assert.deepEqual(flagged.notices?.map((n) => n.code), ['PRESELECTION_MIN_ARREAR_AGE']);
  assert.equal(judge([experiment]).judge(signal(), { organisationId: 'cak' }), accepted, 'meets the selection');
});

test('a refusal by the rules is never overruled', () => {
  const refusedByLaw: Judgement = { decision: 'refused', applied: [], refusals: [{ code: 'X', inputError: false, message: { nl: 'x', en: 'x' } }] };
  const runtime = new ExperimentRuntime(loadRuleBook());
  runtime.install([experiment]);
  const j = new ExperimentScreeningJudge({ judge: () => refusedByLaw }, runtime);
  assert.equal(j.judge(signal({ amount: '1' }), { organisationId: 'cak' }), refusedByLaw);
});
