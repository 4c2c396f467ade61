import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './evaluate.ts';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';
import { citationsForRefusal, sendingRights } from './sending-rights.ts';
import { verificationOf } from './in-force.ts';
import type { SignalInput } from '../signals/signal.ts';

const book = loadRuleBook();
const TODAY = '2025-03-03';

test('a landlord may send the rent signal to every municipality, with contact details, after the four steps', () => {
  const r = sendingRights(book, 'demo-woningcorporatie', TODAY);
  assert.equal(r.organisation?.name, 'Demo Woningcorporatie');
  assert.deepEqual(r.own.map((e) => e.signalType), ['rent']);
  const rent = r.own[0]!;
  assert.equal(rent.timing, 'current');
  assert.deepEqual(rent.basis, { kind: 'organisation_kind', kindId: 'landlord', label: book.organisationKinds.get('landlord')!.label });
  assert.deepEqual(rent.municipalities, { scope: 'all' });
  assert.ok(rent.dataCategories.includes('contact_details') && !rent.dataCategories.includes('bsn'));
  assert.deepEqual(rent.socialSteps.map((s) => s.step), ['personal_contact', 'debt_assistance_referral', 'written_reminder', 'agreement_offered']);
  assert.equal(rent.socialSteps[0]!.citation.article, '2');
  assert.equal(rent.socialSteps[0]!.citation.item, 'a');
  assert.deepEqual(r.onBehalfOf, []);
});

test('a municipal tax collector may send only to the municipality it collects for, with the conditions of its rule', () => {
  const r = sendingRights(book, 'belastingen-amsterdam', TODAY);
  const tax = r.own.filter((e) => e.signalType === 'municipal_tax');
  assert.ok(tax.length >= 1);
  const now = tax.find((e) => e.timing === 'current')!;
  assert.equal(now.basis.kind, 'collector');
  assert.deepEqual(now.municipalities, { scope: 'own', municipalities: [{ code: 'GM0363', name: 'Amsterdam', from: null, until: null }] });
  assert.ok(now.conditions.length > 0, 'components_only / component_requires');
  // The explanation agrees with the evaluator: Rotterdam is refused, with the municipality article.
  const signal: SignalInput = {
    reference: 'T-1', signalType: 'municipal_tax', signalDate: TODAY, municipalityCode: 'GM0599', amount: '300',
    person: { surname: 'Bos' },
    socialCollection: { personalContactAttemptedOn: '2025-05-01', debtAssistanceReferredOn: '2025-05-01', reminderSentOn: '2025-04-01', agreementOfferedInReminder: true, residentResponse: 'none' },
  };
  const j = evaluate(signal, { organisationId: 'belastingen-amsterdam' }, book);
  const refusal = j.refusals.find((x) => x.code === 'MUNICIPALITY_NOT_SENDERS_OWN');
  assert.ok(refusal, JSON.stringify(j.refusals.map((x) => x.code)));
  assert.deepEqual(citationsForRefusal(now, refusal.code), [refusal.citation]);
});

test('after the repeal of art. 2.1 the tax collector has no current entitlement; DUO and the Belastingdienst have theirs', () => {
  assert.ok(!sendingRights(book, 'belastingen-amsterdam', '2025-06-01').own.some((e) => e.timing === 'current'));
  const duo = sendingRights(book, 'duo', '2024-06-01').own.find((e) => e.timing === 'current')!;
  assert.equal(duo.signalType, 'student_debt');
  assert.deepEqual(duo.municipalities, { scope: 'list', municipalities: [{ code: 'GM0363', name: 'Amsterdam' }] });
  const bd = sendingRights(book, 'belastingdienst', '2025-09-01').own.find((e) => e.timing === 'current')!;
  assert.equal(bd.signalType, 'tax_debt');
  assert.ok(bd.conditions.some((c) => c.kind === 'attestation_required'));
});

test('a mortgage lender designated by name gets the list of municipalities; a group member through its group', () => {
  const aegon = sendingRights(book, 'aegon', TODAY).own.find((e) => e.signalType === 'mortgage' && e.timing === 'current')!;
  assert.deepEqual(aegon.basis, { kind: 'organisation' });
  assert.equal(aegon.municipalities.scope, 'list');
  assert.ok(aegon.municipalities.scope === 'list' && aegon.municipalities.municipalities.some((m) => m.code === 'GM0363' && m.name === 'Amsterdam'));
  const obvion = sendingRights(book, 'obvion', TODAY).own.find((e) => e.signalType === 'mortgage')!;
  assert.equal(obvion.basis.kind, 'group');
  const ing = sendingRights(book, 'ing-hypotheken', TODAY);
  assert.deepEqual(ing.own.filter((e) => e.signalType === 'mortgage'), [], 'not designated: nothing to send');
});

test('a processor sends nothing for itself, only for the creditors it holds a mandate from, within the mandate', () => {
  const r = sendingRights(book, 'demo-verwerker', TODAY);
  assert.deepEqual(r.own, []);
  const forLandlord = r.onBehalfOf.find((x) => x.creditor.id === 'demo-woningcorporatie')!;
  assert.equal(forLandlord.from, '2021-01-01');
  assert.deepEqual(forLandlord.entitlements.map((e) => e.signalType), ['rent']);
  const ended = sendingRights(book, 'incasso-demo', TODAY).onBehalfOf.find((x) => x.creditor.id === 'ymere')!;
  assert.ok(ended.entitlements.every((e) => e.timing === 'past' && e.until !== null && e.until <= '2023-12-31'));
});

test('an organisation outside the registers may send nothing', () => {
  assert.deepEqual(sendingRights(book, 'onbekend', TODAY), { organisation: undefined, own: [], onBehalfOf: [] });
});

test('each social-collection refusal points at its own step; input errors at no article', () => {
  const rent = sendingRights(book, 'demo-woningcorporatie', TODAY).own[0]!;
  assert.equal(citationsForRefusal(rent, 'REMINDER_MISSING')[0]!.item, 'c');
  assert.equal(citationsForRefusal(rent, 'RESIDENT_OBJECTED')[0]!.item, 'd');
  assert.deepEqual(citationsForRefusal(rent, 'FIELD_NOT_ALLOWED'), [rent.dataCitation]);
  assert.deepEqual(citationsForRefusal(rent, 'BSN_INVALID'), []);
});

test('an entitlement carries what of its designation is not verified against the official text', () => {
  const tax = sendingRights(book, 'belastingdienst', '2025-08-01').own.find((e) => e.signalType === 'tax_debt' && e.timing === 'current');
  assert.ok(tax, 'the Belastingdienst may send the tax-debt signal from 1 July 2025');
  const parts = new Set(tax.verify.map((n) => n.part));
  assert.ok(parts.has('municipalities'), 'the designated municipalities are provisional');
  // The page lists the same notes as "Regels in werking" for that designation.
  const rule = book.rulesByType.get('tax_debt')!.find((r) => r.versionKey === tax.versionKey)!;
  assert.deepEqual(tax.verify, verificationOf(book, rule));
});
