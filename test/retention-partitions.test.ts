import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal } from './helpers/platform.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { applyRetention } from '../src/app/privacy/apply-retention.ts';
import { closeSignalMonth, listSignalPartitions } from '../src/db/repositories/signal-partitions.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

const MONTH = 31 * 86_400_000;

// Signals are partitioned by month of receipt (migration 030): a month that is due as a whole goes
// by dropping its partition, anything else row by row; a reference stays unique across months.
for (const engine of ENGINES) {
  describe(`retention by month partitions (${engine.name})`, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    let clock = new Date();
    const at = (months: number) => (clock = new Date(Date.now() + months * MONTH));
    const job = systemContext('platform-beheer', 'retention-test', 'job');
    const sender = 'demo-woningcorporatie';
    const send = (signals: SignalInput[]) => submitSignals(p.deps, systemContext(sender, 'test'), signals, { dryRun: false });
    const household = (reference: string, postcode: string, amount = '812.50') =>
      rentSignal(reference, { amount, address: { street: 'Maandstraat', houseNumber: '1', postcode, city: 'X' }, person: { surname: 'Maand' } });
    const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(p.deps.db)).rows[0]!.n;
    const exists = async (table: string) => (await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(p.deps.db)).rows[0]!.t !== null;
    const partitionOf = async (reference: string) => {
      const id = BigInt((await p.deps.db.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id);
      return (await listSignalPartitions(p.deps.db)).find((x) => (x.from === null || BigInt(x.from) <= id) && (x.to === null || id < BigInt(x.to)))!;
    };

    before(async () => {
      const database = await engine.open();
      drop = database.drop;
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0, now: () => clock });
    });
    after(async () => {
      await p.stop();
      await drop();
    });

    it('closes the month of receipt once, and a month due as a whole goes by dropping its partitions', async () => {
      const out = await send([household('m-a1', '1021AA'), household('m-a2', '1021AA'), household('m-b', '1022AA')]);
      assert.deepEqual(out.map((o) => o.outcome), ['accepted', 'accepted', 'accepted']);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const open = await partitionOf('m-a1');
      assert.equal(open.to, null, 'new signals go to the open partition');

      assert.equal(await closeSignalMonth(p.deps.db, at(1)), true);
      assert.equal(await closeSignalMonth(p.deps.db, clock), false, 'a second call in the same month does nothing');
      const month = await partitionOf('m-a1');
      assert.equal(month.signals, open.signals);
      assert.notEqual(month.to, null, 'the month is closed at the next id');
      assert.equal((await partitionOf('m-b')).signals, open.signals);

      at(5);
      await applyRetention(p.deps, job);
      assert.ok(await exists(month.signals), 'not due yet');

      at(7);
      const r = await applyRetention(p.deps, job);
      const ams = r.municipalities.find((m) => m.municipality === 'GM0363')!;
      assert.equal(ams.unpickedSignals, 3);
      assert.equal(ams.cases, 2, 'both households lost their last signal');
      assert.equal(await exists(month.signals), false, 'the partition of signals is gone');
      assert.equal(await exists(month.states), false, 'and the one of their states');
      assert.equal(await count(sql`select count(*)::int as n from signals where reference like 'm-%'`), 0);
      assert.equal(await count(sql`select count(*)::int as n from signal_references where reference like 'm-%'`), 0);
      assert.equal(await count(sql`select count(*)::int as n from cases where address_key like '1021AA%' or address_key like '1022AA%'`), 0);
      const tomb = await p.deps.db.selectFrom('deletion_log').selectAll().where('municipality_code', '=', 'GM0363').execute();
      assert.equal(tomb.length, 1);
      assert.equal(tomb[0]!.kind, 'retention:unpicked');
      assert.equal(tomb[0]!.signals, 3);
      assert.equal(tomb[0]!.cases, 2);
      assert.match(tomb[0]!.reason, /6 maanden na ontvangst/);
      assert.equal(new Date(tomb[0]!.occurred_at).getTime(), clock.getTime());
      const audit = await p.deps.db.selectFrom('audit_log').select(['object_ids', 'detail']).where('activity', '=', 'retention.delete').where('organisation_id', '=', 'GM0363').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.object_ids.length, 3);
      assert.equal((audit[0]!.detail as { partition?: string }).partition, month.signals);

      // The reference is free again, as after a row-by-row deletion.
      const again = await send([household('m-a1', '1021AA')]);
      assert.equal(again[0]!.outcome, 'accepted');
    });

    it('keeps a month with one signal still needed, deletes the rest of it row by row, and a reference stays unique across months', async () => {
      await send([household('k-1', '1031AA'), household('k-2', '1032AA'), household('k-open', '1033AA')]);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const caseId = (await p.deps.db.selectFrom('signal_states').innerJoin('signals', 'signals.id', 'signal_states.signal_id').select('case_id').where('reference', '=', 'k-open').executeTakeFirstOrThrow()).case_id!;
      await sql`update cases set status = 'picked_up', picked_up_on = current_date where id = ${caseId}`.execute(p.deps.db);
      await closeSignalMonth(p.deps.db, at(8));
      const month = await partitionOf('k-open');
      assert.notEqual(month.to, null);

      at(15);
      const r = await applyRetention(p.deps, job);
      assert.equal(r.municipalities.find((m) => m.municipality === 'GM0363')!.unpickedSignals, 3, 'k-1, k-2 and the re-sent m-a1');
      assert.ok(await exists(month.signals), 'a signal of a case still being worked keeps its month');
      const left = await p.deps.db.selectFrom('signals').select('reference').where('reference', 'like', 'k-%').execute();
      assert.deepEqual(left.map((s) => s.reference), ['k-open']);
      assert.equal(await count(sql`select count(*)::int as n from signal_references where reference like 'k-%'`), 1, 'deleted rows took their references along');

      // k-open lies in a closed month; new signals go to the open one: the same reference is still known.
      const out = await send([household('k-open', '1033AA'), household('k-1', '1031AA')]);
      assert.equal(out[0]!.outcome, 'duplicate', 'same content: a duplicate of the signal in the closed month');
      assert.equal(out[1]!.outcome, 'accepted', 'a reference whose signal was deleted is new again');
      const conflict = await send([household('k-open', '1033AA', '999.00')]);
      assert.equal(conflict[0]!.outcome, 'conflict');
      // And in a file: the COPY fails on the reference of the closed month, the row becomes a duplicate.
      const csv = [CSV_HEADER, rentCsvRow('k-open-file'), rentCsvRow('k-open-file-2')].join('\n');
      const token = p.seed!.apiKeys.find((k) => k.organisation === sender)!.token;
      const post = (body: string) => fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
      assert.ok((await post(csv)).status < 300);
      await closeSignalMonth(p.deps.db, at(16));
      assert.notEqual((await partitionOf('k-open-file')).to, null, 'the first upload lies in a closed month now');
      const res = await post([CSV_HEADER, rentCsvRow('k-open-file'), rentCsvRow('k-new-file')].join('\n'));
      assert.ok(res.status < 300);
      const rows = await sql<{ reference: string; outcome: string }>`
        select reference, outcome from batch_rows where reference in ('k-open-file', 'k-new-file') order by reference`.execute(p.deps.db);
      assert.deepEqual(rows.rows, [{ reference: 'k-open-file', outcome: 'duplicate' }]);
      assert.equal(await count(sql`select count(*)::int as n from signals where reference = 'k-open-file'`), 1, 'stored once');
      assert.equal(await count(sql`select count(*)::int as n from signals where reference = 'k-new-file'`), 1);
    });

    // Only a server has other connections that can hold a lock while retention runs.
    if (engine.name === 'postgres')
      it('gives a month up when a long reader keeps the lock from it: the signals due go row by row, the empty partition on the next run', async () => {
        await send([household('l-1', '1041AA'), household('l-2', '1042AA')]);
        await closeSignalMonth(p.deps.db, at(17));
        const month = await partitionOf('l-1');
        at(24);
        await closeSignalMonth(p.deps.db, clock);
        let release!: () => void;
        let holding!: () => void;
        const held = new Promise<void>((r) => (holding = r));
        const reader = p.deps.db.connection().execute(async (c) => {
          await sql`begin`.execute(c);
          await sql`select count(*) from signals`.execute(c);
          holding();
          await new Promise<void>((r) => (release = r));
          await sql`rollback`.execute(c);
        });
        await held;
        const r = await applyRetention(p.deps, job);
        release();
        await reader;
        assert.ok(r.municipalities.find((m) => m.municipality === 'GM0363')!.unpickedSignals >= 2);
        assert.ok(await exists(month.signals), 'the month stayed');
        assert.equal(await count(sql`select count(*)::int as n from signals where reference like 'l-%'`), 0, 'its signals went row by row');
        await applyRetention(p.deps, job);
        assert.equal(await exists(month.signals), false, 'the emptied month goes on the next run');
      });
  });
}
