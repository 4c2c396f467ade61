import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { listWorklist } from '../src/app/worklist/list-worklist.ts';
import { openCase } from '../src/app/worklist/open-case.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../src/app/worklist/record-outcome.ts';
import { assignCases } from '../src/app/worklist/assign-to-colleague.ts';
import { addNote } from '../src/app/worklist/add-note.ts';
import { getFramework, previewRule } from '../src/app/worklist/framework.ts';
import { moveRule, saveRule } from '../src/app/worklist/save-framework.ts';
import { getWorkload } from '../src/app/worklist/workload.ts';
import { RetentionRefused, updateMunicipalitySettings } from '../src/app/worklist/municipality-settings.ts';
import { NotFoundInMunicipality, WorklistInputError } from '../src/app/worklist/own-municipality.ts';
import { AccessDenied } from '../src/domain/access/actor.ts';
import { dutchToday } from '../src/domain/worklist/deadlines.ts';
import { ruleFormOf } from '../src/domain/worklist/rule-input.ts';

const AMS = 'medewerker@amsterdam.demo';
const everything = { contactType: 'Telefoon', reached: 'yes', partOfDay: 'Middag' };
const noAllowed = () => undefined;

for (const engine of ENGINES) {
  describe(`worklist use cases (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 40);
    });
    after(async () => p.close());

    const auditCount = async (activity: string, objectId?: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = ${activity} ${objectId ? sql`and ${objectId} = any(object_ids)` : sql``}`.execute(p.deps.db)).rows[0]!.n;

    it("puts the municipality's open cases in queues by the first matching rule, and shows only its own", async () => {
      const ctx = await userContext(p, AMS);
      const view = await listWorklist(p.deps, ctx, {});
      assert.ok(view.total > 0, 'the demo signals made cases');
      assert.equal(view.municipality, 'GM0363');
      const all = await p.deps.db.selectFrom('cases').select(['id', 'municipality_code', 'crisis', 'multiple', 'queue_id']).where('status', '<>', 'closed').execute();
      const own = all.filter((c) => c.municipality_code === 'GM0363');
      assert.equal(view.total, own.length);
      assert.ok(view.rows.every((r) => own.some((c) => String(c.id) === r.id)));
      const crisisQueue = view.queues.find((q) => q.name === 'Crisis')!;
      const multipleQueue = view.queues.find((q) => q.name === 'Meerdere signalen')!;
      for (const c of own) {
        if (c.crisis) assert.equal(String(c.queue_id), crisisQueue.id, 'crisis comes first');
        else if (c.multiple) assert.equal(String(c.queue_id), multipleQueue.id);
      }
      assert.equal(view.queues.reduce((n, q) => n + q.open, 0) + view.unqueued.open, own.length, 'the catch-all leaves none unqueued');
      assert.equal(view.unqueued.open, 0);
      const crisisOnly = await listWorklist(p.deps, ctx, { queue: crisisQueue.id });
      assert.ok(crisisOnly.rows.every((r) => r.crisis));
      assert.ok((await auditCount('worklist.read')) >= 2);
    });

    it('filters, searches and sorts server-side', async () => {
      const ctx = await userContext(p, AMS);
      const byAmount = await listWorklist(p.deps, ctx, { sort: 'amount' });
      const amounts = byAmount.rows.map((r) => r.amountCents ?? -1);
      assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a));
      const one = byAmount.rows[0]!;
      const byId = await listWorklist(p.deps, ctx, { q: one.id });
      assert.deepEqual(byId.rows.map((r) => r.id), [one.id]);
      const pc4 = one.addressKey.slice(0, 4);
      const byPostcode = await listWorklist(p.deps, ctx, { q: pc4 });
      assert.ok(byPostcode.rows.length > 0 && byPostcode.rows.every((r) => r.addressKey.startsWith(pc4)));
      const crisis = await listWorklist(p.deps, ctx, { crisis: true });
      assert.ok(crisis.rows.every((r) => r.crisis));
      assert.equal(crisis.total, crisis.rows.length);
    });

    it('opens a case with an audit entry; another municipality cannot open it', async () => {
      const ctx = await userContext(p, AMS);
      const id = (await listWorklist(p.deps, ctx, {})).rows[0]!.id;
      const before = await auditCount('case.read', id);
      const view = await openCase(p.deps, ctx, id, noAllowed);
      assert.equal(view.case.id, id);
      assert.ok(view.signals.length > 0);
      assert.ok(view.signals.every((s) => !('bsn' in s) && !('name' in s)), 'no rule data: no personal data shown');
      assert.equal(await auditCount('case.read', id), before + 1);
      const rotterdam = await userContext(p, 'medewerker@rotterdam.demo');
      await assert.rejects(openCase(p.deps, rotterdam, id, noAllowed), NotFoundInMunicipality);
      const creditor = await userContext(p, 'aanlevering@demo-woningcorporatie.demo');
      await assert.rejects(openCase(p.deps, creditor, id, noAllowed), AccessDenied);
    });

    it('records a contact attempt (picks the case up), a note and an outcome (closes it), each on the timeline', async () => {
      const ctx = await userContext(p, AMS);
      const id = (await listWorklist(p.deps, ctx, { status: 'open' })).rows[0]!.id;
      const today = dutchToday(p.deps.now());
      await assert.rejects(recordContactAttempt(p.deps, ctx, id, { ...everything, contactType: 'Fax', date: today }), (e: unknown) => e instanceof WorklistInputError && 'contactType' in e.fields);
      await recordContactAttempt(p.deps, ctx, id, { ...everything, date: today });
      await addNote(p.deps, ctx, id, { body: 'Inwoner teruggebeld.' });
      let view = await openCase(p.deps, ctx, id, noAllowed);
      assert.equal(view.case.status, 'picked_up');
      assert.equal(view.case.picked_up_on, today);
      assert.equal(view.deadline.state, 'done');
      assert.equal(view.attempts.length, 1);
      assert.equal(view.attempts[0]!.contact_type, 'Telefoon');
      assert.equal(view.notes[0]!.body, 'Inwoner teruggebeld.');
      await assert.rejects(recordOutcome(p.deps, ctx, id, { result: 'Opgelost' }), WorklistInputError);
      await recordOutcome(p.deps, ctx, id, { result: '(Budget)advies en/of quick fix' });
      view = await openCase(p.deps, ctx, id, noAllowed);
      assert.equal(view.case.status, 'closed');
      assert.equal(view.case.result, '(Budget)advies en/of quick fix');
      assert.deepEqual(
        view.timeline.filter((e) => ['contact_attempt', 'picked_up', 'note', 'outcome'].includes(e.kind)).map((e) => e.kind),
        ['contact_attempt', 'picked_up', 'note', 'outcome'],
      );
      assert.ok(view.timeline.every((e) => e.kind !== 'note' || !JSON.stringify(e.detail).includes('teruggebeld')), 'the timeline does not copy the note');
      await assert.rejects(recordOutcome(p.deps, ctx, id, { result: 'Verwijzing zonder contact' }), WorklistInputError, 'closed once');
      await assert.rejects(recordContactAttempt(p.deps, await userContext(p, 'medewerker@rotterdam.demo'), id, { ...everything, date: today }), NotFoundInMunicipality);
      assert.equal(await auditCount('case.outcome', id), 1);
    });

    it('bulk-assigns only cases of the own municipality, to colleagues only', async () => {
      const ctx = await userContext(p, 'coordinator@amsterdam.demo');
      const worker = await userContext(p, AMS);
      const ids = (await listWorklist(p.deps, ctx, {})).rows.slice(0, 3).map((r) => r.id);
      const foreign = await p.deps.db.selectFrom('cases').select('id').where('municipality_code', '=', 'GM0599').executeTakeFirstOrThrow();
      const changed = await assignCases(p.deps, ctx, { caseIds: [...ids, String(foreign.id)], userId: worker.actor.id });
      assert.deepEqual(changed.sort(), [...ids].sort());
      const f = await p.deps.db.selectFrom('cases').select('assigned_to').where('id', '=', foreign.id).executeTakeFirstOrThrow();
      assert.equal(f.assigned_to, null);
      const mine = await listWorklist(p.deps, worker, { assigned: 'me' });
      assert.deepEqual(mine.rows.map((r) => r.id).sort(), [...ids].sort());
      const rotterdamUser = await userContext(p, 'medewerker@rotterdam.demo');
      await assert.rejects(assignCases(p.deps, ctx, { caseIds: ids, userId: rotterdamUser.actor.id }), WorklistInputError);
      const cap = await getWorkload(p.deps, ctx);
      assert.equal(cap.perWorker.find((w) => w.userId === worker.actor.id)?.open, 3);
      assert.equal(cap.inflow.length, 12);
      assert.ok(cap.inflow.reduce((n, w) => n + w.count, 0) > 0);
    });

    it('previews and saves framework changes; cases move to the new queues at once', async () => {
      const ctx = await userContext(p, 'coordinator@amsterdam.demo');
      await assert.rejects(getFramework(p.deps, await userContext(p, AMS)), AccessDenied, 'a worker may not configure');
      const fw = await getFramework(p.deps, ctx);
      assert.equal([...fw.counts.byRule.values()].reduce((a, b) => a + b, 0) + fw.counts.unmatched, fw.openCases);
      const overig = fw.queues.find((q) => q.name === 'Overig')!;
      const form = { ...ruleFormOf({}), signalTypes: ['health_insurance'] };
      const preview = await previewRule(p.deps, ctx, { form, queueId: overig.id, position: 1, signalTypes: ['health_insurance'] });
      const healthOpen = (await listWorklist(p.deps, ctx, { signalType: 'health_insurance' })).total;
      assert.equal(preview.matching, healthOpen, 'the draft matches every open case with that signal type');
      assert.equal(preview.caught, healthOpen, 'first in order, it catches them all');
      const bad = await previewRule(p.deps, ctx, { form: { ...form, minAmount: 'veel' }, queueId: overig.id, position: 1, signalTypes: ['health_insurance'] });
      assert.ok(bad.errors.minAmount);
      await saveRule(p.deps, ctx, { queueId: overig.id, form, signalTypes: ['health_insurance'] });
      let after = await getFramework(p.deps, ctx);
      const newRule = after.rules.find((r) => r.conditions.signalTypes?.[0] === 'health_insurance')!;
      assert.equal(after.rules.at(-1)!.conditions.signalTypes, undefined, 'the catch-all stays last');
      for (let i = 0; i < after.rules.length; i++) await moveRule(p.deps, ctx, newRule.id, 'up');
      after = await getFramework(p.deps, ctx);
      assert.equal(after.rules[0]!.id, newRule.id);
      assert.equal(after.counts.byRule.get(newRule.id), healthOpen);
      const inOverig = await listWorklist(p.deps, ctx, { queue: overig.id, signalType: 'health_insurance' });
      assert.equal(inOverig.total, healthOpen, 'classification followed the change');
      assert.ok((await auditCount('worklist.rule.move')) > 0);
    });

    it('keeps own targets and refuses retention terms outside the bounds, saying why', async () => {
      const ctx = await userContext(p, 'beheer@amsterdam.demo');
      const base = { contactTargetDays: '10', dueSoonDays: '2', unpickedSignalMonths: '6', pickedUpSignalMonths: '12', caseMonthsAfterClosing: '18' };
      await assert.rejects(updateMunicipalitySettings(p.deps, ctx, { ...base, unpickedSignalMonths: '1' }), (e: unknown) => e instanceof RetentionRefused && e.issues[0]!.field === 'unpickedSignalMonths');
      await assert.rejects(updateMunicipalitySettings(p.deps, ctx, { ...base, contactTargetDays: '200' }), WorklistInputError);
      await updateMunicipalitySettings(p.deps, ctx, base);
      const s = await p.deps.db.selectFrom('municipality_settings').selectAll().where('municipality_code', '=', 'GM0363').executeTakeFirstOrThrow();
      assert.equal(s.contact_target_days, 10);
      const r = await p.deps.db.selectFrom('retention_settings').selectAll().where('municipality_code', '=', 'GM0363').executeTakeFirstOrThrow();
      assert.equal(r.case_months_after_closing, 18);
    });
  });
}
