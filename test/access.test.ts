import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';

async function loginAs(p: TestPlatform, email: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { csrfToken: string; user: { roles: string[] } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: res.status, cookie, csrf: body.csrfToken, body, setCookie: res.headers.get('set-cookie') ?? '' };
}

for (const engine of ENGINES) {
  describe(`users, sessions and API keys (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => (p = await startTestPlatform(engine)));
    after(async () => p.close());

    it('logs in with a scrypt-hashed password; a wrong one gets 401 without saying which part was wrong', async () => {
      const ok = await loginAs(p, 'aanlevering@demo-woningcorporatie.demo');
      assert.equal(ok.status, 201);
      assert.match(ok.setCookie, /HttpOnly/i);
      assert.match(ok.setCookie, /SameSite=Strict/i);
      assert.deepEqual(ok.body.user.roles, ['sender_admin']);
      const bad = await loginAs(p, 'aanlevering@demo-woningcorporatie.demo', 'wrong-password');
      assert.equal(bad.status, 401);
      const unknown = await loginAs(p, 'nobody@example.org');
      assert.equal(unknown.status, 401);
      const hash = await p.deps.db.selectFrom('users').select('password_hash').limit(1).executeTakeFirstOrThrow();
      assert.match(hash.password_hash, /^scrypt\$32768\$8\$1\$/);
    });

    it('answers an anonymous call to an API operation 401 before looking at its input; public operations stay open', async () => {
      const anonymous = [
        fetch(`${p.url}/v1/signals?reference=x`),
        fetch(`${p.url}/v1/signals`), // a missing query parameter: still 401, not a description of the parameters
        fetch(`${p.url}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reference": ' }),
        fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<signals/>' }),
      ];
      for (const res of await Promise.all(anonymous)) {
        assert.equal(res.status, 401, res.url);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(((await res.json()) as { code: string }).code, 'UNAUTHENTICATED');
      }
      // A path with no operation is no secret: 404 (issue 17, point 9).
      assert.equal((await fetch(`${p.url}/v1/no-such-operation`)).status, 404);
      for (const path of ['/v1/health/live', '/v1/openapi.json', '/v1/templates/signals.csv', '/v1/templates/signals-columns'])
        assert.equal((await fetch(`${p.url}${path}`)).status, 200, path);
    });

    it('creates an API key shown once, stores only its hash, and revokes it at once', async () => {
      const s = await loginAs(p, 'aanlevering@demo-woningcorporatie.demo');
      const noCsrf = await fetch(`${p.url}/v1/api-keys`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'koppeling', scopes: ['signals:submit'] }),
      });
      assert.equal(noCsrf.status, 403, 'a cookie alone cannot change anything (CSRF)');
      const created = await fetch(`${p.url}/v1/api-keys`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'koppeling', scopes: ['signals:submit'] }),
      });
      assert.equal(created.status, 201);
      const key = (await created.json()) as { id: string; token: string; prefix: string };
      const stored = await p.deps.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
      // The secret is everything after the prefix; base64url may hold '_' itself, so not split('_')[2]
      // (a fragment of one or two characters is found in any hash now and then).
      const secret = key.token.split('_').slice(2).join('_');
      assert.ok(secret.length >= 20 && !stored.secret_hash.includes(secret));
      const list = (await (await fetch(`${p.url}/v1/api-keys`, { headers: { cookie: s.cookie } })).json()) as Array<Record<string, unknown>>;
      assert.ok(list.every((k) => !('token' in k) && !('secretHash' in k)));

      const use = () =>
        fetch(`${p.url}/v1/signals?dryRun=true`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(rentSignal('k-1')),
        });
      assert.equal((await use()).status, 200);
      const readOnlyScope = await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${key.token}` } });
      assert.equal(readOnlyScope.status, 403, 'a key can do only what its scopes say');
      const revoked = await fetch(`${p.url}/v1/api-keys/${key.id}`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
      assert.equal(revoked.status, 204);
      assert.equal((await use()).status, 401);
    });

    it('lets an admin add users only with roles their kind of organisation may have, and only in their own organisation', async () => {
      const s = await loginAs(p, 'beheer@amsterdam.demo');
      const post = (body: unknown) =>
        fetch(`${p.url}/v1/users`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post({ email: 'nieuw@amsterdam.demo', displayName: 'Nieuw', password: 'een-lang-wachtwoord', roles: ['municipal_worker'] });
      assert.equal(ok.status, 201);
      const wrongRole = await post({ email: 'x@amsterdam.demo', displayName: 'X', password: 'een-lang-wachtwoord', roles: ['sender'] });
      assert.equal(wrongRole.status, 400);
      const users = (await (await fetch(`${p.url}/v1/users`, { headers: { cookie: s.cookie } })).json()) as Array<{ email: string }>;
      assert.ok(users.some((u) => u.email === 'nieuw@amsterdam.demo'));
      assert.ok(users.every((u) => u.email.endsWith('@amsterdam.demo')));
      const worker = await loginAs(p, 'medewerker@amsterdam.demo');
      const denied = await fetch(`${p.url}/v1/users`, { headers: { cookie: worker.cookie } });
      assert.equal(denied.status, 403);
    });

    it('ends the session on logout', async () => {
      const s = await loginAs(p, 'medewerker@amsterdam.demo');
      assert.equal((await fetch(`${p.url}/v1/sessions/current`, { headers: { cookie: s.cookie } })).status, 200);
      const out = await fetch(`${p.url}/v1/sessions/current`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
      assert.equal(out.status, 204);
      assert.equal((await fetch(`${p.url}/v1/sessions/current`, { headers: { cookie: s.cookie } })).status, 401);
    });
  });
}
