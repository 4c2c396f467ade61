import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { logInOverHttp } from './http-login.ts';
import { DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from './demo-accounts.ts';
import { authorizationRequest, CLIENT, logInAndRedeem, relyingParty, start, stopProviders } from './test-support.ts';

after(stopProviders);

test('two providers at once: distinct issuers and keys, and an ID token of one does not validate at the other', async () => {
  const a = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS, { issuerPath: '/gemeente-a' });
  // A path that ends in a route's name ('/auth'), which a mount-point guess would get wrong.
  const b = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS, { issuerPath: '/gemeente-b/auth' });
  assert.equal((await logInAndRedeem(b, DEMO_MUNICIPAL_ACCOUNTS[0]!.username)).claims?.iss, b.issuer);
  assert.notEqual(a.issuer, b.issuer);
  assert.notEqual(a.jwks.keys[0]?.kid, b.jwks.keys[0]?.kid);
  assert.notEqual(a.jwks.keys[0]?.n, b.jwks.keys[0]?.n);

  // A code from A, presented at B's token endpoint, is unknown there.
  const configA = await relyingParty(a);
  const configB = await relyingParty(b);
  const req = await authorizationRequest(configA, 'openid');
  const login = await logInOverHttp(req.url, DEMO_MUNICIPAL_ACCOUNTS[0]!.username, DEMO_IDP_PASSWORD);
  const callback = new URL(login.callbackUrl ?? '');
  // Without the iss parameter (RFC 9207), which would give the mix-up away before the token request.
  callback.searchParams.delete('iss');
  await assert.rejects(oidc.authorizationCodeGrant(configB, callback, { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce }));

  // A's ID token presented as if it came from B (a mix-up, or B's endpoint answering with A's token):
  // B's issuer and B's keys refuse it.
  const { tokens } = await logInAndRedeem(a, DEMO_MUNICIPAL_ACCOUNTS[0]!.username);
  const idToken = tokens.id_token ?? '';
  await jwtVerify(idToken, createLocalJWKSet(a.jwks), { issuer: a.issuer, audience: CLIENT.clientId });
  await assert.rejects(jwtVerify(idToken, createLocalJWKSet(b.jwks), { audience: CLIENT.clientId }), /no applicable key|signature/i);
  await assert.rejects(jwtVerify(idToken, createLocalJWKSet(a.jwks), { issuer: b.issuer, audience: CLIENT.clientId }), /iss/);
});
