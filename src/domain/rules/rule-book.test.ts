import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignalInput } from '../signals/signal.ts';
import { evaluate } from './evaluate.ts';
import { loadRuleBook, loadRuleFiles } from '../../app/rules/load-rule-files.ts';
import { buildRuleBook, RuleBookError } from './rule-book.ts';

const book = loadRuleBook();

const rent: SignalInput = {
  reference: 'R-1',
  signalType: 'rent',
  signalDate: '2024-05-01',
  municipalityCode: 'GM0344',
  amount: '700',
  person: { surname: 'Bos' },
  socialCollection: {
    personalContactAttemptedOn: '2024-04-01',
    debtAssistanceReferredOn: '2024-04-01',
    reminderSentOn: '2024-03-01',
    agreementOfferedInReminder: true,
    residentResponse: 'none',
  },
};

test('organisations onboarded in the database are merged at runtime', () => {
  assert.equal(evaluate(rent, { organisationId: 'woonbedrijf-x' }, book).refusals[0]?.code, 'SENDER_UNKNOWN');
  const more = book.withOrganisations([{ id: 'woonbedrijf-x', name: 'Woonbedrijf X', kinds: ['landlord'] }]);
  assert.equal(evaluate(rent, { organisationId: 'woonbedrijf-x' }, more).decision, 'accepted');
  assert.equal(book.organisations.has('woonbedrijf-x'), false, 'the original book is unchanged');
  const replaced = more.withOrganisations([]);
  assert.equal(replaced.organisations.has('woonbedrijf-x'), false, 'extras replace earlier extras');
});

test('a database organisation may act as processor or join a group, dated', () => {
  const more = book.withOrganisations([
    { id: 'verwerker-y', name: 'Verwerker Y', kinds: ['processor'], mandates: [{ creditor: 'mitros', from: '2024-01-01', until: null }] },
    { id: 'rabo-dochter', name: 'Rabo Dochter', kinds: ['mortgage_lender'], groups: [{ group: 'rabobank-groep', from: '2024-06-01' }] },
  ]);
  assert.equal(evaluate({ ...rent, onBehalfOf: 'mitros' }, { organisationId: 'verwerker-y' }, more).decision, 'accepted');
  const mortgage: SignalInput = { ...rent, signalType: 'mortgage', municipalityCode: 'GM0363' };
  assert.equal(evaluate(mortgage, { organisationId: 'rabo-dochter' }, more).refusals[0]?.code, 'SENDER_NOT_DESIGNATED');
  assert.equal(evaluate({ ...mortgage, signalDate: '2024-06-03' }, { organisationId: 'rabo-dochter' }, more).decision, 'accepted');
});

test('a database organisation cannot redefine a register organisation', () => {
  assert.throws(() => book.withOrganisations([{ id: 'aegon', name: 'Fake', kinds: ['landlord'] }]), /cannot be overridden/);
});

test('an unknown organisation kind is refused', () => {
  assert.throws(() => book.withOrganisations([{ id: 'x', name: 'X', kinds: ['wizard'] }]), /unknown organisation kind/);
});

test('accepted judgements are shared frozen objects (no allocation on the accept path)', () => {
  const a = evaluate(rent, { organisationId: 'mitros' }, book);
  const b = evaluate({ ...rent, reference: 'R-2' }, { organisationId: 'ymere' }, book);
  assert.equal(a, b);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.applied));
});

test('rules refer only to register entries', () => {
  const { regulations, registers } = loadRuleFiles();
  const noRabo = { ...registers, groups: registers.groups.filter((g) => g.id !== 'rabobank-groep') };
  assert.throws(() => buildRuleBook({ regulations, registers: noRabo }), RuleBookError);
});

test('overlapping versions of one regulation are refused', () => {
  const { regulations, registers } = loadRuleFiles();
  const tr = regulations.filter((r) => r.id === 'tijdelijke-regeling-signaal-betalingsachterstanden');
  const overlapping = tr.map((v) => (v.valid_from === '2022-01-01' ? { ...v, valid_until: '2024-06-30' } : v));
  assert.throws(() => buildRuleBook({ regulations: overlapping, registers }), /overlaps/);
});

test('signalTypes lists what may be sent', () => {
  const types = book.signalTypes();
  const mortgage = types.find((t) => t.ruleId === 'tr-2.2-mortgage' && t.from === '2024-04-01');
  assert.ok(mortgage);
  assert.deepEqual(mortgage.dataCategories, ['contact_details', 'arrear_amount', 'arrear_start_date']);
  assert.ok(Array.isArray(mortgage.municipalities) && mortgage.municipalities.includes('GM0518'));
});
