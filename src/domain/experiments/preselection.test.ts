import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePreselection, preselectionRuleErrors, type PreselectionRule, type SignalFacts } from './preselection.ts';

const facts = (o: Partial<SignalFacts> = {}): SignalFacts => ({ amountCents: 31250, arrearStartDate: '2025-01-10', signalDate: '2025-05-10', senderOrgId: 'belastingen-amsterdam', creditorOrgId: 'belastingen-amsterdam', ...o });
const minAmount = (mode: 'enforce' | 'flag', extra: Partial<PreselectionRule> = {}): PreselectionRule => ({ kind: 'min_amount', amount: 300, mode, description: '> € 300', ...extra });
const minAge = (months: number, mode: 'enforce' | 'flag' = 'enforce'): PreselectionRule => ({ kind: 'min_arrear_age_months', months, mode, description: '' });

test('a minimum amount: at or above passes, below is refused (enforce) or flagged (flag)', () => {
  assert.deepEqual(evaluatePreselection([minAmount('enforce')], facts({ amountCents: 30000 })), { refusals: [], flags: [] });
  const refused = evaluatePreselection([minAmount('enforce')], facts({ amountCents: 29999 }));
  assert.deepEqual(refused.refusals.map((r) => r.code), ['PRESELECTION_MIN_AMOUNT']);
  assert.match(refused.refusals[0]!.message.nl, /€ 300,00.*€ 299,99/);
  const flagged = evaluatePreselection([minAmount('flag')], facts({ amountCents: 100 }));
  assert.deepEqual([flagged.refusals.length, flagged.flags.length], [0, 1]);
  assert.equal(evaluatePreselection([minAmount('enforce')], facts({ amountCents: null })).refusals.length, 1, 'no amount, no proof of selection');
});

test('a minimum age of the arrear counts calendar months up to the signal date', () => {
  assert.equal(evaluatePreselection([minAge(4)], facts()).refusals.length, 0, '10 Jan → 10 May is four months');
  assert.equal(evaluatePreselection([minAge(4)], facts({ arrearStartDate: '2025-01-11' })).refusals.length, 1);
  assert.equal(evaluatePreselection([minAge(4)], facts({ arrearStartDate: null })).refusals.length, 1);
});

test('a rule selected by one organisation applies only to its signals; declared rules are never checked', () => {
  const rule = minAmount('enforce', { selectedBy: 'bsgw' });
  assert.equal(evaluatePreselection([rule], facts({ amountCents: 1 })).refusals.length, 0);
  assert.equal(evaluatePreselection([rule], facts({ amountCents: 1, senderOrgId: 'bsgw', creditorOrgId: 'bsgw' })).refusals.length, 1);
  const declared: PreselectionRule = { kind: 'declared', mode: 'declared', description: 'De verwerker selecteert op klanten zonder regeling.' };
  assert.deepEqual(evaluatePreselection([declared], facts({ amountCents: 1 })), { refusals: [], flags: [] });
});

test('both kinds of miss are reported together', () => {
  const r = evaluatePreselection([minAmount('flag'), minAge(6, 'enforce')], facts({ amountCents: 100 }));
  assert.deepEqual(r.flags.map((x) => x.code), ['PRESELECTION_MIN_AMOUNT']);
  assert.deepEqual(r.refusals.map((x) => x.code), ['PRESELECTION_MIN_ARREAR_AGE']);
});

test('a declared rule must be well-formed', () => {
  assert.deepEqual(preselectionRuleErrors(minAmount('enforce')), []);
  assert.equal(preselectionRuleErrors({ kind: 'min_amount', mode: 'flag', description: '' }).length, 1);
  assert.equal(preselectionRuleErrors({ kind: 'declared', mode: 'enforce', description: 'x' }).length, 1);
  assert.equal(preselectionRuleErrors({ kind: 'min_arrear_age_months', months: 1.5, mode: 'flag', description: '' }).length, 1);
  assert.equal(preselectionRuleErrors({ kind: 'declared', mode: 'declared', description: ' ' }).length, 1);
});
