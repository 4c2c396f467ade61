import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { SignalInput } from '../signals/signal.ts';
import { evaluate } from './evaluate.ts';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';

const book = loadRuleBook();
const senders = [...book.organisations.keys(), 'nobody', ''];
const types = [...book.rulesByType.keys(), 'unknown_type'];
const codes = [...book.municipalities.keys(), 'GM9999', 'XX0000'];

const date = fc.oneof(
  fc.date({ min: new Date('2019-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
);
const amount = fc.oneof(fc.double({ noNaN: false }), fc.string({ maxLength: 8 }), fc.integer({ min: -10, max: 5000 }).map(String));

/** Signals that look plausible, with every field sometimes absent, wrong or odd. */
const signalArb = fc.record(
  {
    reference: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('REF-1')),
    signalType: fc.constantFrom(...types),
    signalDate: date,
    municipalityCode: fc.oneof(fc.constantFrom(...codes), fc.string({ maxLength: 7 })),
    onBehalfOf: fc.constantFrom(...senders),
    amount,
    components: fc.dictionary(fc.constantFrom('municipal_tax', 'parking_fine', 'dwelling_mortgage', 'other'), amount, { maxKeys: 3 }),
    arrearStartDate: date,
    bsn: fc.oneof(fc.constantFrom('111222333', '123456789'), fc.string({ maxLength: 10 })),
    person: fc.record({ surname: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
    address: fc.record({ postcode: fc.oneof(fc.constant('1012 LG'), fc.string({ maxLength: 8 })) }, { requiredKeys: [] }),
    phone: fc.string({ maxLength: 10 }),
    customerNumber: fc.string({ maxLength: 5 }),
    birthDate: date,
    crisis: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
    socialCollection: fc.record(
      {
        personalContactAttemptedOn: date,
        debtAssistanceReferredOn: date,
        reminderSentOn: date,
        agreementOfferedInReminder: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        residentResponse: fc.constantFrom('none', 'not_negative', 'objected', 'x', ''),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const PLACEHOLDER =
  /\{(?:field_nl|field_en|field|signalType|date|from|until|organisation|sender|creditor|label_nl|label_en|code|name|since|successor|successorName|on|amount|months|component|requires|kinds|value)\}/;

function checkShape(j: ReturnType<typeof evaluate>): void {
  assert.ok(j.decision === 'accepted' || j.decision === 'refused');
  if (j.decision === 'accepted') {
    assert.equal(j.refusals.length, 0);
    assert.ok(j.applied.length > 0 && j.ruleId !== undefined && j.regulationVersion !== undefined);
  } else {
    assert.ok(j.refusals.length > 0);
    for (const r of j.refusals) {
      assert.equal(typeof r.code, 'string');
      assert.equal(typeof r.inputError, 'boolean');
      assert.ok(r.message.nl.length > 0 && r.message.en.length > 0);
      assert.ok(!PLACEHOLDER.test(r.message.nl) && !PLACEHOLDER.test(r.message.en), `unfilled placeholder in ${r.message.en}`);
    }
  }
}

test('the evaluator never throws and always returns a well-formed judgement (plausible signals)', () => {
  fc.assert(
    fc.property(signalArb, fc.constantFrom(...senders), (signal, sender) => {
      checkShape(evaluate(signal as unknown as SignalInput, { organisationId: sender }, book));
    }),
    { numRuns: 3000 },
  );
});

test('the evaluator never throws on arbitrary values', () => {
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (signal, sender) => {
      checkShape(evaluate(signal as SignalInput, sender as { organisationId: string }, book));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom('reference', 'signalType', 'signalDate', 'municipalityCode', 'amount', 'components', 'bsn', 'address', 'person', 'socialCollection', 'onBehalfOf'), fc.anything()), (signal) => {
      checkShape(evaluate(signal as unknown as SignalInput, { organisationId: 'aegon' }, book));
    }),
    { numRuns: 2000 },
  );
});

test('the evaluator is deterministic', () => {
  fc.assert(
    fc.property(signalArb, fc.constantFrom(...senders), (signal, sender) => {
      const a = evaluate(signal as unknown as SignalInput, { organisationId: sender }, book);
      const b = evaluate(structuredClone(signal) as unknown as SignalInput, { organisationId: sender }, book);
      assert.deepEqual(a, b);
    }),
    { numRuns: 500 },
  );
});

test('a BSN is never accepted on a mortgage signal, whatever else the signal holds', () => {
  fc.assert(
    fc.property(signalArb, fc.constantFrom(...senders), (signal, sender) => {
      const j = evaluate({ ...(signal as object), signalType: 'mortgage', bsn: '111222333' } as unknown as SignalInput, { organisationId: sender }, book);
      assert.equal(j.decision, 'refused');
    }),
    { numRuns: 1000 },
  );
});

test('an objection is never accepted', () => {
  fc.assert(
    fc.property(signalArb, fc.constantFrom(...senders), (signal, sender) => {
      const s = signal as unknown as SignalInput;
      const j = evaluate({ ...s, socialCollection: { ...(s.socialCollection ?? {}), residentResponse: 'objected' } }, { organisationId: sender }, book);
      assert.equal(j.decision, 'refused');
    }),
    { numRuns: 1000 },
  );
});
