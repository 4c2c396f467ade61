import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext, webLogin } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { CallContext } from '../src/app/context.ts';
import { openCase } from '../src/app/worklist/open-case.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../src/app/worklist/record-outcome.ts';
import { reopenCase } from '../src/app/worklist/reopen-case.ts';
import { searchArchive } from '../src/app/worklist/search-archive.ts';
import { NotFoundInMunicipality, WorklistInputError } from '../src/app/worklist/own-municipality.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';

const noAllowed = () => undefined;

for (const engine of ENGINES) {
  describe(`the archive of closed cases (${engine.name})`, () => {
    let p: TestPlatform;
    let worker: CallContext;
    const caseOf = async (reference: string) => (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id!;
    const auditRows = async (activity: string) =>
      (await sql<{ object_ids: string[]; detail: unknown }>`select object_ids, detail from audit_log where activity = ${activity} order by occurred_at`.execute(p.deps.db)).rows;

    before(async () => {
      p = await startTestPlatform(engine, { now: () => new Date('2025-03-20T10:00:00Z') });
      const out = await submitSignals(
        p.deps,
        systemContext('demo-woningcorporatie', 'test'),
        [
          rentSignal('ar-worked', { address: { postcode: '1011AB', houseNumber: '60' }, person: { initials: 'A.', prefix: 'van der', surname: 'Meer' } }),
          rentSignal('ar-other', { address: { postcode: '1012CD', houseNumber: '8' }, person: { initials: 'B.', surname: 'Yılmaz' } }),
          rentSignal('ar-open', { address: { postcode: '1011AB', houseNumber: '62' }, person: { initials: 'C.', surname: 'Meer' } }),
        ],
        { dryRun: false },
      );
      for (const o of out) assert.equal(o.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      worker = await userContext(p, 'medewerker@amsterdam.demo');
      const worked = await caseOf('ar-worked');
      await recordContactAttempt(p.deps, worker, worked, { contactType: 'Telefoon', reached: 'yes', date: '2025-03-19', partOfDay: 'Ochtend' });
      await recordOutcome(p.deps, worker, worked, { result: '(Budget)advies en/of quick fix' });
      await recordOutcome(p.deps, worker, await caseOf('ar-other'), { result: 'Niet opgepakt: andere reden' });
    });
    after(() => p.close());

    it("shows a closed case's signals with their final status, as the creditor sees it", async () => {
      const view = await openCase(p.deps, worker, await caseOf('ar-worked'), noAllowed);
      assert.deepEqual(view.signals.map((s) => s.status), ['Opgepakt'], 'not "Nog niet opgepakt" once the case was worked and closed');
      const other = await openCase(p.deps, worker, await caseOf('ar-other'), noAllowed);
      assert.deepEqual(other.signals.map((s) => s.status), ['Niet opgepakt: andere reden'], 'the worker sees the reason the creditor may not');
      const open = await openCase(p.deps, worker, await caseOf('ar-open'), noAllowed);
      assert.deepEqual(open.signals.map((s) => s.status), ['Nog niet opgepakt']);
    });

    it('finds closed cases by case number, postcode, surname (by its key) and period, never open ones, and audits each search', async () => {
      const worked = await caseOf('ar-worked');
      const other = await caseOf('ar-other');
      const ids = async (input: Parameters<typeof searchArchive>[2]) => (await searchArchive(p.deps, worker, input)).rows.map((r) => r.id).sort();
      assert.deepEqual(await ids({ caseId: worked }), [worked]);
      assert.deepEqual(await ids({ caseId: await caseOf('ar-open') }), [], 'an open case is not in the archive');
      assert.deepEqual(await ids({ postcode: '1011 ab' }), [worked]);
      assert.deepEqual(await ids({ name: 'Van der Meer' }), [worked], 'by surname key: the prefix does not matter, the open "Meer" is not archived');
      assert.deepEqual(await ids({ name: 'MEER' }), [worked]);
      assert.deepEqual(await ids({ name: 'yilmaz' }), [other], 'transliterated');
      assert.deepEqual(await ids({ name: 'Mee' }), [], 'no partial match on names');
      assert.deepEqual(await ids({ from: '2025-03-20', to: '2025-03-20' }), [worked, other].sort());
      assert.deepEqual(await ids({ to: '2025-03-19' }), []);
      await assert.rejects(searchArchive(p.deps, worker, {}), WorklistInputError);
      await assert.rejects(searchArchive(p.deps, worker, { postcode: 'nope' }), WorklistInputError);
      const audits = await auditRows('archive.search');
      assert.equal(audits.length, 9, 'every search that ran is audited');
      const byName = audits[3]!;
      assert.deepEqual(byName.object_ids, [worked]);
      assert.ok(!JSON.stringify(byName.detail).includes('Van der'), 'the raw name is not in the audit trail, its key is');
      assert.ok(JSON.stringify(byName.detail).includes('"surnameKey":"meer"'));
    });

    it("searches only the caller's municipality", async () => {
      const rotterdam = await userContext(p, 'medewerker@rotterdam.demo');
      assert.deepEqual((await searchArchive(p.deps, rotterdam, { caseId: await caseOf('ar-worked') })).rows, []);
      await assert.rejects(reopenCase(p.deps, rotterdam, await caseOf('ar-worked'), { reason: 'niet van ons' }), NotFoundInMunicipality);
    });

    it('re-opens a closed case only with a reason, audited and on the timeline; the end result and the signal status it gave lapse', async () => {
      const other = await caseOf('ar-other');
      await assert.rejects(reopenCase(p.deps, worker, other, { reason: '  ' }), WorklistInputError);
      await assert.rejects(reopenCase(p.deps, worker, await caseOf('ar-open'), { reason: 'waarom niet' }), WorklistInputError, 'an open case is not re-opened');
      await assert.rejects(reopenCase(p.deps, worker, '999999999', { reason: 'x' }), NotFoundInMunicipality);
      await reopenCase(p.deps, worker, other, { reason: 'Resultaat per abuis vastgelegd' });
      const view = await openCase(p.deps, worker, other, noAllowed);
      assert.equal(view.case.status, 'open');
      assert.equal(view.case.result, null);
      assert.equal(view.case.closed_at, null);
      assert.deepEqual(view.signals.map((s) => s.status), ['Nog niet opgepakt'], 'the status the end result gave lapses with it');
      const ev = view.timeline.find((e) => e.kind === 'reopened');
      assert.deepEqual(ev?.detail, { previousResult: 'Niet opgepakt: andere reden', reason: 'Resultaat per abuis vastgelegd', status: 'open' });
      const [audit] = await auditRows('case.reopen');
      assert.deepEqual(audit?.object_ids, [other]);
      assert.deepEqual(((await searchArchive(p.deps, worker, { caseId: other })).rows), [], 'no longer in the archive');
      await recordOutcome(p.deps, worker, other, { result: 'Inwoner is overleden' });
      assert.equal((await openCase(p.deps, worker, other, noAllowed)).signals[0]!.status, 'Inwoner is overleden', 'closed again with another result');
    });

    it('does not re-open a case while matching has opened another for the same household', async () => {
      const out = await submitSignals(
        p.deps,
        systemContext('demo-woningcorporatie', 'test'),
        [rentSignal('ar-again', { amount: '1400.00', signalDate: '2025-03-18', address: { postcode: '1011AB', houseNumber: '60' }, person: { initials: 'A.', prefix: 'van der', surname: 'Meer' } })],
        { dryRun: false },
      );
      assert.equal(out[0]!.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const worked = await caseOf('ar-worked');
      const again = await caseOf('ar-again');
      assert.notEqual(again, worked, 'a new signal after the end result opens a new case');
      await assert.rejects(reopenCase(p.deps, worker, worked, { reason: 'weer achterstand' }), (e: unknown) => e instanceof WorklistInputError && e.fields.reason === `the household has an open case: ${again}`);
    });

    it('serves the archive and re-open pages to the own municipality only, re-opening with a CSRF token', async () => {
      const worked = await caseOf('ar-worked');
      const w = await webLogin(p, 'medewerker@amsterdam.demo');
      const found = await w.get('/archief?postcode=1011+AB');
      assert.equal(found.status, 200);
      assert.match(found.html, new RegExp(`href="/zaken/${worked}"`));
      assert.equal((await w.get('/archief?postcode=nope')).status, 400);
      assert.equal((await w.get(`/zaken/${worked}/heropenen`)).status, 200);
      assert.equal((await w.post(`/zaken/${worked}/heropenen`, { reason: 'zonder token' }, { csrf: null })).status, 403);
      const refused = await w.post(`/zaken/${worked}/heropenen`, { reason: 'weer achterstand' });
      assert.equal(refused.status, 400);
      assert.match(refused.html, /Dit huishouden heeft al een open zaak/);
      const rotterdam = await webLogin(p, 'medewerker@rotterdam.demo');
      assert.equal((await rotterdam.get(`/zaken/${worked}/heropenen`)).status, 404);
      assert.equal((await rotterdam.post(`/zaken/${worked}/heropenen`, { reason: 'niet van ons' })).status, 404);
      const creditor = await webLogin(p, 'aanlevering@demo-woningcorporatie.demo');
      assert.equal((await creditor.get('/archief?postcode=1011AB')).status, 403);
      assert.equal((await creditor.post(`/zaken/${worked}/heropenen`, { reason: 'x' })).status, 403);
    });
  });
}
