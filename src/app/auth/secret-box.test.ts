import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSecretBox } from './secret-box.ts';

test('a sealed secret opens with the same key and purpose, and with nothing else', () => {
  const box = createSecretBox('key-one');
  const sealed = box.seal('oidc-client-secret', 's3cret');
  assert.ok(!sealed.includes('s3cret'));
  assert.equal(box.open('oidc-client-secret', sealed), 's3cret');
  assert.equal(box.open('totp-seed', sealed), undefined);
  assert.equal(createSecretBox('key-two').open('oidc-client-secret', sealed), undefined);
  // One bit of the tag flipped (replacing its last characters would leave it alone when they already say so).
  const parts = sealed.split('.');
  const tag = Buffer.from(parts[3]!, 'base64url');
  tag[tag.length - 1]! ^= 1;
  assert.equal(box.open('oidc-client-secret', [...parts.slice(0, 3), tag.toString('base64url')].join('.')), undefined);
  assert.equal(box.open('oidc-client-secret', 'not sealed'), undefined);
  assert.notEqual(box.seal('p', 'x'), box.seal('p', 'x'));
});
