import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { CallContext } from '../src/app/context.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { recordAnalysisPlan } from '../src/app/experiments/record-analysis-plan.ts';
import { buildArticleReport } from '../src/app/evaluation/build-article-report.ts';
import { renderReportHtml } from '../src/app/evaluation/report/render-html.ts';
import { moveExperimentStage } from '../src/app/experiments/move-experiment-stage.ts';
import { setArms } from '../src/app/experiments/set-arms.ts';
import { uploadStartDocuments } from './helpers/experiment-documents.ts';
import { setParticipants } from '../src/app/experiments/set-participants.ts';
import { setPreselectionRules } from '../src/app/experiments/set-preselection-rules.ts';
import { updateExperimentFields } from '../src/app/experiments/update-experiment.ts';
import { getExperimentView } from '../src/app/experiments/get-experiment.ts';
import { listArms } from '../src/db/repositories/experiments.ts';
import { toArmDesign } from '../src/app/experiments/mappers.ts';
import { assignArm } from '../src/domain/experiments/arms.ts';
import { permissionsOf } from '../src/domain/access/roles.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { signalsWithState } from '../src/db/repositories/signal-state.ts';

const EXPERIMENT = 'cak-eigen-bijdragen';
const TODAY = '2025-06-01'; // art. 2.4 TR is in force

function ministry(): CallContext {
  return {
    actor: { type: 'user', id: 'szw-test', organisationId: 'szw', organisationKind: 'ministry', permissions: permissionsOf(['ministry_admin']), label: 'Experimentbeheer SZW' },
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
  };
}

function cakSignal(reference: string, house: number, o: Partial<SignalInput> = {}): SignalInput {
  return {
    reference,
    signalType: 'wmo_own_contribution',
    signalDate: '2025-05-15',
    municipalityCode: 'GM0363',
    amount: '250.00',
    arrearStartDate: '2024-10-01',
    person: { initials: 'M.', surname: `Visser${house}` },
    address: { street: 'Damrak', houseNumber: String(house), postcode: '1012LG', city: 'Amsterdam' },
    socialCollection: {
      personalContactAttemptedOn: '2025-04-01',
      debtAssistanceReferredOn: '2025-04-01',
      reminderSentOn: '2025-03-01',
      agreementOfferedInReminder: true,
      residentResponse: 'none',
    },
    ...o,
  };
}

for (const engine of ENGINES) {
  describe(`experiments in intake and matching (${engine.name})`, () => {
    let p: Platform;
    let database: Awaited<ReturnType<(typeof engine)['open']>>;
    let cakKey: string;
    const post = (body: unknown, query = '') =>
      fetch(`${p.url}/v1/signals${query}`, { method: 'POST', headers: { authorization: `Bearer ${cakKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const signalId = async (reference: string) =>
      (await signalsWithState(p.deps.db).select(['signals.id', 'signal_states.case_id']).where('signals.sender_org_id', '=', 'cak').where('signals.reference', '=', reference).executeTakeFirstOrThrow());

    before(async () => {
      database = await engine.open();
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, matchingIntervalMs: 0, now: () => new Date(`${TODAY}T10:00:00Z`) });
      cakKey = p.seed!.apiKeys.find((k) => k.organisation === 'cak')!.token;
      // The seeded CAK experiment (regulation in force) made ready to start, as the screens would.
      const ctx = ministry();
      await updateExperimentFields(p.deps, ctx, EXPERIMENT, { apAdviceOn: '2024-02-01', publishedOn: '2024-03-20', reason: 'AP-advies en publicatie ontvangen' });
      await setParticipants(p.deps, ctx, EXPERIMENT, {
        participants: [
          { organisationId: 'cak', role: 'creditor', contacts: [{ name: 'Vaste contactpersoon CAK' }] },
          { organisationId: 'GM0363', role: 'municipality', contacts: [] },
          { organisationId: 'GM0599', role: 'municipality', contacts: [] },
        ],
        reason: 'Amsterdam en Rotterdam doen mee',
      });
      await setPreselectionRules(p.deps, ctx, EXPERIMENT, {
        rules: [
          { kind: 'min_amount', amount: 150, mode: 'enforce', description: 'CAK stuurt vanaf € 150' },
          { kind: 'min_arrear_age_months', months: 6, mode: 'flag', description: 'bij voorkeur zes maanden oud' },
        ],
        reason: 'selectie afgestemd op de capaciteit',
      });
      await setArms(p.deps, ctx, EXPERIMENT, {
        method: 'stratified',
        seed: 'cak-2025',
        arms: [
          { code: 'alleen', nameNl: 'Alleen het CAK-signaal', nameEn: 'CAK signal alone', combineWithOtherSignals: false },
          { code: 'gecombineerd', nameNl: 'Gecombineerd', nameEn: 'Combined', combineWithOtherSignals: true },
        ],
        reason: 'twee experimentgroepen',
      });
      await recordAnalysisPlan(p.deps, ctx, EXPERIMENT, { primaryOutcome: 'reached', secondaryOutcomes: [], baselinePct: 30, minimalEffectPts: 10, inflowPerMonth: 100, reason: 'vooraf geregistreerd' });
      await uploadStartDocuments(p.deps, ctx, EXPERIMENT);
      await moveExperimentStage(p.deps, ctx, EXPERIMENT, { to: 'running', reason: 'start na AP-advies' });
    });
    after(async () => {
      await p.stop();
      await database.drop();
    });

    it('froze the pre-registered analysis plan when the experiment started: a later change is refused and leaves no trace as done', async () => {
      const row = await p.deps.db.selectFrom('experiment_analysis_plans').select(['frozen_at']).where('experiment_id', '=', EXPERIMENT).executeTakeFirstOrThrow();
      assert.ok(row.frozen_at, 'frozen on the move to running');
      await assert.rejects(
        recordAnalysisPlan(p.deps, ministry(), EXPERIMENT, { primaryOutcome: 'helpAccepted', secondaryOutcomes: [], baselinePct: 20, minimalEffectPts: 5, inflowPerMonth: 100, reason: 'achteraf een andere uitkomst' }),
        (e: Error & { code?: string }) => e.code === 'PLAN_FROZEN',
      );
      const kinds = await p.deps.db.selectFrom('experiment_history').select('kind').where('experiment_id', '=', EXPERIMENT).where('kind', '=', 'analysis_plan').execute();
      assert.equal(kinds.length, 1, 'only the plan recorded before the start');
      const audit = await p.deps.db.selectFrom('audit_log').select('activity').where('activity', '=', 'experiment.analysis_plan').execute();
      assert.equal(audit.length, 1);
    });

    it('refuses a signal outside the enforced pre-selection, naming the experiment (dry run too)', async () => {
      const low = cakSignal('cak-low', 1, { amount: '120.00' });
      const dry = (await (await post(low, '?dryRun=true')).json()) as { results: Array<{ outcome: string; refusals: Array<{ code: string }> }> };
      assert.equal(dry.results[0]!.outcome, 'refused');
      const res = await post(low);
      assert.equal(res.status, 422);
      const problem = (await res.json()) as { detail: string; invalidParams: Array<{ code: string; name: string }> };
      assert.deepEqual(problem.invalidParams.map((x) => [x.code, x.name]), [['PRESELECTION_MIN_AMOUNT', 'amount']]);
      assert.match(problem.detail, /Experiment Achterstanden op eigen bijdragen/);
      // The law alone allows it: in a municipality outside the experiment it is accepted.
      assert.equal((await post(cakSignal('cak-utrecht', 1, { amount: '120.00', municipalityCode: 'GM0344', address: { houseNumber: '5', postcode: '3511AB', city: 'Utrecht' } }))).status, 201);
    });

    it('accepts and flags a signal outside a flag-mode rule; matching records the flag', async () => {
      assert.equal((await post(cakSignal('cak-young', 2, { arrearStartDate: '2024-12-10' }))).status, 201);
      for (let h = 3; h <= 10; h++) assert.equal((await post(cakSignal(`cak-${h}`, h))).status, 201);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const flags = await p.deps.db.selectFrom('experiment_signal_flags').selectAll().where('experiment_id', '=', EXPERIMENT).execute();
      assert.deepEqual(flags.map((f) => [String(f.signal_id), f.codes]), [[String((await signalId('cak-young')).id), ['PRESELECTION_MIN_ARREAR_AGE']]]);
    });

    it('assigns every household to an arm once, balanced per municipality, recomputable from the recorded seed', async () => {
      const rows = await p.deps.db.selectFrom('experiment_assignments').selectAll().where('experiment_id', '=', EXPERIMENT).orderBy('ordinal').execute();
      assert.equal(rows.length, 9, 'nine households in Amsterdam');
      assert.deepEqual(rows.map((r) => r.ordinal), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
      assert.ok(rows.every((r) => r.seed === 'cak-2025' && r.method === 'stratified' && r.municipality_code === 'GM0363'));
      assert.ok(rows.every((r) => !r.household_ref.includes('1012')), 'the household is a pseudonym, not an address');
      const per = (arm: string) => rows.filter((r) => r.arm_code === arm).length;
      assert.equal(Math.abs(per('alleen') - per('gecombineerd')), 1, 'two full blocks of four and one more');
      const design = { method: 'stratified' as const, seed: 'cak-2025', arms: (await listArms(p.deps.db, [EXPERIMENT])).map(toArmDesign) };
      for (const r of rows) assert.equal(assignArm(design, { ref: r.household_ref, municipalityCode: r.municipality_code, ordinal: r.ordinal }), r.arm_code);
      for (let h = 2; h <= 10; h++) {
        const s = await signalId(h === 2 ? 'cak-young' : `cak-${h}`);
        const c = await p.deps.db.selectFrom('cases').select('experiment_arm').where('id', '=', s.case_id!).executeTakeFirstOrThrow();
        const a = rows.find((r) => r.case_id === s.case_id)!;
        assert.equal(c.experiment_arm, `${EXPERIMENT}/${a.arm_code}`, 'the arm is on the case');
      }
      const utrecht = await signalId('cak-utrecht');
      assert.equal(utrecht.case_id, null, 'Utrecht is not matched in this run, nor in the experiment');
    });

    it('keeps a household in its arm when it signals again; the view counts households per arm', async () => {
      const before = await p.deps.db.selectFrom('experiment_assignments').select(['household_ref', 'arm_code', 'case_id']).where('experiment_id', '=', EXPERIMENT).execute();
      assert.equal((await post(cakSignal('cak-3-again', 3, { signalDate: '2025-05-28', amount: '400.00' }))).status, 201);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const after = await p.deps.db.selectFrom('experiment_assignments').select(['household_ref', 'arm_code', 'case_id']).where('experiment_id', '=', EXPERIMENT).execute();
      assert.deepEqual(after, before);
      const again = await signalId('cak-3-again');
      assert.equal(again.case_id, (await signalId('cak-3')).case_id);
      const view = await getExperimentView(p.deps, ministry(), EXPERIMENT);
      assert.equal(view.stage, 'running');
      assert.equal(view.dates.startedOn, TODAY);
      assert.equal(view.arms.reduce((s, a) => s + a.households, 0), 9);
      assert.deepEqual(view.flaggedSignals, [{ code: 'PRESELECTION_MIN_ARREAR_AGE', signals: 1 }]);
    });

    it('the art. 1.3 report reads the result against the pre-registered plan, per deck question, in the HTML and the PDF', async () => {
      const report = await buildArticleReport(p.deps, ministry(), { subjectId: EXPERIMENT });
      const lines = report.preRegistration!;
      assert.equal(lines.length, 3, 'the plan, then each of the two questions');
      assert.match(lines[0]!.nl, /^Vooraf geregistreerd, vastgelegd sinds de start/);
      assert.match(lines[1]!.nl, /^Toegevoegde waarde van het nieuwe signaal op zichzelf: alleen .* tegenover gecombineerd .* te weinig/);
      assert.match(lines[2]!.en, /no experiment groups compare this/);
      const html = renderReportHtml(report, 'en');
      assert.match(html, /<h3>Pre-registered analysis plan<\/h3>/);
    });

    it('stops enforcing as soon as the experiment stops (the in-memory configuration follows)', async () => {
      await moveExperimentStage(p.deps, ministry(), EXPERIMENT, { to: 'stopped', reason: 'evaluatie vervroegd' });
      assert.equal((await post(cakSignal('cak-low-after', 11, { amount: '120.00' }))).status, 201);
    });
  });
}
