import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';
import { inForceOn } from './in-force.ts';

const book = loadRuleBook();

test('on 2025-09-01: DUO, the tax and benefits signals and the end-of-supply signal are in force; municipal taxes are repealed', () => {
  const v = inForceOn(book, '2025-09-01');
  const types = v.entries.map((e) => e.signalType);
  for (const t of ['rent', 'student_debt', 'tax_debt', 'benefits_recovery', 'energy_end_of_supply', 'mortgage', 'wmo_own_contribution']) assert.ok(types.includes(t), t);
  const tax = v.notInForce.find((n) => n.signalType === 'municipal_tax')!;
  assert.equal(tax.reason, 'repealed');
  assert.equal(tax.since, '2025-05-16');
  assert.equal(tax.citation?.regulation, 'wijzigingsregeling-stcrt-2025-17636');
  const duo = v.entries.find((e) => e.signalType === 'student_debt')!;
  assert.deepEqual(duo.municipalities.list, [{ code: 'GM0363', name: 'Amsterdam' }]);
  assert.deepEqual(duo.senders.list.map((s) => s.id), ['duo']);
  assert.equal(duo.ddasPartner, 'DUO');
  assert.equal(duo.verified, false, 'art. 2.3 lid 2 was read up to onderdeel a');
  assert.ok(duo.verify.some((n) => n.part === 'data'));
});

test('every unverified value is listed: the provisional municipality lists of art. 2.4 and 2.5 say so', () => {
  const v = inForceOn(book, '2025-09-01');
  for (const t of ['wmo_own_contribution', 'wlz_own_contribution', 'tax_debt', 'benefits_recovery']) {
    const e = v.entries.find((x) => x.signalType === t)!;
    assert.equal(e.municipalities.all, false, `${t}: never 'all' for an experiment`);
    assert.ok(e.verify.some((n) => n.part === 'municipalities' && /provisional/.test(n.note)), t);
  }
});

test('today (2026-12-04) no signal of the Tijdelijke regeling is in force: they lapsed, the standard signals remain', () => {
  const v = inForceOn(book, '2026-12-04');
  assert.ok(v.entries.every((e) => !e.regulation.id.startsWith('tijdelijke-regeling')), v.entries.map((e) => e.ruleId).join());
  const mortgage = v.notInForce.find((n) => n.signalType === 'mortgage')!;
  assert.equal(mortgage.reason, 'lapsed');
  assert.equal(mortgage.since, '2026-01-01');
  assert.equal(mortgage.citation?.article, '3.1');
  assert.ok(v.entries.some((e) => e.signalType === 'rent'));
});

test('in the first quarter of 2026 the TR signals apply only under the transitional rule, with the stated bound', () => {
  const v = inForceOn(book, '2026-02-15');
  const mortgage = v.entries.find((e) => e.signalType === 'mortgage')!;
  assert.equal(mortgage.basis, 'transitional');
  assert.equal(mortgage.transitional?.signalsUntil, '2026-03-31');
  assert.equal(mortgage.transitional?.reminderBy, '2025-12-31');
});

test('before 2023-05-01 DUO is not yet designated', () => {
  const duo = inForceOn(book, '2023-01-10').notInForce.find((n) => n.signalType === 'student_debt')!;
  assert.equal(duo.reason, 'not_yet');
  assert.equal(duo.since, '2023-05-01');
});

test('the period is the designation\'s, over the versions that amended it', () => {
  const duo = inForceOn(book, '2025-09-01').entries.find((e) => e.signalType === 'student_debt')!;
  assert.deepEqual(duo.period, { from: '2023-05-01', until: '2025-12-31' });
  assert.equal(duo.regulation.version, 'tijdelijke-regeling-signaal-betalingsachterstanden/2025-05-16');
});

test('senders are named in both languages: a kind by its label, the municipal tax collector in words', () => {
  const view = inForceOn(book, '2024-06-01');
  const rent = view.entries.find((e) => e.signalType === 'rent')!;
  const landlord = rent.senders.list.find((s) => s.kind === 'organisation_kind')!;
  assert.equal(landlord.label.en, book.organisationKinds.get(landlord.id)!.label.en);
  assert.equal(landlord.name, landlord.label.nl);
  const tax = view.entries.find((e) => e.signalType === 'municipal_tax')!;
  assert.deepEqual(tax.senders.list.find((s) => s.kind === 'collector')!.label.en, 'Official in charge of collecting municipal taxes');
});
