import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import { readSeedExperiments } from '../src/app/seed/seed-experiments.ts';
import { GROUND_RULES } from '../src/domain/experiments/ground-rules.ts';

interface Session {
  get(path: string): Promise<Response>;
  send(method: string, path: string, body: unknown): Promise<Response>;
}

async function login(p: TestPlatform, email: string): Promise<Session> {
  const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 201, email);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    get: (path) => fetch(`${p.url}${path}`, { headers: { cookie } }),
    send: (method, path, body) =>
      fetch(`${p.url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = async (r: Response): Promise<Json> => (await r.json()) as Json;

for (const engine of ENGINES) {
  describe(`experiments register and API (${engine.name})`, () => {
    let p: TestPlatform;
    let szw: Session;
    let amsterdam: Session;
    before(async () => {
      p = await startTestPlatform(engine);
      szw = await login(p, 'beheer@szw.demo');
      amsterdam = await login(p, 'coordinator@amsterdam.demo');
    });
    after(async () => p.close());

    it('holds the deck’s experiments after the first start, in their stages', async () => {
      const list = (await json(await szw.get('/v1/experiments'))) as unknown as Json[];
      const stage = Object.fromEntries(list.map((e) => [e.id, e.stage]));
      assert.deepEqual(stage, Object.fromEntries(readSeedExperiments().map((e) => [e.id, e.stage])));
      assert.equal(stage['gemeentelijke-belastingen'], 'running');
      assert.equal(stage.hypotheken, 'running');
      assert.equal(stage.toeslagen, 'plan');
      assert.equal(stage.duo, 'plan');
      assert.equal(stage['cak-eigen-bijdragen'], 'regulation_in_force');
      for (const id of ['waterschapsbelasting', 'wmo-eigen-bijdragen', 'cjib']) assert.equal(stage[id], 'idea');
      for (const id of ['uwv', 'svb']) {
        assert.equal(stage[id], 'stopped');
        assert.ok(list.find((e) => e.id === id)!.stopReason.length > 5, `${id} has its stop reason`);
      }
      const running = (await json(await szw.get('/v1/experiments?stage=running'))) as unknown as Json[];
      assert.deepEqual(running.map((e) => e.id).sort(), ['gemeentelijke-belastingen', 'hypotheken']);
    });

    it('shows the designation from the rule book, not a stored copy', async () => {
      const e = await json(await szw.get('/v1/experiments/hypotheken'));
      assert.deepEqual(e.ruleIds, ['tr-2.2-mortgage']);
      const versions = e.designation.versions as Json[];
      assert.deepEqual(
        versions.map((v) => v.regulationVersion),
        ['2022-01-01', '2023-05-01', '2024-04-01', '2025-05-16'].map((d) => `tijdelijke-regeling-signaal-betalingsachterstanden/${d}`),
      );
      assert.ok(!versions[1]!.senders.includes('Syntrus Achmea Real Estate & Finance'));
      assert.ok(versions[2]!.senders.includes('Syntrus Achmea Real Estate & Finance'));
      assert.equal(versions[2]!.citation.article, '2.2');
      const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name like 'experiment%'`.execute(p.deps.db);
      assert.ok(!columns.rows.some((c) => /sender|municipalities_designated|data_categories|valid_from/.test(c.column_name)), 'who/what/when is not stored with the experiment');
      const cak = await json(await szw.get('/v1/experiments/cak-eigen-bijdragen'));
      assert.deepEqual(cak.designation.missingRuleIds, []);
      assert.equal(cak.designation.from, '2024-04-01');
    });

    it('lets a participant see only its own experiments; others do not exist for it', async () => {
      const mine = ((await json(await amsterdam.get('/v1/experiments'))) as unknown as Json[]).map((e) => e.id).sort();
      assert.deepEqual(mine, ['gemeentelijke-belastingen', 'hypotheken']);
      assert.equal((await amsterdam.get('/v1/experiments/toeslagen')).status, 404);
      const collector = await login(p, 'aanlevering@belastingen-amsterdam.demo');
      assert.equal((await collector.get('/v1/experiments/gemeentelijke-belastingen')).status, 200);
      assert.equal((await collector.send('PATCH', '/v1/experiments/gemeentelijke-belastingen', { summary: 'x', reason: 'test' })).status, 403, 'a sender reads, it does not steer');
      const evaluator = await login(p, 'evaluator@szw.demo');
      assert.equal((await evaluator.get('/v1/experiments/duo')).status, 200);
      const denied = await evaluator.send('POST', '/v1/experiments/duo/stage-transitions', { to: 'stopped', reason: 'geen budget' });
      assert.equal(denied.status, 403);
      assert.match(denied.headers.get('content-type') ?? '', /application\/problem\+json/);
    });

    it('carries an experiment from initiative to regulation in force, refusing each step whose conditions are unmet', async () => {
      const created = await amsterdam.send('POST', '/v1/experiments', {
        id: 'cak-pilot-amsterdam',
        nameNl: 'CAK-pilot Amsterdam',
        nameEn: 'CAK pilot Amsterdam',
        signalType: 'wmo_own_contribution',
        researchQuestions: [{ nl: 'Wat is de meerwaarde van het signaal?', en: 'What is the added value of the signal?' }],
        reason: 'Initiatief van Amsterdam en het CAK',
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('location'), '/v1/experiments/cak-pilot-amsterdam');
      const body = await json(created);
      assert.equal(body.stage, 'initiative');
      assert.deepEqual(body.participants.map((x: Json) => x.organisationId), ['GM0363'], 'the initiator takes part');
      const move = (s: Session, to: string, reason = `naar ${to}`, extra: Json = {}) => s.send('POST', '/v1/experiments/cak-pilot-amsterdam/stage-transitions', { to, reason, ...extra });

      assert.equal((await move(amsterdam, 'idea')).status, 201);
      assert.equal((await move(amsterdam, 'plan')).status, 201);
      const skip = await move(amsterdam, 'approved');
      assert.equal(skip.status, 409);
      assert.equal((await json(skip)).code, 'TRANSITION_NOT_ALLOWED');

      const early = await move(amsterdam, 'submitted');
      assert.equal(early.status, 422);
      const problem = await json(early);
      const unmet = (problem.invalidParams as Json[]).filter((x) => x.code === 'GROUND_RULE_UNMET').map((x) => x.name).sort();
      assert.deepEqual(unmet, GROUND_RULES.map((g) => `groundRules.${g.code}`).sort(), 'every unmet ground rule is named');
      assert.ok((problem.invalidParams as Json[]).some((x) => x.code === 'NO_CREDITOR'));

      for (const g of GROUND_RULES.filter((x) => x.code !== 'max_duration_5_years')) {
        const r = await amsterdam.send('PUT', `/v1/experiments/cak-pilot-amsterdam/ground-rules/${g.code}`, { met: true, note: 'in plan v0.8 §3', reason: 'uitgewerkt in het plan' });
        assert.equal(r.status, 200, g.code);
      }
      const computed = await amsterdam.send('PUT', '/v1/experiments/cak-pilot-amsterdam/ground-rules/max_duration_5_years', { met: true, note: '', reason: 'afvinken' });
      assert.equal(computed.status, 400, 'the duration follows from the dates');
      const tooLong = await amsterdam.send('PATCH', '/v1/experiments/cak-pilot-amsterdam', { plan80On: '2026-01-10', plannedStart: '2026-03-01', plannedEnd: '2031-06-30', reason: 'planning' });
      const tl = await json(tooLong);
      assert.equal(tl.groundRules.find((g: Json) => g.code === 'max_duration_5_years').met, false);
      assert.equal(tl.planning.startTooEarly, true);
      assert.equal(tl.planning.earliestStart, '2026-05-10');
      await amsterdam.send('PATCH', '/v1/experiments/cak-pilot-amsterdam', { plannedStart: '2026-06-01', plannedEnd: '2029-05-31', reason: 'binnen vijf jaar' });
      const parts = await amsterdam.send('PUT', '/v1/experiments/cak-pilot-amsterdam/participants', {
        participants: [
          { organisationId: 'GM0363', role: 'municipality', contacts: [{ name: 'Mohamed El Amrani', function: 'projectleider', email: 'coordinator@amsterdam.demo' }] },
          { organisationId: 'cak', role: 'creditor', contacts: [{ name: 'Vaste contactpersoon CAK', email: 'signalen@cak.demo' }] },
        ],
        reason: 'CAK doet mee',
      });
      assert.equal(parts.status, 200);
      const wrongRole = await amsterdam.send('PUT', '/v1/experiments/cak-pilot-amsterdam/participants', { participants: [{ organisationId: 'cak', role: 'municipality', contacts: [] }, { organisationId: 'GM0363', role: 'municipality', contacts: [] }], reason: 'fout' });
      assert.equal(wrongRole.status, 400);

      assert.equal((await move(amsterdam, 'submitted', 'ingediend bij SZW')).status, 201);
      const notMine = await move(amsterdam, 'approved');
      assert.equal(notMine.status, 403);
      assert.equal((await json(notMine)).code, 'NOT_YOUR_TRANSITION');
      const approved = await json(await move(szw, 'approved', 'akkoord na aanpassing van de selectie', { approvedWithChanges: true }));
      assert.equal(approved.approvedWithChanges, true);

      await szw.send('PATCH', '/v1/experiments/cak-pilot-amsterdam', { ruleIds: ['ws-3-water-board-tax'], reason: 'verkeerde regel' });
      const notInBook = await move(szw, 'regulation_in_force', 'regeling gepubliceerd');
      assert.equal(notInBook.status, 422);
      assert.equal((await json(notInBook)).code, 'DESIGNATION_MISSING');
      await szw.send('PATCH', '/v1/experiments/cak-pilot-amsterdam', { ruleIds: ['tr-2.4-cak-wmo'], reason: 'art. 2.4 TR' });
      const inForce = await json(await move(szw, 'regulation_in_force', 'Stcrt. 2024, 10148'));
      assert.equal(inForce.stage, 'regulation_in_force');
      assert.equal(inForce.designation.versions[0].ruleId, 'tr-2.4-cak-wmo');
      const fixed = await szw.send('PATCH', '/v1/experiments/cak-pilot-amsterdam', { ruleIds: ['tr-2.2-mortgage'], reason: 'toch hypotheken' });
      assert.equal(fixed.status, 409, 'the designation is the rule book’s once in force');

      // Today (the test machine's date) is after the TR lapsed, and there is no AP advice yet.
      const start = await move(amsterdam, 'running', 'start');
      assert.equal(start.status, 422);
      const codes = ((await json(start)).invalidParams as Json[]).map((x) => x.code);
      assert.ok(codes.includes('AP_ADVICE_MISSING') && codes.includes('PUBLICATION_MISSING'), codes.join());
      assert.ok(codes.includes('AP_ADVICE_DOCUMENT_MISSING') && codes.includes('PUBLICATION_DOCUMENT_MISSING'), 'ground rules 7 and 8: the documents themselves, not only their dates');

      const stopped = await json(await move(amsterdam, 'stopped', 'regeling vervallen per 1 januari 2026'));
      assert.equal(stopped.stage, 'stopped');
      assert.equal(stopped.stopReason, 'regeling vervallen per 1 januari 2026');
      assert.equal((await move(szw, 'running', 'alsnog')).status, 409, 'stopped is final');
    });

    it('records every change with who, when and why, and audits it', async () => {
      const history = (await json(await amsterdam.get('/v1/experiments/cak-pilot-amsterdam/history'))) as unknown as Json[];
      const stages = history.filter((h) => h.kind === 'stage').map((h) => `${h.fromStage}→${h.toStage}`);
      assert.deepEqual(stages, ['initiative→idea', 'idea→plan', 'plan→submitted', 'submitted→approved', 'approved→regulation_in_force', 'regulation_in_force→stopped']);
      const approval = history.find((h) => h.toStage === 'approved')!;
      assert.equal(approval.reason, 'akkoord na aanpassing van de selectie');
      assert.equal(approval.actor.organisationId, 'szw');
      assert.ok(history.every((h) => h.reason.length >= 3 && h.actor.label && !Number.isNaN(Date.parse(h.occurredAt))));
      assert.ok(history.some((h) => h.kind === 'ground_rule') && history.some((h) => h.kind === 'participants') && history.some((h) => h.kind === 'updated'));
      const refusedSteps = history.filter((h) => h.kind === 'stage').length;
      assert.equal(refusedSteps, 6, 'refused transitions change nothing and are not in the history');
      assert.ok(!JSON.stringify(history).includes('signalen@cak.demo'), 'contact details stay out of the history');
      const audit = await p.deps.db.selectFrom('audit_log').select(['activity']).where('object_type', '=', 'experiment').where(sql<boolean>`'cak-pilot-amsterdam' = any(object_ids)`).execute();
      const activities = new Set(audit.map((a) => a.activity));
      for (const a of ['experiment.created', 'experiment.stage', 'experiment.participants', 'experiment.read']) assert.ok(activities.has(a), a);
    });

    it('declares pre-selection, checks a signal against it, and checks capacity', async () => {
      const bad = await szw.send('PUT', '/v1/experiments/gemeentelijke-belastingen/preselection-rules', { rules: [{ kind: 'min_amount', mode: 'declared', description: '' }], reason: 'test' });
      assert.equal(bad.status, 400);
      const set = await szw.send('PUT', '/v1/experiments/gemeentelijke-belastingen/preselection-rules', {
        rules: [
          { kind: 'min_amount', amount: 300, mode: 'flag', description: 'boven € 300' },
          { kind: 'min_arrear_age_months', months: 3, mode: 'enforce', description: 'ten minste drie maanden' },
          { kind: 'declared', mode: 'declared', description: 'BsGW selecteert op inwoners zonder betalingsregeling', selectedBy: 'bsgw' },
        ],
        reason: 'selectie verfijnd na het eerste jaar',
      });
      assert.equal(set.status, 200);
      const check = (b: Json) => amsterdam.send('POST', '/v1/experiments/gemeentelijke-belastingen/preselection-checks', b).then(json);
      assert.equal((await check({ signalDate: '2025-05-01', amount: '312.50', arrearStartDate: '2025-01-01' })).decision, 'accepted');
      const flagged = await check({ signalDate: '2025-05-01', amount: 120, arrearStartDate: '2025-01-01' });
      assert.equal(flagged.decision, 'flagged');
      assert.match(flagged.flags[0].message, /€ 300,00/);
      assert.equal((await check({ signalDate: '2025-05-01', amount: 500, arrearStartDate: '2025-04-01' })).decision, 'refused');

      const cap = await json(await amsterdam.get('/v1/experiments/gemeentelijke-belastingen/capacity-check'));
      const by = Object.fromEntries((cap.lines as Json[]).map((l) => [l.municipalityCode, l]));
      assert.equal(by.GM0363.verdict, 'fits');
      assert.equal(by.GM0599.verdict, 'over_capacity');
      assert.equal(by.GM0505.verdict, 'capacity_missing');
      assert.equal(cap.fits, false);
      const own = await amsterdam.send('PUT', '/v1/experiments/gemeentelijke-belastingen/capacity', {
        capacity: [
          { municipalityCode: 'GM0363', capacityPerMonth: 500, expectedPerMonth: 250 },
          { municipalityCode: 'GM0599', capacityPerMonth: 150, expectedPerMonth: 200 },
        ],
        reason: 'extra formatie',
      });
      assert.equal(own.status, 200);
      const others = await amsterdam.send('PUT', '/v1/experiments/gemeentelijke-belastingen/capacity', { capacity: [{ municipalityCode: 'GM0363', capacityPerMonth: 500 }, { municipalityCode: 'GM0599', capacityPerMonth: 999, expectedPerMonth: 200 }], reason: 'x' + 'yz' });
      assert.equal(others.status, 400, 'a municipality speaks only for itself');
    });

    it('fixes the arms once running; bad input is problem+json saying what and why', async () => {
      const running = await szw.send('PUT', '/v1/experiments/hypotheken/arms', { method: 'random', seed: 's', arms: [{ code: 'a', nameNl: 'A', nameEn: 'A', combineWithOtherSignals: true }, { code: 'b', nameNl: 'B', nameEn: 'B', combineWithOtherSignals: false }], reason: 'test' });
      assert.equal(running.status, 409);
      const noSeed = await szw.send('PUT', '/v1/experiments/toeslagen/arms', { method: 'random', arms: [{ code: 'a', nameNl: 'A', nameEn: 'A', combineWithOtherSignals: true }, { code: 'b', nameNl: 'B', nameEn: 'B', combineWithOtherSignals: false }], reason: 'test' });
      assert.equal(noSeed.status, 400);
      assert.match((await json(noSeed)).detail, /seed/);
      const noReason = await szw.send('PATCH', '/v1/experiments/toeslagen', { summary: 'x' });
      assert.equal(noReason.status, 400);
      assert.ok(((await json(noReason)).invalidParams as Json[]).some((x) => x.name === 'reason'));
      const toeslagen = await json(await szw.get('/v1/experiments/toeslagen'));
      assert.deepEqual(toeslagen.arms.map((a: Json) => [a.code, a.treatment.showOtherSignals]), [['alleen-nieuw-signaal', false], ['gecombineerd', true]]);
      assert.equal((await szw.get('/v1/experiments/bestaat-niet')).status, 404);
    });
  });
}
