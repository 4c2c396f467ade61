import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admitOrganisationUser, kvkOf, readEherkenning } from './admit.ts';
import { eherkenningLevelOf, meetsLevel } from './eherkenning-level.ts';
import { readProviderForm, type ProviderForm } from './provider-form.ts';
import { refusedForLevel, sessionPermissions } from './session-permissions.ts';

const policy = { organisationKind: 'municipality', roleClaim: 'groups', roleMap: { medewerkers: 'municipal_worker', beheer: 'operator_admin' }, allowedEmailDomains: ['amsterdam.nl'] };

describe('who an organisation\'s provider lets in', () => {
  it('admits a verified address in the domains with the mapped roles only', () => {
    assert.deepEqual(admitOrganisationUser(policy, { email: 'A.B@Amsterdam.nl', email_verified: true, name: 'A B', groups: ['medewerkers', 'iedereen'] }), {
      email: 'a.b@amsterdam.nl',
      displayName: 'A B',
      roles: ['municipal_worker'],
    });
  });
  it('never grants a role the organisation\'s kind cannot hold, even when mapped', () => {
    assert.deepEqual(admitOrganisationUser(policy, { email: 'a@amsterdam.nl', groups: 'beheer' }), { refused: 'no-role' });
  });
  it('refuses addresses outside the domains, unverified addresses and no address', () => {
    assert.deepEqual(admitOrganisationUser(policy, { email: 'a@amsterdam.nl.evil.com', groups: ['medewerkers'] }), { refused: 'email-domain' });
    assert.deepEqual(admitOrganisationUser(policy, { email: 'a@amsterdam.nl', email_verified: false, groups: ['medewerkers'] }), { refused: 'email-not-verified' });
    assert.deepEqual(admitOrganisationUser(policy, { groups: ['medewerkers'] }), { refused: 'no-email' });
  });
  it('builds a name from given and family name when there is no name', () => {
    const r = admitOrganisationUser(policy, { email: 'a@amsterdam.nl', given_name: 'Noor', family_name: 'Visser', groups: 'medewerkers' });
    assert.equal('refused' in r ? '' : r.displayName, 'Noor Visser');
  });
});

describe('eHerkenning', () => {
  it('reads the levels in the forms brokers send', () => {
    assert.equal(eherkenningLevelOf('urn:etoegang:core:assurance-class:loa3'), 'EH3');
    assert.equal(eherkenningLevelOf('urn:etoegang:core:assurance-class:loa2plus'), 'EH2+');
    assert.equal(eherkenningLevelOf('EH4'), 'EH4');
    assert.equal(eherkenningLevelOf('loa2'), 'EH2');
    assert.equal(eherkenningLevelOf('substantial'), undefined);
    assert.ok(meetsLevel('EH4', 'EH3') && meetsLevel('EH3', 'EH3') && !meetsLevel('EH2+', 'EH3') && !meetsLevel(undefined, 'EH1'));
  });
  it('reads the KvK number, with or without a branch number after it', () => {
    assert.equal(kvkOf('90000011'), '90000011');
    assert.equal(kvkOf('90000011000012345678'), '90000011');
    assert.equal(kvkOf('1234'), undefined);
    const names = { kvk: 'urn:etoegang:1.9:EntityConcernedID:KvKnr', level: 'urn:etoegang:core:LevelOfAssurance' };
    assert.deepEqual(readEherkenning(names, { [names.kvk]: '90000011', acr: 'urn:etoegang:core:assurance-class:loa3', name: 'Ilse' }), { kvk: '90000011', level: 'EH3', email: undefined, displayName: 'Ilse' });
    assert.deepEqual(readEherkenning(names, { [names.level]: 'loa3' }), { refused: 'no-kvk' });
    assert.deepEqual(readEherkenning(names, { [names.kvk]: '90000011' }), { refused: 'no-level' });
  });
  it('takes delivering away from a session below EH3, and nothing else', () => {
    const below = sessionPermissions(['sender_admin'], 'EH2');
    assert.ok(!below.has('signals:submit') && !below.has('batches:manage') && below.has('signals:read-own') && below.has('users:manage'));
    assert.ok(sessionPermissions(['sender'], 'EH3').has('signals:submit'));
    assert.ok(sessionPermissions(['sender'], null).has('signals:submit'));
    assert.ok(!sessionPermissions(['sender'], 'nonsense').has('signals:submit'));
  });
  it('tells a refusal for the level from a refusal for the role', () => {
    assert.ok(refusedForLevel(['sender'], 'EH2', 'batches:manage'));
    assert.ok(!refusedForLevel(['sender'], 'EH3', 'batches:manage'));
    assert.ok(!refusedForLevel(['sender'], 'EH2', 'cases:read'), 'no role gives it: not the level');
    assert.ok(!refusedForLevel(['municipal_worker'], null, 'signals:submit'));
  });
});

describe('the provider form', () => {
  const form: ProviderForm = {
    displayName: 'Amsterdam',
    issuer: 'https://login.microsoftonline.com/tenant/v2.0',
    clientId: 'abc',
    clientAuth: 'client_secret_basic',
    credential: 'a-long-secret',
    scopes: 'openid email  profile openid',
    roleClaim: 'groups',
    roleMap: 'medewerkers = municipal_worker\n\n  coordinatoren=municipal_coordinator ',
    allowedEmailDomains: '@Amsterdam.nl, amsterdam.nl\nggd.amsterdam.nl',
    enabled: true,
  };
  it('reads a good form', () => {
    const r = readProviderForm(form, 'municipality', false);
    assert.ok(!('problems' in r));
    assert.equal(r.scopes, 'openid email profile');
    assert.deepEqual(r.roleMap, { medewerkers: 'municipal_worker', coordinatoren: 'municipal_coordinator' });
    assert.deepEqual(r.allowedEmailDomains, ['amsterdam.nl', 'ggd.amsterdam.nl']);
  });
  it('keeps the issuer exactly as written, trailing slash included', () => {
    const r = readProviderForm({ ...form, issuer: 'https://tenant.eu.auth0.com/' }, 'municipality', false);
    assert.equal('problems' in r ? '' : r.issuer, 'https://tenant.eu.auth0.com/');
  });
  it('names each problem', () => {
    const r = readProviderForm({ ...form, issuer: 'http://idp.example.nl', credential: '', roleMap: 'a = sender', allowedEmailDomains: '' }, 'municipality', false);
    assert.ok('problems' in r);
    assert.deepEqual(
      r.problems.map((p) => `${p.field}:${p.problem}`),
      ['issuer:issuerNotHttps', 'credential:required', 'roleMap:roleNotAllowed', 'allowedEmailDomains:required'],
    );
  });
  it('allows plain http only to a provider on this machine, and a blank secret only when one is stored', () => {
    assert.ok(!('problems' in readProviderForm({ ...form, issuer: 'http://127.0.0.1:8091/x', credential: '' }, 'municipality', true)));
    const jwk = readProviderForm({ ...form, clientAuth: 'private_key_jwt', credential: '{"kty":"RSA","n":"x","e":"AQAB"}' }, 'municipality', false);
    assert.deepEqual('problems' in jwk ? jwk.problems.map((p) => p.problem) : [], ['keyNotPrivateJwk']);
  });
});
