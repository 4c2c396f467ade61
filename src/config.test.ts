import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseTrustProxy, productionProblems } from './config.ts';

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

describe('production start checks', () => {
  const keys = { PSEUDONYM_KEY: 'p'.repeat(40), AUDIT_MAC_KEY: 'a'.repeat(40) };
  it('refuses checkpoints of the audit trail in their default place beside the database', () => {
    const env = { NODE_ENV: 'production', ...keys };
    assert.deepEqual(productionProblems(loadConfig(env), env).length, 1);
    assert.match(productionProblems(loadConfig(env), env)[0]!, /AUDIT_CHECKPOINT_DIR is niet gezet/);
    const placed = { ...env, AUDIT_CHECKPOINT_DIR: '/mnt/worm/vroegsignaal' };
    assert.deepEqual(productionProblems(loadConfig(placed), placed), []);
  });
});
