import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressKey, normaliseAddition, sameSurname, surnameKey } from './normalise-address.ts';

describe('address keys', () => {
  it('treats the usual ways of writing one address as one', () => {
    const k = addressKey('1011AB', '12', 'A');
    for (const [pc, hn, add] of [
      ['1011 ab', '12', 'a'],
      ['1011AB', '12A', undefined],
      ['1011ab', '12-A', ''],
      [' 1011 AB ', '012', ' - a'],
      ['1011AB', '12 a', null],
    ] as const)
      assert.equal(addressKey(pc, hn, add), k, `${pc} ${hn} ${add}`);
  });
  it('keeps different additions apart, and normalises floor words', () => {
    assert.notEqual(addressKey('1011AB', '12', 'A'), addressKey('1011AB', '12', 'B'));
    assert.notEqual(addressKey('1011AB', '12', ''), addressKey('1011AB', '12', '1'));
    assert.equal(normaliseAddition('hs'), 'H');
    assert.equal(normaliseAddition('huis'), 'H');
    assert.equal(normaliseAddition('II'), '2');
    assert.equal(addressKey('1011AB', '12', 'II'), addressKey('1011AB', '12-2', ''));
  });
  it('has no key without a valid postcode or number', () => {
    assert.equal(addressKey('10AB', '12', ''), undefined);
    assert.equal(addressKey('1011AB', '', ''), undefined);
  });
  it('is idempotent on its own output parts (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{3}[A-Z]{2}$/), fc.integer({ min: 1, max: 9999 }), fc.stringMatching(/^[A-Z0-9]{0,3}$/), (pc, n, a) => {
        const k = addressKey(pc, String(n), a)!;
        const [p2, n2, a2] = k.split('|');
        return addressKey(p2, n2, a2) === k;
      }),
    );
  });
});

describe('surname keys', () => {
  it('ignores prefixes, diacritics, case and punctuation', () => {
    assert.equal(surnameKey('van der', 'Meer'), 'meer');
    assert.equal(surnameKey('', 'van der Meer'), 'meer');
    assert.equal(surnameKey('', 'Meer, van der'), 'meer');
    assert.equal(surnameKey('', 'Çelik'), 'celik');
    assert.equal(surnameKey('', "D'Hondt"), 'dhondt');
    assert.equal(surnameKey('', 'El Amrani'), 'amrani');
  });
  it('transliterates letters beyond ASCII instead of dropping them (issue 18)', () => {
    assert.equal(surnameKey('', 'Yılmaz'), 'yilmaz');
    assert.equal(surnameKey('', 'Strauß'), 'strauss');
    assert.equal(surnameKey('', 'Sørensen'), 'sorensen');
    assert.equal(surnameKey('', 'Łukasik'), 'lukasik');
    assert.equal(surnameKey('', 'Иванов'), 'ivanov');
    assert.equal(surnameKey('', 'İnce'), 'ince');
    // Short names get no spelling tolerance: only a real transliteration makes them one household.
    assert.ok(sameSurname(surnameKey('', 'Øz'), surnameKey('', 'Oz')));
    assert.ok(sameSurname(surnameKey('', 'Groß'), surnameKey('', 'Gross')));
    assert.ok(!sameSurname(surnameKey('', 'Иванов'), surnameKey('', 'Petrov')), 'a name in another script is not an unknown name');
  });
  it('accepts small spelling differences in longer names only', () => {
    assert.ok(sameSurname('jansen', 'janssen'));
    assert.ok(sameSurname('bakker', 'bakkr'));
    assert.ok(!sameSurname('bos', 'vos'));
    assert.ok(!sameSurname('jansen', 'pietersen'));
    assert.ok(sameSurname('', 'jansen'));
  });
});
