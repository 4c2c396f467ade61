import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

async function post(p: TestPlatform, key: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function countSignals(p: TestPlatform): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from signals`.execute(p.deps.db);
  return r.rows[0]!.n;
}

for (const engine of ENGINES) {
  describe(`signal intake over the API (${engine.name})`, () => {
    let p: TestPlatform;
    let landlord: string;
    before(async () => {
      p = await startTestPlatform(engine);
      landlord = p.keyOf('demo-woningcorporatie');
    });
    after(async () => p.close());

    it('accepts a valid signal with 201, a Location and the article that allowed it', async () => {
      const r = await post(p, landlord, '/v1/signals', rentSignal('api-1'));
      assert.equal(r.status, 201);
      assert.equal(r.headers.get('api-version'), '1.0.0');
      assert.match(r.headers.get('location') ?? '', /^\/v1\/signals\/\d+$/);
      assert.equal(r.body.results[0].outcome, 'accepted');
      assert.ok(r.body.results[0].regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/'));
      assert.ok(r.body.results[0].applied.length > 0);
      const get = await fetch(`${p.url}${r.headers.get('location')}`, { headers: { authorization: `Bearer ${landlord}` } });
      const fb = (await get.json()) as { reference: string; status: string; bsn?: string };
      assert.equal(fb.reference, 'api-1');
      assert.equal(fb.status, 'Nog niet opgepakt');
      assert.equal(fb.bsn, undefined, 'no personal data is echoed back');
    });

    it('is idempotent by reference: a re-send is a duplicate, other content under the same reference a 409', async () => {
      const first = await post(p, landlord, '/v1/signals', rentSignal('api-2'));
      const before = await countSignals(p);
      const again = await post(p, landlord, '/v1/signals', rentSignal('api-2'));
      assert.equal(again.status, 200);
      assert.equal(again.body.results[0].outcome, 'duplicate');
      assert.equal(again.body.results[0].signalId, first.body.results[0].signalId);
      const other = await post(p, landlord, '/v1/signals', rentSignal('api-2', { amount: '999.00' }));
      assert.equal(other.status, 409);
      assert.equal(other.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(other.body.code, 'REFERENCE_REUSED');
      assert.equal(await countSignals(p), before);
    });

    it('refuses with 422, naming each refused field and its article', async () => {
      const r = await post(p, landlord, '/v1/signals', rentSignal('api-3', { bsn: '111222333' }));
      assert.equal(r.status, 422);
      assert.equal(r.body.status, 422);
      assert.ok(r.body.title && r.body.detail);
      const bsn = r.body.invalidParams.find((x: { name: string }) => x.name === 'bsn');
      assert.ok(bsn, JSON.stringify(r.body));
      assert.match(bsn.reason, /art\./);
    });

    it('refuses an objected signal and keeps nothing of it', async () => {
      const before = await countSignals(p);
      const s = rentSignal('api-objected');
      s.socialCollection = { ...s.socialCollection, residentResponse: 'objected' };
      const r = await post(p, landlord, '/v1/signals', s);
      assert.equal(r.status, 422);
      assert.equal(await countSignals(p), before);
      const trace = await sql<{ n: number }>`select count(*)::int as n from audit_log where detail::text like ${'%Vries%'}`.execute(p.deps.db);
      assert.equal(trace.rows[0]!.n, 0);
    });

    it('answers bad input with problem+json naming the field (unknown field, bad date, wrong type)', async () => {
      const unknown = await post(p, landlord, '/v1/signals', { ...rentSignal('api-4'), nationality: 'NL' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.invalidParams[0].name, 'nationality');
      const badDate = await post(p, landlord, '/v1/signals', rentSignal('api-5', { signalDate: '2025-13-45' }));
      assert.equal(badDate.status, 400);
      assert.ok(badDate.body.invalidParams.some((x: { name: string }) => x.name.endsWith('signalDate')), JSON.stringify(badDate.body));
      const badJson = await fetch(`${p.url}/v1/signals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${landlord}`, 'content-type': 'application/json' },
        body: '{"reference": ',
      });
      assert.equal(badJson.status, 400);
      assert.equal(badJson.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.match(((await badJson.json()) as { detail: string }).detail, /geen geldige JSON/);
    });

    it("answers a problem in the caller's language: Dutch unless English is asked for, the code the same (issue 22 point 6)", async () => {
      const badJson = (lang?: string) =>
        fetch(`${p.url}/v1/signals`, {
          method: 'POST',
          headers: { authorization: `Bearer ${landlord}`, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
          body: '{"reference": ',
        }).then(async (r) => (await r.json()) as { title: string; detail: string; code: string });
      const nl = await badJson();
      const en = await badJson('en-GB,en;q=0.9');
      assert.equal(nl.title, 'Ongeldig verzoek');
      assert.equal(en.title, 'Invalid request');
      assert.match(en.detail, /not valid JSON/);
      assert.equal(en.code, nl.code);
      const unknownKey = await fetch(`${p.url}/v1/signals?lang=en`, { headers: { authorization: 'Bearer vs_nonsense' } });
      assert.equal(unknownKey.status, 401);
      assert.deepEqual(await unknownKey.json(), {
        type: 'about:blank',
        instance: '/v1/signals',
        status: 401,
        title: 'Not authenticated',
        detail: 'The API key is unknown, revoked or expired.',
        code: 'UNAUTHENTICATED',
      });
    });

    it('tells a caller only about the body shape it used: one signal, or a list of them', async () => {
      const { signalDate: _, ...undated } = rentSignal('shape-1');
      const one = await post(p, landlord, '/v1/signals', undated);
      assert.equal(one.status, 400);
      assert.deepEqual(one.body.invalidParams, [{ name: 'signalDate', in: 'body', reason: 'required field is missing' }]);
      const list = await post(p, landlord, '/v1/signals', { signals: [rentSignal('shape-2'), undated] });
      assert.equal(list.status, 400);
      assert.deepEqual(list.body.invalidParams, [{ name: 'signals.1.signalDate', in: 'body', reason: 'required field is missing' }]);
      const neither = await post(p, landlord, '/v1/signals', [rentSignal('shape-3')]);
      assert.equal(neither.status, 400);
      assert.deepEqual(neither.body.invalidParams, [{ name: 'body', in: 'body', reason: 'must be object' }]);
    });

    it('takes many signals at once and reports each', async () => {
      const r = await post(p, landlord, '/v1/signals', {
        signals: [rentSignal('many-1'), rentSignal('many-2', { bsn: '111222333' }), rentSignal('many-1')],
      });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.results.map((x: { outcome: string }) => x.outcome),
        ['accepted', 'refused', 'duplicate'],
      );
      assert.deepEqual(r.body.summary, { accepted: 1, refused: 1, duplicate: 1, conflict: 0 });
    });

    it('dry run judges without storing', async () => {
      const before = await countSignals(p);
      const r = await post(p, landlord, '/v1/signals?dryRun=true', rentSignal('dry-1'));
      assert.equal(r.status, 200);
      assert.equal(r.body.dryRun, true);
      assert.equal(r.body.results[0].outcome, 'accepted');
      assert.equal(await countSignals(p), before);
    });

    it('routes a signal without municipality code by its postcode', async () => {
      const s = rentSignal('routed-1');
      delete s.municipalityCode;
      s.address = { ...s.address, postcode: '3011 AB' };
      const r = await post(p, landlord, '/v1/signals', s);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const row = await p.deps.db.selectFrom('signals').select('municipality_code').where('reference', '=', 'routed-1').executeTakeFirstOrThrow();
      assert.equal(row.municipality_code, 'GM0599');
    });

    it('requires authentication and keeps organisations apart', async () => {
      const anon = await fetch(`${p.url}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rentSignal('x')) });
      assert.equal(anon.status, 401);
      assert.equal(((await anon.json()) as { status: number }).status, 401);
      const badKey = await post(p, 'vsk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/v1/signals', rentSignal('x'));
      assert.equal(badKey.status, 401);
      const mine = await post(p, landlord, '/v1/signals', rentSignal('private-1'));
      const id = mine.body.results[0].signalId;
      const other = await fetch(`${p.url}/v1/signals/${id}`, { headers: { authorization: `Bearer ${p.keyOf('aegon')}` } });
      assert.equal(other.status, 404);
      const byRef = await fetch(`${p.url}/v1/signals?reference=private-1`, { headers: { authorization: `Bearer ${p.keyOf('aegon')}` } });
      assert.deepEqual(await byRef.json(), []);
    });

    it('records every accepted signal in the audit trail with a pseudonym, never a BSN', async () => {
      const rows = await sql<{ subject_pseudonyms: string[]; activity: string; object_ids: string[] }>`
        select subject_pseudonyms, activity, object_ids from audit_log where activity = 'signal.intake' and outcome = 'success'`.execute(p.deps.db);
      assert.ok(rows.rows.length > 0);
      for (const r of rows.rows) assert.equal(r.subject_pseudonyms.length, r.object_ids.length);
      const leak = await sql<{ n: number }>`select count(*)::int as n from audit_log where subject_pseudonyms::text ~ '[0-9]{9}'`.execute(p.deps.db);
      assert.equal(leak.rows[0]!.n, 0);
    });

    it('serves its OpenAPI document with the API-Version header', async () => {
      const res = await fetch(`${p.url}/v1/openapi.json`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('api-version'), '1.0.0');
      const spec = (await res.json()) as { openapi: string; paths: Record<string, { post?: unknown }>; servers: { url: string }[] };
      assert.equal(spec.openapi, '3.1.0');
      assert.ok(spec.paths['/signals']?.post);
      assert.equal(spec.servers[0]?.url, '/v1');
    });
  });
}
