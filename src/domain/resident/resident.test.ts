import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_ALPHABET, codeFromBytes, formatCode, normaliseCode } from './reminder-code.ts';
import { canChange, intakeVerdict } from './choice.ts';
import { armAsksConsent, consentByDesign } from './consent-arm.ts';
import { checkReminderRequest, houseNumberMatches } from './reminder-request.ts';
import type { ArmDesign } from '../experiments/arms.ts';

test('reminder codes: 12 characters without look-alikes, printed in groups, typed loosely', () => {
  const code = codeFromBytes(new Uint8Array(Array.from({ length: 12 }, (_, i) => i * 37)));
  assert.equal(code.length, 12);
  assert.ok([...code].every((c) => CODE_ALPHABET.includes(c)));
  assert.ok(!/[01OI]/.test(CODE_ALPHABET));
  assert.match(formatCode(code), /^\w{4}-\w{4}-\w{4}$/);
  assert.equal(normaliseCode(` ${formatCode(code).toLowerCase()} `), code);
  assert.equal(normaliseCode('ABCD-EFGH-JK2O'), null, 'an O is no code character');
  assert.equal(normaliseCode('ABCD'), null);
  assert.equal(CODE_ALPHABET.length ** 12 > 2 ** 59, true, 'about 60 bits');
});

test('intake verdict: an objection refuses citing TR art. 1.2 d; consent arms need consent; help is a warm transfer', () => {
  const obj = intakeVerdict('objected', false);
  assert.equal(obj.refusal?.code, 'RESIDENT_OBJECTED');
  assert.deepEqual([obj.refusal?.citation?.article, obj.refusal?.citation?.item], ['1.2', 'd']);
  assert.equal(intakeVerdict('objected', true).refusal?.code, 'RESIDENT_OBJECTED');
  assert.equal(intakeVerdict(null, true).refusal?.code, 'PRIOR_CONSENT_MISSING');
  assert.deepEqual(intakeVerdict('consented', true), { refusal: null, warmTransfer: false });
  assert.deepEqual(intakeVerdict('help', true), { refusal: null, warmTransfer: true });
  assert.deepEqual(intakeVerdict(null, false), { refusal: null, warmTransfer: false });
});

test('a choice can change while the period runs and the signal has not arrived', () => {
  const now = new Date('2025-06-01T10:00:00Z');
  assert.equal(canChange({ expiresAt: new Date('2025-06-20T23:00:00Z'), signalReceivedAt: null }, now), true);
  assert.equal(canChange({ expiresAt: new Date('2025-06-20T23:00:00Z'), signalReceivedAt: now }, now), false);
  assert.equal(canChange({ expiresAt: new Date('2025-05-20T23:00:00Z'), signalReceivedAt: null }, now), false);
});

test('an arm with prior consent binds in every assignment method: by municipality at once, a random or stratified draw by household', () => {
  const arm = (code: string, withoutPriorConsent: boolean | null, municipalities: string[] = []): ArmDesign => ({ code, weight: 1, municipalities, combineWithOtherSignals: true, withoutPriorConsent });
  const byMunicipality = { method: 'by_municipality' as const, seed: null, arms: [arm('met', false, ['GM0363']), arm('zonder', true, ['GM0599'])] };
  assert.equal(consentByDesign(byMunicipality, 'GM0363'), 'yes');
  assert.equal(consentByDesign(byMunicipality, 'GM0599'), 'no');
  assert.equal(consentByDesign(byMunicipality, 'GM0344'), 'no');
  for (const method of ['random', 'stratified'] as const) {
    assert.equal(consentByDesign({ method, seed: 's', arms: [arm('a', false), arm('b', true)] }, 'GM0363'), 'household', `${method}: the household's draw decides`);
    assert.equal(consentByDesign({ method, seed: 's', arms: [arm('a', false), arm('b', false)] }, 'GM0363'), 'yes');
    assert.equal(consentByDesign({ method, seed: 's', arms: [arm('a', true), arm('b', null)] }, 'GM0363'), 'no');
  }
  assert.equal(consentByDesign({ method: 'none', seed: null, arms: [] }, 'GM0363'), 'no');
  const mixed = { method: 'random' as const, seed: 's', arms: [arm('a', false), arm('b', true)] };
  assert.equal(armAsksConsent(mixed, 'a'), true);
  assert.equal(armAsksConsent(mixed, 'b'), false);
  assert.equal(armAsksConsent(mixed, null), false, 'a household in no arm');
});

test('reminder requests are checked per reminder', () => {
  const ok = { reference: 'r1', postcode: '1012 lg', houseNumber: '7', expiresOn: '2025-06-20' };
  assert.deepEqual(checkReminderRequest(ok, '2025-06-01'), { reference: 'r1', postcode: '1012LG', houseNumber: '7', expiresOn: '2025-06-20' });
  assert.equal(checkReminderRequest({ ...ok, postcode: '12345' }, '2025-06-01'), 'POSTCODE_INVALID');
  assert.equal(checkReminderRequest({ ...ok, expiresOn: '2025-06-01' }, '2025-06-01'), 'EXPIRY_OUT_OF_RANGE');
  assert.equal(checkReminderRequest({ ...ok, expiresOn: '2025-02-30' }, '2025-06-01'), 'EXPIRY_INVALID');
  assert.equal(checkReminderRequest({ ...ok, houseNumber: '7a' }, '2025-06-01'), 'HOUSE_NUMBER_INVALID');
  assert.equal(houseNumberMatches('7', '7 A'), true);
  assert.equal(houseNumberMatches('7', '17'), false);
  assert.equal(houseNumberMatches(null, '17'), true);
});
