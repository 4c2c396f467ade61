import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told which', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy(''), false);
    assert.equal(parseTrustProxy('false'), false);
  });
  it('takes a hop count or a list of addresses and CIDR ranges', () => {
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.5, 10.1.0.0/16'), ['10.0.0.5', '10.1.0.0/16']);
  });
  it('refuses `true` (every sender) and what is no address', () => {
    assert.throws(() => parseTrustProxy('true'), ConfigError);
    assert.throws(() => parseTrustProxy('evil.example'), ConfigError);
  });
});
