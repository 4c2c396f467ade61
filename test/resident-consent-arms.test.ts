import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { CONSENT_EXPERIMENT, CONSENT_TODAY, cakSignal, runConsentExperiment } from './helpers/consent-experiment.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { openReminder } from '../src/app/resident/open-reminder.ts';
import { recordChoice } from '../src/app/resident/record-choice.ts';
import type { ResidentChoice } from '../src/domain/resident/choice.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { householdArms, householdRef } from '../src/app/experiments/household-arms.ts';
import { addressKey } from '../src/domain/matching/normalise-address.ts';
import { countChoicesPerArm } from '../src/app/resident/choices-per-arm.ts';

const TRACE = { traceId: '0'.repeat(32), spanId: '0'.repeat(16) };
const WITH = 'met-toestemming';
const WITHOUT = 'zonder-toestemming';
const HOUSES = Array.from({ length: 12 }, (_, i) => i + 1);

const csvOf = (signals: SignalInput[]) =>
  [
    'reference,signal_type,signal_date,municipality_code,amount,arrear_start_date,initials,surname,street,house_number,postcode,city,personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response',
    ...signals.map((s) => [s.reference, s.signalType, s.signalDate, s.municipalityCode, s.amount, s.arrearStartDate, s.person!.initials, s.person!.surname, s.address!.street, s.address!.houseNumber, s.address!.postcode, s.address!.city, '2025-04-01', '2025-04-01', '2025-03-01', 'ja', 'none'].join(',')),
  ].join('\n');

/**
 * Issue 24 point 4 in every assignment method: an experiment whose arms "with" and "without prior
 * consent" are drawn per household (random, stratified) — not settled by the municipality — still
 * accepts a signal of a household drawn into the consent arm only with a recorded consent, on the
 * API and in a batch file, and matching keeps the draw intake made.
 */
for (const engine of ENGINES) {
  for (const method of ['random', 'stratified'] as const) {
    describe(`an arm with prior consent drawn ${method} per household binds at intake (${engine.name})`, () => {
      let p: Platform;
      let database: Awaited<ReturnType<(typeof engine)['open']>>;
      let key: string;
      /** Per house number in Amsterdam: whether its first signal was refused for lack of consent. */
      const refusedFirst = new Map<number, boolean>();
      const api = (path: string, body: unknown, type = 'application/json') =>
        fetch(`${p.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const send = async (s: SignalInput) => {
        const res = await api('/v1/signals', s);
        const body = (await res.json()) as { results?: Array<{ signalId?: string }>; invalidParams?: Array<{ code: string }> };
        return { status: res.status, code: body.invalidParams?.[0]?.code ?? null, signalId: body.results?.[0]?.signalId ?? null };
      };
      const choose = async (reference: string, house: number, choice: ResidentChoice) => {
        const res = await api('/v1/reminder-codes', { reminders: [{ reference, postcode: '1012LG', houseNumber: String(house), expiresOn: '2025-06-20' }] });
        const code = ((await res.json()) as { codes: Array<{ code: string }> }).codes[0]!.code;
        const r = await openReminder(p.deps, { client: `test-${reference}`, code, postcode: '1012LG', houseNumber: String(house), ...TRACE });
        assert.ok(r.ok);
        assert.deepEqual(await recordChoice(p.deps, TRACE, r.reminder, choice, 'code'), { recorded: true });
      };
      /** The arm of a house in Amsterdam: recorded, or (random) as drawn. */
      const armOf = async (house: number) => {
        const e = p.deps.experiments.running().find((x) => x.id === CONSENT_EXPERIMENT)!;
        const ref = householdRef(p.deps, 'GM0363', addressKey('1012LG', String(house), null)!);
        return (await householdArms(p.deps.db, e, [{ ref, municipality: 'GM0363' }], { record: false })).get(ref);
      };
      const caseArmOf = async (signalId: string) =>
        (await p.deps.db.selectFrom('signal_states as st').innerJoin('cases as c', 'c.id', 'st.case_id').select('c.experiment_arm').where('st.signal_id', '=', signalId).executeTakeFirstOrThrow()).experiment_arm;

      before(async () => {
        database = await engine.open();
        p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, matchingIntervalMs: 0, intakeWorkers: 0, now: () => new Date(`${CONSENT_TODAY}T10:00:00Z`) });
        key = p.seed!.apiKeys.find((k) => k.organisation === 'cak')!.token;
        await runConsentExperiment(p, method);
      });
      after(async () => {
        await p.stop();
        await database.drop();
      });

      it('a dry run judges by the draw but records no household', async () => {
        const res = await fetch(`${p.url}/v1/signals?dryRun=true`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ signals: HOUSES.map((h) => cakSignal(`dry-${h}`, h)) }),
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { results: Array<{ outcome: string; refusals: Array<{ code: string }> }> };
        const refused = body.results.filter((r) => r.outcome === 'refused');
        assert.ok(refused.length > 0 && refused.length < HOUSES.length, `some households drawn into each arm (${refused.length} of ${HOUSES.length} need consent)`);
        assert.ok(refused.every((r) => r.refusals[0]!.code === 'PRIOR_CONSENT_MISSING'));
        assert.equal((await p.deps.db.selectFrom('experiment_assignments').select('household_ref').execute()).length, 0, 'a dry run draws nothing for good');
      });

      it('over the API: a household drawn into the consent arm is refused without consent, the other accepted; the draw is stable and matching keeps it', async () => {
        const accepted: string[] = [];
        for (const h of HOUSES) {
          const r = await send(cakSignal(`a-${h}`, h));
          assert.ok(r.status === 201 || r.code === 'PRIOR_CONSENT_MISSING', `house ${h}: ${r.status} ${r.code}`);
          refusedFirst.set(h, r.status !== 201);
          assert.equal(await armOf(h), r.status === 201 ? WITHOUT : WITH, `house ${h}: the outcome follows the household's arm`);
          if (r.signalId) accepted.push(r.signalId);
        }
        const refused = [...refusedFirst.values()].filter(Boolean).length;
        assert.ok(refused > 0 && refused < HOUSES.length, `both arms drawn (${refused} of ${HOUSES.length} in the consent arm)`);
        if (method === 'stratified') assert.equal(refused, HOUSES.length / 2, 'balanced within the municipality: three blocks of four');
        // The same household again, under a new reference: the same arm, the same outcome.
        for (const h of HOUSES.slice(0, 4)) assert.equal((await send(cakSignal(`a2-${h}`, h))).status === 201, !refusedFirst.get(h), `house ${h} again`);
        await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
        for (const id of accepted) assert.equal(await caseArmOf(id), `${CONSENT_EXPERIMENT}/${WITHOUT}`, 'matching keeps the arm intake judged by');
        const cases = await p.deps.db.selectFrom('cases').select('experiment_arm').where('municipality_code', '=', 'GM0363').where('experiment_arm', '=', `${CONSENT_EXPERIMENT}/${WITH}`).execute();
        assert.equal(cases.length, 0, 'no case in the consent arm without a consent');
        if (method === 'stratified') {
          const rows = await p.deps.db.selectFrom('experiment_assignments').select(['arm_code', 'case_id']).where('experiment_id', '=', CONSENT_EXPERIMENT).execute();
          assert.equal(rows.length, HOUSES.length, 'every household drawn once, at intake');
          assert.ok(rows.every((r) => (r.arm_code === WITHOUT) === (r.case_id !== null)), 'the accepted households got their case at matching; the refused have none');
        }
      });

      it('consent on the page lets the next signal of a consent-arm household through, into the consent arm', async () => {
        const h = HOUSES.find((x) => refusedFirst.get(x))!;
        await choose(`c-${h}`, h, 'consented');
        const r = await send(cakSignal(`c-${h}`, h));
        assert.equal(r.status, 201);
        await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
        assert.equal(await caseArmOf(r.signalId!), `${CONSENT_EXPERIMENT}/${WITH}`);
      });

      it('an objection is honoured in the arm without consent', async () => {
        const h = HOUSES.find((x) => !refusedFirst.get(x))!;
        await choose(`o-${h}`, h, 'objected');
        const r = await send(cakSignal(`o-${h}`, h));
        assert.equal(r.status, 422);
        assert.equal(r.code, 'RESIDENT_OBJECTED');
      });

      it('a batch file applies the same draw: known households as before, new ones drawn in the chunk', async () => {
        const fresh = [21, 22, 23, 24, 25, 26, 27, 28];
        const houses = [...HOUSES, ...fresh];
        const up = await api('/v1/batches', csvOf(houses.map((h) => cakSignal(`b-${h}`, h))), 'text/csv');
        assert.ok(up.status === 201 || up.status === 202, `upload: ${up.status}`);
        const batchId = ((await up.json()) as { id: string }).id;
        // Refused rows keep their reference (a missing consent is no objection); accepted ones are stored signals.
        const refused = new Map((await p.deps.db.selectFrom('batch_rows').select(['reference', 'outcome', 'refusals']).where('batch_id', '=', batchId).execute()).map((r) => [r.reference, r]));
        const stored = new Set((await p.deps.db.selectFrom('signals').select('reference').where('batch_id', '=', batchId).execute()).map((r) => r.reference));
        assert.equal(refused.size + stored.size, houses.length);
        for (const h of houses) {
          const needsConsent = (await armOf(h)) === WITH;
          if (refusedFirst.has(h)) assert.equal(needsConsent, refusedFirst.get(h), `house ${h} keeps its arm`);
          assert.equal(stored.has(`b-${h}`), !needsConsent, `house ${h} is stored only in the arm without consent`);
          if (needsConsent) assert.equal((refused.get(`b-${h}`)?.refusals as Array<{ code: string }>)[0]!.code, 'PRIOR_CONSENT_MISSING');
        }
        const freshRefused = fresh.filter((h) => refused.has(`b-${h}`)).length;
        if (method === 'stratified') assert.equal(freshRefused, fresh.length / 2, 'two more blocks of four');
      });

      it("the evaluation counts the residents' choices in the household's arm", async () => {
        assert.deepEqual(await countChoicesPerArm(p.deps, { from: '2000-01-01', to: '2100-12-31', experiment: CONSENT_EXPERIMENT }), [
          { arm: `${CONSENT_EXPERIMENT}/${WITH}`, objected: 0, consented: 1, help: 0 },
          { arm: `${CONSENT_EXPERIMENT}/${WITHOUT}`, objected: 1, consented: 0, help: 0 },
        ]);
      });
    });
  }
}
