import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startMailSink } from './helpers/mail.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { sendDigests } from '../src/app/digest/send-digests.ts';
import { ownDigest } from '../src/app/digest/own-digest.ts';
import { digestJob } from '../src/jobs/digest.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';

for (const engine of ENGINES) {
  describe(`the daily digest (${engine.name})`, () => {
    let p: TestPlatform;
    let mail: Awaited<ReturnType<typeof startMailSink>>;
    let now = new Date('2025-03-20T06:00:00Z'); // Thursday, 07:00 in Amsterdam
    const ids: Record<string, string> = {};
    const userId = async (email: string) => (await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const job = () => systemContext('platform-beheer', 'digest', 'job');
    const run = () => sendDigests(p.deps, job(), { baseUrl: 'https://vroegsignaal.example' });

    before(async () => {
      mail = await startMailSink();
      p = await startTestPlatform(engine, { now: () => now, mailer: mail.mailer });
      const signals = [
        rentSignal('dg-crisis', { crisis: true, address: { postcode: '1011AB', houseNumber: '70' }, person: { initials: 'A.', surname: 'Crisisnaam' } }),
        rentSignal('dg-mine', { address: { postcode: '1011AB', houseNumber: '72' }, person: { initials: 'B.', surname: 'Eigennaam' } }),
        rentSignal('dg-late', { address: { postcode: '1011AB', houseNumber: '74' }, person: { initials: 'C.', surname: 'Laatnaam' } }),
        rentSignal('dg-far', { address: { postcode: '1011AB', houseNumber: '76' } }),
        rentSignal('dg-other', { address: { postcode: '1011AB', houseNumber: '78' } }),
      ];
      for (const o of await submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), signals, { dryRun: false })) assert.equal(o.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const worker = await userId('medewerker@amsterdam.demo');
      const coordinator = await userId('coordinator@amsterdam.demo');
      // The facts each list is about, set outright: the day a case opened and when it is due.
      const arrange: Record<string, { due: string; openedAt: string; assignedTo: string | null }> = {
        'dg-crisis': { due: '2025-03-25', openedAt: '2025-03-19T15:00:00Z', assignedTo: null },
        'dg-mine': { due: '2025-03-24', openedAt: '2025-03-01T10:00:00Z', assignedTo: worker },
        'dg-late': { due: '2025-03-19', openedAt: '2025-02-01T10:00:00Z', assignedTo: null },
        'dg-far': { due: '2025-03-25', openedAt: '2025-03-01T10:00:00Z', assignedTo: null },
        'dg-other': { due: '2025-03-18', openedAt: '2025-02-01T10:00:00Z', assignedTo: coordinator },
      };
      for (const [reference, a] of Object.entries(arrange)) {
        const caseId = String((await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id);
        ids[reference] = caseId;
        await sql`update cases set due_date = ${a.due}::date, opened_at = ${a.openedAt}::timestamptz, assigned_to = ${a.assignedTo} where id = ${caseId}::bigint`.execute(p.deps.db);
      }
    });
    after(async () => {
      await p.close();
      await mail.close();
    });

    it('mails each worker their own and the unassigned cases, case numbers only, once a day, audited', async () => {
      const r = await run();
      assert.deepEqual({ sent: r.sent, alreadySent: r.alreadySent, failed: r.failed, workingDay: r.workingDay }, { sent: 2, alreadySent: 0, failed: 0, workingDay: true });
      const toWorker = await mail.sink.waitFor('medewerker@amsterdam.demo');
      assert.equal(toWorker.subject, 'Uw overzicht van vroegsignaal voor 20 maart 2025');
      assert.match(toWorker.text, new RegExp(`Nieuwe crisiszaken: 1\\n\\nZaak ${ids['dg-crisis']}, termijn 25 maart 2025 \\(nog niet toegewezen\\):\\nhttps://vroegsignaal\\.example/zaken/${ids['dg-crisis']}\\n`));
      assert.match(toWorker.text, new RegExp(`Termijn binnen 2 werkdagen: 1\\n\\nZaak ${ids['dg-mine']}, termijn 24 maart 2025 \\(van u\\)`), 'Monday is two working days after Thursday');
      assert.match(toWorker.text, new RegExp(`Termijn verlopen: 1\\n\\nZaak ${ids['dg-late']},`));
      assert.doesNotMatch(toWorker.text, new RegExp(`/zaken/(${ids['dg-far']}|${ids['dg-other']})\\b`), 'not due yet; a colleague’s case');
      for (const personal of ['Crisisnaam', 'Eigennaam', 'Laatnaam', '1011', 'Dorpsstraat', '0612345678']) assert.ok(!toWorker.text.includes(personal) && !toWorker.html.includes(personal), `no ${personal} in the mail`);
      const toCoordinator = await mail.sink.waitFor('coordinator@amsterdam.demo');
      assert.match(toCoordinator.text, new RegExp(`Zaak ${ids['dg-other']}, termijn 18 maart 2025 \\(van u\\)`));
      assert.doesNotMatch(toCoordinator.text, new RegExp(`/zaken/${ids['dg-mine']}\\b`));
      assert.equal(mail.sink.messages().filter((m) => m.to.some((t) => /rotterdam|privacy|beheer/.test(t))).length, 0, 'no cases to report, or no case work: no mail');

      const again = await run();
      assert.deepEqual({ sent: again.sent, alreadySent: again.alreadySent }, { sent: 0, alreadySent: 2 }, 'a second run the same day sends nothing');
      assert.equal(mail.sink.messages().length, 2);
      const audit = (await sql<{ object_ids: string[]; outcome: string; actor_type: string }>`select object_ids, outcome, actor_type from audit_log where activity = 'digest.send'`.execute(p.deps.db)).rows;
      assert.equal(audit.length, 2);
      assert.ok(audit.every((a) => a.outcome === 'success' && a.actor_type === 'job'));
      assert.ok(audit.some((a) => [...a.object_ids].sort().join() === [ids['dg-crisis'], ids['dg-mine'], ids['dg-late']].sort().join()));
    });

    it('shows the same digest on the start page', async () => {
      const d = await ownDigest(p.deps, await userContext(p, 'medewerker@amsterdam.demo'));
      assert.deepEqual([d.newCrisis.map((e) => e.id), d.dueSoon.map((e) => e.id), d.overdue.map((e) => e.id)], [[ids['dg-crisis']], [ids['dg-mine']], [ids['dg-late']]]);
    });

    it('respects the opt-out and sends nothing on a weekend or public holiday', async () => {
      await sql`delete from digest_deliveries`.execute(p.deps.db);
      await sql`update users set digest_email = false where email = 'coordinator@amsterdam.demo'`.execute(p.deps.db);
      const before = mail.sink.messages().length;
      assert.equal((await run()).sent, 1);
      assert.deepEqual(mail.sink.messages().slice(before).map((m) => m.to), [['medewerker@amsterdam.demo']]);
      for (const day of ['2025-03-22T06:00:00Z', '2025-04-21T06:00:00Z']) {
        now = new Date(day);
        const r = await run();
        assert.deepEqual({ workingDay: r.workingDay, sent: r.sent }, { workingDay: false, sent: 0 }, day);
      }
      now = new Date('2025-03-20T06:00:00Z');
    });

    it('is a scheduled job at 07:00 Amsterdam time on weekdays', () => {
      const j = digestJob('https://vroegsignaal.example');
      assert.deepEqual({ cron: j.cron, tz: j.tz, policy: j.policy }, { cron: '0 7 * * 1-5', tz: 'Europe/Amsterdam', policy: 'stately' });
    });
  });
}
