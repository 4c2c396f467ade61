import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { appendAudit, sealAuditLog, verifyAuditChain } from '../src/db/repositories/audit.ts';
import type { Database } from '../src/db/database.ts';

const KEY = 'test-audit-mac-key';

for (const engine of ENGINES) {
  describe(`audit trail hash chain (${engine.name})`, () => {
    let d: Database & { drop(): Promise<void> };
    before(async () => {
      d = await engine.open();
      for (let i = 0; i < 25; i++)
        await appendAudit(d.db, {
          traceId: `t${i}`,
          spanId: 's',
          activity: 'case.read',
          actorType: 'user',
          actorId: `u${i % 3}`,
          organisationId: 'GM0363',
          objectType: 'case',
          objectIds: [String(i)],
          subjectPseudonyms: [`p${i}`],
          outcome: 'success',
        });
    });
    after(async () => d.drop());

    it('seals committed records in order and verifies the chain', async () => {
      // On a PostgreSQL server a committed record is sealed only once no older transaction runs
      // anywhere in the cluster, and parallel test files run some: seal until all 25 are in.
      let sealed = 0;
      for (const until = Date.now() + 60_000; sealed < 25; ) {
        assert.ok(Date.now() < until, `only ${sealed} of 25 records sealed`);
        const r = await sealAuditLog(d.db, KEY);
        sealed += r.sealed;
        if (sealed < 25) await new Promise((res) => setTimeout(res, 100));
      }
      assert.equal(sealed, 25);
      assert.equal((await sealAuditLog(d.db, KEY)).sealed, 0);
      const v = await verifyAuditChain(d.db, KEY);
      assert.equal(v.ok, true);
      assert.equal(v.checked, 25);
    });

    it('refuses updates and deletes of sealed records', async () => {
      await assert.rejects(sql`update audit_log set actor_id = 'someone-else' where seq = 3`.execute(d.db), /append-only/);
      await assert.rejects(sql`delete from audit_log where seq = 3`.execute(d.db), /append-only/);
    });

    it('names the first broken link when a record was altered behind the trigger', async () => {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(d.db);
      await sql`update audit_log set actor_id = 'tampered' where seq = 7`.execute(d.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(d.db);
      const v = await verifyAuditChain(d.db, KEY);
      assert.equal(v.ok, false);
      assert.equal(v.firstBrokenSeq, '7');
      assert.equal(v.checked, 6);
    });
  });
}
