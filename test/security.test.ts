import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal } from './helpers/platform.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';

// Security controls of issue 8 point 5, each shown working: headers, rate limits, CSRF, session
// expiry (on a controllable clock) and API-key rotation with an overlap period.
for (const engine of ENGINES) {
  describe(`security controls (${engine.name})`, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    let clock = new Date();
    const keyOf = (org: string) => p.seed!.apiKeys.find((k) => k.organisation === org)!.token;
    const login = async (email: string) => {
      const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      const body = (await res.json()) as { csrfToken: string };
      return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
    };

    before(async () => {
      const database = await engine.open();
      drop = database.drop;
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 40, sessionTtlMinutes: 30, matchingIntervalMs: 0, now: () => clock });
    });
    after(async () => {
      await p.stop();
      await drop();
    });

    it('sends security headers on API responses', async () => {
      const res = await fetch(`${p.url}/v1/health/live`);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-powered-by'), null);
    });

    it('rotates an API key: the new one works at once, the old one until the overlap ends', async () => {
      const admin = await login('aanlevering@demo-woningcorporatie.demo');
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' };
      const created = (await (await fetch(`${p.url}/v1/api-keys`, { method: 'POST', headers, body: JSON.stringify({ name: 'koppeling', scopes: ['signals:submit'] }) })).json()) as { id: string; token: string };
      const use = (token: string) => fetch(`${p.url}/v1/signals?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(rentSignal('rot-1')) });
      const rotated = await fetch(`${p.url}/v1/api-keys/${created.id}/rotations`, { method: 'POST', headers, body: JSON.stringify({ overlapHours: 24 }) });
      assert.equal(rotated.status, 201);
      const next = (await rotated.json()) as { id: string; token: string; oldKeyExpiresAt: string };
      assert.equal(Date.parse(next.oldKeyExpiresAt), clock.getTime() + 24 * 3600_000);
      assert.equal((await use(next.token)).status, 200);
      assert.equal((await use(created.token)).status, 200, 'the old key still works during the overlap');
      const stored = await p.deps.db.selectFrom('api_keys').select(['replaced_by', 'scopes']).where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.equal(stored.replaced_by, next.id);
      clock = new Date(clock.getTime() + 25 * 3600_000);
      assert.equal((await use(created.token)).status, 401, 'after the overlap the old key is refused');
      assert.equal((await use(next.token)).status, 200);
      clock = new Date();

      const again = await fetch(`${p.url}/v1/api-keys/${created.id}/rotations`, { method: 'POST', headers, body: '{}' });
      assert.equal(again.status, 409, 'a key is rotated once; rotate its replacement');
      const immediate = await fetch(`${p.url}/v1/api-keys/${next.id}/rotations`, { method: 'POST', headers, body: JSON.stringify({ overlapHours: 0 }) });
      assert.equal(immediate.status, 201);
      assert.equal((await use(next.token)).status, 401, 'overlap 0 ends the old key at once');
      const tooLong = await fetch(`${p.url}/v1/api-keys/${created.id}/rotations`, { method: 'POST', headers, body: JSON.stringify({ overlapHours: 10_000 }) });
      assert.equal(tooLong.status, 400);
      const otherOrg = await login('aanlevering@demo-energieleverancier.demo');
      const foreign = await fetch(`${p.url}/v1/api-keys/${next.id}/rotations`, { method: 'POST', headers: { cookie: otherOrg.cookie, 'x-csrf-token': otherOrg.csrf, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(foreign.status, 404, "another organisation's key does not exist for them");
      const audit = await p.deps.db.selectFrom('audit_log').select('object_ids').where('activity', '=', 'api-key.rotate').execute();
      assert.equal(audit.length, 2);
    });

    it('refuses a state-changing request that carries the session cookie but not the CSRF token', async () => {
      const s = await login('coordinator@amsterdam.demo');
      const body = JSON.stringify({ unpickedSignalMonths: 6, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 });
      const forged = await fetch(`${p.url}/v1/retention-settings`, { method: 'PUT', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body });
      assert.equal(forged.status, 403);
      assert.equal(((await forged.json()) as { code: string }).code, 'CSRF');
      const wrong = await fetch(`${p.url}/v1/retention-settings`, { method: 'PUT', headers: { cookie: s.cookie, 'x-csrf-token': 'guess', 'content-type': 'application/json' }, body });
      assert.equal(wrong.status, 403);
      const ok = await fetch(`${p.url}/v1/retention-settings`, { method: 'PUT', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body });
      assert.equal(ok.status, 200);
    });

    it('ends a session when its lifetime is over', async () => {
      const s = await login('medewerker@amsterdam.demo');
      const current = () => fetch(`${p.url}/v1/sessions/current`, { headers: { cookie: s.cookie } });
      clock = new Date(clock.getTime() + 29 * 60_000);
      assert.equal((await current()).status, 200);
      clock = new Date(clock.getTime() + 2 * 60_000);
      assert.equal((await current()).status, 401, 'after 30 minutes the session is gone');
      clock = new Date();
    });

    it('limits requests per API key, answering 429 as problem+json', async () => {
      const key = keyOf('demo-drinkwaterbedrijf');
      let limited: Response | undefined;
      for (let i = 0; i < 45 && !limited; i++) {
        const r = await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${key}` } });
        if (r.status === 429) limited = r;
      }
      assert.ok(limited, 'the 41st request in a minute is refused');
      assert.match(limited.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      // Another client is not affected.
      assert.notEqual((await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${keyOf('demo-zorgverzekeraar')}` } })).status, 429);
    });

    it('limits login attempts harder than other requests', async () => {
      let status = 0;
      for (let i = 0; i < 12 && status !== 429; i++)
        status = (await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ email: 'x@example.org', password: 'guess' }) })).status;
      assert.equal(status, 429);
    });
  });
}
