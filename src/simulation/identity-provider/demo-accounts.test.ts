import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { logInOverHttp } from './http-login.ts';
import { CLAIMS, fullScope } from './profiles.ts';
import {
  DEMO_EHERKENNING_ACCOUNTS,
  DEMO_IDP_CLIENT,
  DEMO_IDP_PASSWORD,
  DEMO_KVK_NUMBERS,
  DEMO_MUNICIPAL_ACCOUNTS,
  DEMO_SSO_MUNICIPALITY,
  DEMO_UNKNOWN_KVK_NUMBER,
} from './demo-accounts.ts';
import { DEMO_SENDERS, DEMO_USERS } from '../../app/seed/demo-organisations.ts';
import { startDemoIdentityProviders } from './demo-providers.ts';
import { authorizationRequest, LOGGED_OUT, REDIRECT, stopProviders } from './test-support.ts';

after(stopProviders);

test('the demo accounts fit the demo organisations the platform seeds', () => {
  // The SSO users share the e-mail domain of the municipality's password users (the allowed domain
  // of its provider) without being the same people.
  const domains = new Set(DEMO_USERS.filter((u) => u.organisationId === DEMO_SSO_MUNICIPALITY).map((u) => u.email.split('@')[1]));
  assert.deepEqual([...domains], ['amsterdam.demo']);
  for (const a of DEMO_MUNICIPAL_ACCOUNTS) {
    assert.equal(a.email.split('@')[1], 'amsterdam.demo');
    assert.ok(!DEMO_USERS.some((u) => u.email === a.email), a.email);
  }
  // Every KvK number is one of a demo creditor, except the one meant to be unknown.
  for (const creditor of Object.keys(DEMO_KVK_NUMBERS)) assert.ok(DEMO_SENDERS.includes(creditor), creditor);
  const known = new Set<string>(Object.values(DEMO_KVK_NUMBERS));
  assert.equal(known.size, Object.keys(DEMO_KVK_NUMBERS).length, 'one number per creditor');
  assert.ok(!known.has(DEMO_UNKNOWN_KVK_NUMBER));
  for (const a of DEMO_EHERKENNING_ACCOUNTS) {
    assert.match(a.kvkNumber, /^\d{8}$/);
    assert.ok(known.has(a.kvkNumber) || a.kvkNumber === DEMO_UNKNOWN_KVK_NUMBER, a.username);
  }
  assert.deepEqual(DEMO_EHERKENNING_ACCOUNTS.filter((a) => a.kvkNumber === DEMO_KVK_NUMBERS['demo-woningcorporatie']).map((a) => a.level).sort(), ['EH2', 'EH3']);
});

test('the demo providers: all three at once, the platform registered as DEMO_IDP_CLIENT', async () => {
  const demo = await startDemoIdentityProviders({ redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGGED_OUT] });
  try {
    assert.deepEqual(Object.keys(demo).sort(), ['digid', 'eherkenning', 'municipal']);
    assert.match(demo.municipal?.issuer ?? '', /\/gemeente-amsterdam$/);
    const eh = demo.eherkenning;
    assert.ok(eh);
    const config = await oidc.discovery(new URL(eh.issuer), DEMO_IDP_CLIENT.clientId, undefined, oidc.ClientSecretBasic(DEMO_IDP_CLIENT.clientSecret), { execute: [oidc.allowInsecureRequests] });
    const req = await authorizationRequest(config, fullScope('eherkenning'));
    const login = await logInOverHttp(req.url, 'eh3-woningcorporatie', DEMO_IDP_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(login.callbackUrl ?? ''), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    assert.equal(tokens.claims()?.[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-woningcorporatie']);
  } finally {
    await Promise.all(Object.values(demo).map((p) => p.stop()));
  }
});
