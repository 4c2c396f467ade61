import assert from 'node:assert/strict';
import { test } from 'node:test';
import { occupancyOf, type RegisteredPerson } from '../routing/brp-register.ts';
import { addressQueryOf, compositionOf, decideCaseCheck, dwellingOf, probesFor, formerNamedResidents, fullNameHasSurname, nextTryAfter, type CaseToCheck } from './case-check.ts';

const base: CaseToCheck = { caseId: '1', municipality: 'GM0363', addressKey: '1011AB|12|A', bsns: [], names: [{ surname: 'van der Meer', initial: 'J.' }], date: '2025-10-01' };
const here = { postcode: '1011AB', houseNumber: '12', houseLetter: 'A', addressableObjectId: '0363010000000001' };
const person = (bsn: string, extra: Partial<RegisteredPerson> = {}): RegisteredPerson => ({ bsn, surname: 'Meer', prefix: 'van der', givenNames: 'Jan', deceased: false, municipalityCode: 'GM0363', address: here, ...extra });

test('with a BSN the person record decides: here, deceased, moved out, elsewhere in the municipality, unknown', () => {
  const c = { ...base, bsns: ['111222333'] };
  const decide = (p?: RegisteredPerson) => decideCaseCheck(c, { persons: new Map(p ? [[p.bsn, p]] : []) });
  assert.deepEqual(decide(person('111222333')), { outcome: 'match', bsn: '111222333' });
  assert.deepEqual(decide(person('111222333', { deceased: true, deathDate: '2025-06-15' })), { outcome: 'deceased', bsn: '111222333', deathDate: '2025-06-15' });
  const rotterdam = { postcode: '3011AA', houseNumber: '5' };
  assert.deepEqual(decide(person('111222333', { municipalityCode: 'GM0599', address: rotterdam })), { outcome: 'moved_out', bsn: '111222333', to: 'GM0599', address: rotterdam });
  assert.deepEqual(decide(person('111222333', { address: { postcode: '1017AB', houseNumber: '8' } })), { outcome: 'other_address' });
  assert.deepEqual(decide(undefined), { outcome: 'no_resident' });
  // Registered in no municipality (emigrated, RNI): no resident here any more, nowhere to hand over to.
  assert.deepEqual(decide({ bsn: '111222333', deceased: false }), { outcome: 'moved_out', bsn: '111222333' });
});

test('without a BSN the name at the address decides, prefixes and spelling as matching compares them', () => {
  const now = [
    { bsn: '1', surname: 'Jansen', givenNames: 'Piet', deceased: false },
    { bsn: '2', surname: 'Meer', prefix: 'van der', givenNames: 'Johanna', deceased: false },
  ];
  assert.deepEqual(decideCaseCheck(base, { persons: new Map(), residentsNow: now }), { outcome: 'match', bsn: '2' });
  assert.deepEqual(decideCaseCheck({ ...base, names: [{ surname: 'Janssen', initial: 'p' }] }, { persons: new Map(), residentsNow: now }), { outcome: 'match', bsn: '1' });
  // Another initial is another person.
  assert.deepEqual(decideCaseCheck({ ...base, names: [{ surname: 'Meer', initial: 'K' }] }, { persons: new Map(), residentsNow: now }), { outcome: 'no_resident' });
  assert.deepEqual(decideCaseCheck({ ...base, names: [{ surname: 'Bakker' }] }, { persons: new Map(), residentsNow: now }), { outcome: 'no_resident' });
  assert.deepEqual(decideCaseCheck(base, { persons: new Map(), residentsNow: [] }), { outcome: 'unknown_address' });
});

test('without a BSN: the record of a resident with the name tells the addition (II is 2, hs is H)', () => {
  const now = [{ bsn: '8', surname: 'Meer', givenNames: 'Jan', deceased: false }];
  const c = { ...base, addressKey: '1011AB|12|2' };
  const at = (houseNumberAddition: string) => new Map([['8', person('8', { address: { postcode: '1011AB', houseNumber: '12', houseNumberAddition } })]]);
  assert.deepEqual(decideCaseCheck(c, { persons: at('II'), residentsNow: now }), { outcome: 'match', bsn: '8' });
  assert.deepEqual(decideCaseCheck(c, { persons: at('3'), residentsNow: now }), { outcome: 'other_address' });
});

test('without a BSN: only a deceased resident with the name is "deceased"; a living namesake keeps the case', () => {
  const dead = { bsn: '3', surname: 'Meer', givenNames: 'Jan', deceased: true };
  assert.deepEqual(decideCaseCheck(base, { persons: new Map(), residentsNow: [dead] }), { outcome: 'deceased', bsn: '3' });
  assert.deepEqual(decideCaseCheck(base, { persons: new Map(), residentsNow: [dead, { bsn: '4', surname: 'Meer', givenNames: 'Joke', deceased: false }] }), { outcome: 'match', bsn: '4' });
});

test('without a BSN: a resident on the signal date who has left is traced through Bewoning and the person record', () => {
  const occupancy = occupancyOf('0363010000000001', '2025-08-01', [{ bsn: '5', birthDate: '1980-01-01', fullName: 'Jan van der Meer' }, { bsn: '6', fullName: 'Piet Jansen' }], 0);
  const now = [{ bsn: '6', surname: 'Jansen', givenNames: 'Piet', deceased: false }];
  assert.deepEqual(formerNamedResidents(base, occupancy), ['5']);
  const moved = person('5', { municipalityCode: 'GM0599', address: { postcode: '3011AA', houseNumber: '5' } });
  assert.equal(decideCaseCheck(base, { persons: new Map([['5', moved]]), residentsNow: now, occupancy }).outcome, 'moved_out');
  assert.equal(decideCaseCheck(base, { persons: new Map([['5', person('5', { address: { postcode: '1017AB', houseNumber: '8' } })]]), residentsNow: now, occupancy }).outcome, 'other_address');
  assert.equal(decideCaseCheck(base, { persons: new Map(), residentsNow: now, occupancy }).outcome, 'no_resident');
});

test('the dwelling comes from a person registered at exactly the case address', () => {
  const now = [{ bsn: '6', surname: 'Jansen', deceased: false }, { bsn: '7', surname: 'Meer', givenNames: 'Jan', deceased: false }];
  assert.deepEqual(probesFor(base, now), ['7']);
  assert.deepEqual(probesFor({ ...base, names: [{ surname: 'Bakker' }] }, now), ['6', '7']);
  assert.equal(dwellingOf(base, [person('7', { address: { postcode: '1011AB', houseNumber: '12' } }), person('6')]), '0363010000000001');
  assert.equal(dwellingOf(base, [undefined]), undefined);
});

test('full names, address queries, composition and the retry schedule', () => {
  assert.ok(fullNameHasSurname('Jan van der Meer', 'Meer'));
  assert.ok(fullNameHasSurname('Ayşe Yılmaz', 'Yilmaz'));
  assert.ok(!fullNameHasSurname('Meer Jansen', 'Meer'), 'the first word is a given name');
  assert.deepEqual(addressQueryOf('1011AB|12|A'), { postcode: '1011AB', houseNumber: '12' }, 'the whole number: the BRP spells additions its own way');
  assert.deepEqual(addressQueryOf('1011AB|12|'), { postcode: '1011AB', houseNumber: '12' });
  assert.deepEqual(compositionOf(occupancyOf('x', '2025-01-01', [{ bsn: '1', birthDate: '1980-01-01' }, { bsn: '2', birthDate: '2015-01-01' }], 0)), { residentCount: 2, minorsPresent: true });
  assert.equal(compositionOf(undefined), undefined);
  const t0 = new Date('2026-01-01T00:00:00Z');
  assert.equal(nextTryAfter(1, t0).toISOString(), '2026-01-01T00:05:00.000Z');
  assert.equal(nextTryAfter(3, t0).toISOString(), '2026-01-01T00:20:00.000Z');
  assert.equal(nextTryAfter(20, t0).toISOString(), '2026-01-01T06:00:00.000Z');
});
