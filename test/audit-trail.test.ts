import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { insertUser } from '../src/db/repositories/users.ts';
import { appendAudit } from '../src/db/repositories/audit.ts';

for (const engine of ENGINES) {
  describe(`the audit trail on screen, for auditors and privacy officers (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      const hash = (await p.deps.db.selectFrom('users').select('password_hash').where('email', '=', 'medewerker@amsterdam.demo').executeTakeFirstOrThrow()).password_hash;
      await insertUser(p.deps.db, { organisationId: 'GM0363', email: 'auditor@amsterdam.demo', displayName: 'Auditor Amsterdam', passwordHash: hash, roles: ['municipal_auditor'] });
      // One transaction: the records share one time to the microsecond, so the next page must go by more than milliseconds.
      await p.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 120; i++)
          await appendAudit(trx, { traceId: 't', spanId: 's', activity: 'case.open', actorType: 'user', actorId: 'x', organisationId: 'GM0363', objectType: 'case', objectIds: [`c${i}`], outcome: 'success' });
      });
      await appendAudit(p.deps.db, { traceId: 't', spanId: 's', activity: 'case.open', actorType: 'user', actorId: 'x', organisationId: 'GM0599', objectType: 'case', objectIds: ['rotterdam-case'], outcome: 'refused' });
    });
    after(() => p.close());

    it("shows an auditor the own municipality's records only, newest first, page by page, and records the reading", async () => {
      const auditor = await webLogin(p, 'auditor@amsterdam.demo');
      const first = await auditor.get('/audittrail?activiteit=case.');
      assert.equal(first.status, 200);
      assert.equal((first.html.match(/<code>case\.open<\/code>/g) ?? []).length, 100);
      assert.doesNotMatch(first.html, /<td[^>]*>Geweigerd<\/td>/, "Rotterdam's refused record is not shown");
      const next = /href="(\/audittrail\?[^"]+voor=[^"]+)"/.exec(first.html)![1]!.replace(/&amp;/g, '&');
      const second = await auditor.get(next);
      assert.equal((second.html.match(/<code>case\.open<\/code>/g) ?? []).length, 20);
      const reads = await p.deps.db.selectFrom('audit_log').select(['actor_id', 'organisation_id', 'detail']).where('activity', '=', 'audit.read').execute();
      assert.equal(reads.length, 2);
      assert.deepEqual(reads[0]!.detail, { activity: 'case.' });
      // The auditor reads; nothing else.
      assert.equal((await auditor.get('/werklijst')).status, 403);
    });

    it('lets the privacy officer read it and handle objections, and keeps workers out of it', async () => {
      const officer = await webLogin(p, 'privacy@amsterdam.demo');
      assert.equal((await officer.get('/audittrail?uitkomst=refused')).status, 200);
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      assert.equal((await worker.get('/audittrail')).status, 403);
      const bad = await officer.get('/audittrail?van=gisteren');
      assert.equal(bad.status, 400);
      assert.match(bad.html, /Geen geldige datum/);
      const objection = await p.app.inject({ method: 'POST', url: '/v1/objections', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf }, payload: { signalIds: ['00000000-0000-0000-0000-000000000000'] } });
      assert.notEqual(objection.statusCode, 403, objection.body);
    });
  });
}
