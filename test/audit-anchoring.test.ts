import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { ENGINES, migratedSnapshot } from './helpers/engines.ts';
import { appendAudit, sealAuditLog } from '../src/db/repositories/audit.ts';
import { sealAndAnchor } from '../src/app/audit/anchor-audit.ts';
import { DirectoryCheckpointStore } from '../src/app/audit/checkpoint-store.ts';
import { verifyAuditTrail } from '../src/app/audit/verify-audit.ts';
import { openDatabase, type Database } from '../src/db/database.ts';

const KEY = 'test-audit-mac-key-0123456789abcdef';

async function addRecords(db: Database['db'], n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++)
    await appendAudit(db, { traceId: `t${i}`, spanId: 's', activity: 'case.read', actorType: 'user', actorId: `u${i % 3}`, organisationId: 'GM0363', objectType: 'case', objectIds: [String(i)], subjectPseudonyms: [`p${i}`], outcome: 'success' });
}

/**
 * Seals and anchors until the chain reaches `seq`: on a PostgreSQL server a committed record is
 * sealed only once no older transaction runs anywhere in the cluster (parallel tests run some).
 */
async function sealAll(db: Database['db'], a: Parameters<typeof sealAndAnchor>[1], seq: string): Promise<void> {
  let state: { lastSeq: string | undefined; lastAt: number } = { lastSeq: undefined, lastAt: 0 };
  for (const until = Date.now() + 60_000; state.lastSeq !== seq; ) {
    if (Date.now() > until) throw new Error(`the chain did not reach ${seq} (at ${state.lastSeq})`);
    state = await sealAndAnchor(db, a, state, new Date(), true);
    if (state.lastSeq !== seq) await new Promise((r) => setTimeout(r, 100));
  }
}

/** What someone with database write access (but not the key) can do: bypass the trigger. */
async function behindTheTrigger(db: Database['db'], statement: ReturnType<typeof sql>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  await statement.execute(db);
  await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
}

/** What a writer without the key can do after a change: recompute every link from the `from`-th record on, unkeyed (version 1). */
async function recomputeUnkeyed(db: Database['db'], from: number): Promise<void> {
  const rows = await sql<{ seq: string; id: string; occurred_at: Date; trace_id: string; activity: string; actor_type: string; actor_id: string; organisation_id: string; object_type: string; object_ids: string[]; subject_pseudonyms: string[]; outcome: string; detail: unknown; prev_hash: string }>`
    select seq::text as seq, id::text as id, occurred_at, trace_id, activity, actor_type, actor_id, organisation_id, object_type, object_ids, subject_pseudonyms, outcome, detail, prev_hash
    from audit_log where seq is not null order by audit_log.seq`.execute(db);
  let prev = rows.rows[from]!.prev_hash;
  for (const r of rows.rows.slice(from)) {
    const body = JSON.stringify([r.seq, r.id, new Date(r.occurred_at).toISOString(), r.trace_id, r.activity, r.actor_type, r.actor_id, r.organisation_id, r.object_type, r.object_ids, r.subject_pseudonyms, r.outcome, r.detail ?? null]);
    const hash = createHash('sha256').update(prev).update(body).digest('hex');
    await behindTheTrigger(db, sql`update audit_log set prev_hash = ${prev}, hash = ${hash}, chain_version = 1 where seq = ${r.seq}::bigint`);
    prev = hash;
  }
}

// Issue 17 point 6: the chain alone did not notice records deleted at its end, and anyone with
// database write access could recompute it. Keyed links and signed checkpoints outside the
// database now show truncation, deletion and alteration.
for (const engine of ENGINES) {
  describe(`audit trail anchored outside the database (${engine.name})`, () => {
    let d: Database & { drop(): Promise<void> };
    let dir: string;
    let store: DirectoryCheckpointStore;
    const anchoring = () => ({ macKey: KEY, store, checkpointIntervalMs: 0 });
    const fresh = async () => {
      d = await engine.open();
      dir = await mkdtemp(path.join(tmpdir(), 'vs-checkpoints-'));
      store = new DirectoryCheckpointStore(dir);
      await addRecords(d.db, 30);
      await sealAll(d.db, anchoring(), '30');
    };
    const cleanUp = async () => {
      await d.drop();
      await rm(dir, { recursive: true, force: true });
    };

    describe('intact', () => {
      before(fresh);
      after(cleanUp);
      it('writes a signed checkpoint of the head and finds the trail intact', async () => {
        const files = await readdir(dir);
        assert.deepEqual(files, ['audit-checkpoint-00000000000000000030.json']);
        const cp = JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8')) as { seq: string; hash: string; signature: string };
        assert.equal(cp.seq, '30');
        assert.match(cp.signature, /^[0-9a-f]{64}$/);
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.deepEqual(v.findings, []);
        assert.equal(v.ok, true);
        assert.equal(v.checked, 30);
      });
    });

    describe('truncated', () => {
      before(fresh);
      after(cleanUp);
      it('reports records deleted at the end of the chain', async () => {
        await behindTheTrigger(d.db, sql`delete from audit_log where seq > 26`);
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.equal(v.ok, false);
        assert.deepEqual(v.findings.map((f) => [f.kind, f.seq]), [['truncated', '30']]);
      });
    });

    describe('deleted', () => {
      before(fresh);
      after(cleanUp);
      it('reports a record deleted in the middle', async () => {
        await behindTheTrigger(d.db, sql`delete from audit_log where seq = 12`);
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.deepEqual(v.findings.map((f) => [f.kind, f.seq]), [['deleted', '12']]);
      });
    });

    describe('altered and recomputed', () => {
      before(fresh);
      after(cleanUp);
      it('reports a record altered and the chain recomputed without the key', async () => {
        // The attacker changes a record and recomputes every link after it the way a writer without the key can.
        await behindTheTrigger(d.db, sql`update audit_log set actor_id = 'tampered' where seq = 7`);
        await recomputeUnkeyed(d.db, 6);
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.equal(v.ok, false);
        assert.deepEqual(v.findings.map((f) => [f.kind, f.seq]), [['altered', '7'], ['altered', '30']], JSON.stringify(v.findings));
      });
    });

    describe('recomputed unkeyed from the start', () => {
      before(fresh);
      after(cleanUp);
      it('reports the chain recomputed from its first record without the key: the links hold, the checkpoints do not', async () => {
        await behindTheTrigger(d.db, sql`update audit_log set actor_id = 'tampered' where seq = 3`);
        await recomputeUnkeyed(d.db, 0);
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.equal(v.ok, false);
        assert.ok(v.findings.length > 0 && v.findings.every((f) => f.kind === 'altered'), JSON.stringify(v.findings));
      });
    });

    describe('forged checkpoint', () => {
      before(fresh);
      after(cleanUp);
      it('reports a checkpoint not signed with the key', async () => {
        await writeFile(path.join(dir, 'audit-checkpoint-00000000000000000031.json'), JSON.stringify({ seq: '31', hash: 'ab'.repeat(32), at: new Date().toISOString(), signature: 'cd'.repeat(32) }));
        const v = await verifyAuditTrail(d.db, KEY, store);
        assert.deepEqual(v.findings.map((f) => f.kind), ['forged-checkpoint']);
      });
    });
  });
}

describe('npm run audit:verify (command line, PGlite directory)', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vs-audit-cli-'));
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  const run = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', AUDIT_MAC_KEY: KEY, AUDIT_CHECKPOINT_DIR: path.join(dataDir, 'cp') },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('says intact, then names the truncation against the last checkpoint', async () => {
    // A new directory starts from the migrated snapshot (initdb once per run, not per test).
    const db = await openDatabase({ dataDir: `${dataDir}/pglite`, pgliteSnapshot: await migratedSnapshot() });
    await addRecords(db.db, 10);
    await sealAll(db.db, { macKey: KEY, store: new DirectoryCheckpointStore(path.join(dataDir, 'cp')), checkpointIntervalMs: 0 }, '10');
    await db.close();
    const ok = run();
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /Audit trail intact: 10 records checked/);

    const again = await openDatabase({ dataDir: `${dataDir}/pglite` });
    await behindTheTrigger(again.db, sql`delete from audit_log where seq > 8`);
    await again.close();
    const broken = run();
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /TRUNCATED at record 10/);
  });

  it('does not call a chain without checkpoints intact: recomputed from its start, its links hold but it is not anchored (exit 2)', async () => {
    const db = await openDatabase({ dataDir: `${dataDir}/unanchored/pglite`, pgliteSnapshot: await migratedSnapshot() });
    await addRecords(db.db, 5);
    while ((await sealAuditLog(db.db, KEY)).sealed > 0);
    await recomputeUnkeyed(db.db, 0);
    await db.close();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
      env: { ...process.env, DATA_DIR: `${dataDir}/unanchored`, DATABASE_URL: '', AUDIT_MAC_KEY: KEY, AUDIT_CHECKPOINT_DIR: path.join(dataDir, 'no-checkpoints') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /Audit trail NOT anchored/);
    assert.doesNotMatch(r.stdout, /intact/);
  });
});
