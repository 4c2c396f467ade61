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
import { putRetentionSettings } from '../src/db/repositories/retention.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { signalsWithState } from '../src/db/repositories/signal-state.ts';

const MONTH = 31 * 86_400_000;

for (const engine of ENGINES) {
  describe(`retention (${engine.name})`, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    // The controllable clock: every use case and the job read deps.now.
    let clock = new Date();
    const at = (months: number) => (clock = new Date(Date.now() + months * MONTH));
    const job = systemContext('platform-beheer', 'retention-test', 'job');
    const idOf = async (reference: string) =>
      (await signalsWithState(p.deps.db).select(['signals.id', 'signal_states.case_id']).where('signals.reference', '=', reference).executeTakeFirst()) ?? null;
    const send = async (org: string, signals: SignalInput[]) => {
      const out = await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false });
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
    };
    const household = (reference: string, postcode: string, municipalityCode = 'GM0363') =>
      rentSignal(reference, { municipalityCode, address: { street: 'Teststraat', houseNumber: '1', postcode, city: 'X' }, person: { surname: `Retentie${reference.replace(/\W/g, '')}` } });

    before(async () => {
      const database = await engine.open();
      drop = database.drop;
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0, now: () => clock });
      await send('demo-woningcorporatie', [
        household('r-unmatched', '1011AA'),
        household('r-never-picked', '1012AA'),
        household('r-picked-open', '1013AA'),
        household('r-picked-closed', '1014AA'),
        household('r-closed-unpicked', '1015AA'),
        household('r-rotterdam', '3011AA', 'GM0599'),
      ]);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      await matchMunicipality(p.deps, systemContext('GM0599', 'test', 'job'), 'GM0599');
      // One signal stays unmatched, as if it arrived after the last matching round.
      await sql`update signal_states set case_id = null where signal_id = (select id from signals where reference = 'r-unmatched')`.execute(p.deps.db);
      await sql`delete from cases c where not exists (select 1 from signal_states s where s.case_id = c.id) and municipality_code = 'GM0363'`.execute(p.deps.db);
      const caseOf = async (ref: string) => (await idOf(ref))!.case_id!;
      await sql`update cases set status = 'picked_up', picked_up_on = current_date where id = ${await caseOf('r-picked-open')}`.execute(p.deps.db);
      await sql`update cases set status = 'closed', picked_up_on = current_date, closed_at = now() where id = ${await caseOf('r-picked-closed')}`.execute(p.deps.db);
      await sql`update cases set status = 'closed', closed_at = now() where id = ${await caseOf('r-closed-unpicked')}`.execute(p.deps.db);
      // A record another part of the platform keeps about a case: retention must find and delete it first.
      await sql`create table test_case_notes (id serial primary key, case_id bigint not null references cases (id), note text)`.execute(p.deps.db);
      await sql`insert into test_case_notes (case_id, note) values (${await caseOf('r-never-picked')}, 'gebeld'), (${await caseOf('r-picked-closed')}, 'afgerond')`.execute(p.deps.db);
    });
    after(async () => {
      await p.stop();
      await drop();
    });

    it('deletes nothing before the terms are over', async () => {
      at(5);
      const r = await applyRetention(p.deps, job);
      assert.ok(r.municipalities.every((m) => m.unpickedSignals === 0 && m.pickedUpSignals === 0 && m.cases === 0));
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from deletion_log`.execute(p.deps.db)).rows[0]!.n, 0);
    });

    it('after 6 months deletes signals never picked up and their emptied cases, children first, with a tombstone', async () => {
      at(7);
      const neverPickedCase = (await idOf('r-never-picked'))!.case_id!;
      const r = await applyRetention(p.deps, job);
      const ams = r.municipalities.find((m) => m.municipality === 'GM0363')!;
      assert.equal(ams.unpickedSignals, 3);
      assert.equal(ams.cases, 2, 'the never-picked-up cases went with their last signal');
      for (const ref of ['r-unmatched', 'r-never-picked', 'r-closed-unpicked']) assert.equal(await idOf(ref), null, ref);
      for (const ref of ['r-picked-open', 'r-picked-closed']) assert.ok(await idOf(ref), ref);
      assert.equal((await p.deps.db.selectFrom('cases').select('id').where('id', '=', neverPickedCase).executeTakeFirst()), undefined);
      const notes = await sql<{ note: string }>`select note from test_case_notes`.execute(p.deps.db);
      assert.deepEqual(notes.rows.map((n) => n.note), ['afgerond']);
      const tomb = await p.deps.db.selectFrom('deletion_log').selectAll().where('municipality_code', '=', 'GM0363').execute();
      assert.equal(tomb.length, 1);
      assert.equal(tomb[0]!.kind, 'retention:unpicked');
      assert.equal(tomb[0]!.signals, 3);
      assert.equal(tomb[0]!.cases, 2);
      assert.deepEqual(tomb[0]!.case_records, { test_case_notes: 1 });
      assert.equal(new Date(tomb[0]!.occurred_at).getTime(), clock.getTime(), 'when: the clock of the run');
      assert.match(tomb[0]!.reason, /6 maanden na ontvangst/);
      assert.doesNotMatch(JSON.stringify(tomb), /Retentie|1011AA|Teststraat/, 'no personal data in the tombstone');
      const audit = await p.deps.db.selectFrom('audit_log').select(['object_ids', 'detail']).where('activity', '=', 'retention.delete').where('organisation_id', '=', 'GM0363').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.object_ids.length, 3);
    });

    it('after 12 months deletes the signals of closed picked-up cases but keeps those of a case still being worked', async () => {
      at(13);
      await applyRetention(p.deps, job);
      assert.equal(await idOf('r-picked-closed'), null);
      assert.ok(await idOf('r-picked-open'), 'a case still open keeps its signals');
      const closed = await p.deps.db.selectFrom('cases').select(['signal_count']).where('status', '=', 'closed').where('municipality_code', '=', 'GM0363').execute();
      assert.deepEqual(closed.map((c) => c.signal_count), [0], 'the case file stays, recounted');
    });

    it('after 18 months from closing deletes the case file with its records', async () => {
      at(19);
      await applyRetention(p.deps, job);
      assert.equal((await p.deps.db.selectFrom('cases').select('id').where('status', '=', 'closed').where('municipality_code', '=', 'GM0363').execute()).length, 0);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from test_case_notes`.execute(p.deps.db)).rows[0]!.n, 0);
      const kinds = (await p.deps.db.selectFrom('deletion_log').select('kind').where('municipality_code', '=', 'GM0363').orderBy('id').execute()).map((k) => k.kind);
      assert.deepEqual(kinds, ['retention:unpicked', 'retention:picked-up', 'retention:cases']);
      assert.ok(await idOf('r-picked-open'));
    });

    it("follows a municipality's own terms, and refuses to run on settings that became unsafe", async () => {
      await send('demo-woningcorporatie', [household('r-rdam-2', '3012AA', 'GM0599')]);
      await putRetentionSettings(p.deps.db, 'GM0599', { unpickedSignalMonths: 3, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 }, 'test');
      at(4);
      await sql`update municipality_settings set consecutive_months = 6 where municipality_code = 'GM0599'`.execute(p.deps.db);
      await sql`insert into municipality_settings (municipality_code, consecutive_months) values ('GM0599', 6) on conflict do nothing`.execute(p.deps.db);
      // 3 months is now shorter than matching looks back (6): the run refuses rather than break the flags.
      let r = await applyRetention(p.deps, job, { municipalities: ['GM0599'] });
      assert.match(r.municipalities[0]!.refused ?? '', /at least 6 months/);
      assert.ok(await idOf('r-rdam-2'));
      await sql`update municipality_settings set consecutive_months = 3, repeat_months = 3 where municipality_code = 'GM0599'`.execute(p.deps.db);
      r = await applyRetention(p.deps, job, { municipalities: ['GM0599'] });
      assert.equal(r.municipalities[0]!.refused, undefined);
      assert.equal(await idOf('r-rdam-2'), null, 'Rotterdam keeps unpicked signals 3 months');
      assert.equal(await idOf('r-rotterdam'), null);
    });

    it('runs as a pg-boss job and deletes old batch results and batches', async () => {
      clock = new Date();
      const csv = [CSV_HEADER, rentCsvRow('r-batch-ok', { postcode: '1016AA' }), rentCsvRow('r-batch-bad', { municipality: 'GM9999' })].join('\n');
      const res = await fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${p.seed!.apiKeys.find((k) => k.organisation === 'demo-woningcorporatie')!.token}`, 'content-type': 'text/csv' }, body: csv });
      assert.ok(res.status < 300, String(res.status));
      assert.ok((await sql<{ n: number }>`select count(*)::int as n from batch_rows`.execute(p.deps.db)).rows[0]!.n >= 1);
      at(8);
      const jobId = await p.jobs.send('privacy-retention');
      assert.ok(jobId);
      let run;
      for (let i = 0; i < 100 && !run?.finished_at; i++) {
        await new Promise((r) => setTimeout(r, 200));
        run = await p.deps.db.selectFrom('job_runs').selectAll().where('job_id', '=', jobId).executeTakeFirst();
      }
      assert.equal(run?.outcome, 'success', JSON.stringify(run?.detail));
      assert.equal(await idOf('r-batch-ok'), null);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from batch_rows`.execute(p.deps.db)).rows[0]!.n, 0);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from batches`.execute(p.deps.db)).rows[0]!.n, 0);
      const tomb = await p.deps.db.selectFrom('deletion_log').selectAll().where('kind', '=', 'retention:batch-results').executeTakeFirstOrThrow();
      assert.ok(tomb.batch_rows >= 1);
      const schedules = await p.jobs.boss.getSchedules();
      assert.ok(schedules.some((s) => s.name === 'privacy-retention'), 'retention is scheduled');
    });
  });
}
