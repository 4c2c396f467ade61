import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { createPseudonymizer } from './pseudonym.ts';

const hmac = (key: string, kind: string, value: string) => createHmac('sha256', key).update(kind).update('\0').update(value).digest('base64url').slice(0, 22);

describe('keyed pseudonyms', () => {
  it('are HMAC-SHA-256 of kind, NUL and value, truncated, for any key and value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 })), fc.constantFrom('bsn', 'address', 'household'), fc.string({ unit: 'grapheme', maxLength: 60 }), (key, kind, value) => {
        assert.equal(createPseudonymizer(key)(kind, value), hmac(key, kind, value));
      }),
      { numRuns: 5000 },
    );
  });
  it('keeps one key apart from another, and one value from another', () => {
    const p = createPseudonymizer('k1');
    assert.notEqual(p('bsn', '111222333'), createPseudonymizer('k2')('bsn', '111222333'));
    assert.notEqual(p('bsn', '111222333'), p('bsn', '111222334'));
    assert.equal(p('bsn', '111222333').length, 22);
  });
});
