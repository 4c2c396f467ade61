import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { CONSENT_TODAY, cakSignal, runConsentExperiment } from './helpers/consent-experiment.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { openReminder } from '../src/app/resident/open-reminder.ts';
import { recordChoice } from '../src/app/resident/record-choice.ts';
import { explainReminder } from '../src/app/resident/explain-reminder.ts';
import type { ResidentChoice } from '../src/domain/resident/choice.ts';
import { exportDdas } from '../src/app/ddas/export-ddas.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { forgetResidentReminders } from '../src/app/resident/forget-reminders.ts';
import { countChoicesPerArm, residentChoicesPerArm } from '../src/app/resident/choices-per-arm.ts';
import { webLogin } from './helpers/web.ts';
import type { TestPlatform } from './helpers/platform.ts';

const TRACE = { traceId: '0'.repeat(32), spanId: '0'.repeat(16) };

const csvOf = (signals: SignalInput[]) =>
  [
    'reference,signal_type,signal_date,municipality_code,amount,arrear_start_date,initials,surname,street,house_number,postcode,city,personal_contact_attempted_on,debt_assistance_referred_on,reminder_sent_on,agreement_offered_in_reminder,resident_response',
    ...signals.map((s) => [s.reference, s.signalType, s.signalDate, s.municipalityCode, s.amount, s.arrearStartDate, s.person!.initials, s.person!.surname, s.address!.street, s.address!.houseNumber, s.address!.postcode, s.address!.city, '2025-04-01', '2025-04-01', '2025-03-01', 'ja', 'none'].join(',')),
  ].join('\n');

for (const engine of ENGINES) {
  describe(`the resident's own page: codes, choices and intake (${engine.name})`, () => {
    let p: Platform;
    let database: Awaited<ReturnType<(typeof engine)['open']>>;
    let key: string;
    const codes = new Map<string, string>();
    let helpSignalId = '';
    const api = (path: string, body: unknown, type = 'application/json') =>
      fetch(`${p.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const choose = async (reference: string, postcode: string, house: string, choice: ResidentChoice) => {
      const r = await openReminder(p.deps, { client: `test-${reference}`, code: codes.get(reference)!, postcode, houseNumber: house, ...TRACE });
      assert.ok(r.ok, `the code of ${reference} opens its reminder`);
      return recordChoice(p.deps, TRACE, r.reminder, choice, 'code');
    };
    const submit = async (s: SignalInput) => (await (await api('/v1/signals', s)).json()) as { results?: Array<{ outcome: string; signalId?: string; refusals: Array<{ code: string; citation?: { article: string; item?: string } }> }>; invalidParams?: Array<{ code: string }> };

    before(async () => {
      database = await engine.open();
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, matchingIntervalMs: 0, intakeWorkers: 0, now: () => new Date(`${CONSENT_TODAY}T10:00:00Z`) });
      key = p.seed!.apiKeys.find((k) => k.organisation === 'cak')!.token;
      await runConsentExperiment(p);
    });
    after(async () => {
      await p.stop();
      await database.drop();
    });

    it('issues a code per reminder, hashed, once per reference, with reasons for the ones it refuses', async () => {
      const reminders = [
        ...['ams-obj', 'ams-consent', 'ams-none', 'ams-help', 'ams-batch-obj', 'ams-batch-consent'].map((reference, i) => ({ reference, postcode: '1012 lg', houseNumber: String(i + 1), expiresOn: '2025-06-20' })),
        ...['rdam-none', 'rdam-obj'].map((reference, i) => ({ reference, postcode: '3011AD', houseNumber: String(i + 1), expiresOn: '2025-06-20' })),
        { reference: 'bad', postcode: '12345', expiresOn: '2025-06-20' },
        { reference: 'late', postcode: '1012LG', expiresOn: '2025-05-01' },
      ];
      const res = await api('/v1/reminder-codes', { reminders });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { codes: Array<{ reference: string; code?: string; problem?: string; message?: string }> };
      for (const c of body.codes) if (c.code) codes.set(c.reference, c.code);
      assert.equal(codes.size, 8);
      for (const c of codes.values()) assert.match(c, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      assert.deepEqual(body.codes.filter((c) => c.problem).map((c) => c.problem), ['POSTCODE_INVALID', 'EXPIRY_OUT_OF_RANGE']);
      const stored = await p.deps.db.selectFrom('resident_reminders').select('code_hash').execute();
      for (const s of stored) for (const c of codes.values()) assert.ok(!s.code_hash.includes(c.replace(/-/g, '')), 'only a hash is kept');
      const again = (await (await api('/v1/reminder-codes', { reminders: [reminders[0]] })).json()) as { codes: Array<{ problem?: string }> };
      assert.equal(again.codes[0]!.problem, 'REFERENCE_HAS_CODE');
      const invalid = await api('/v1/reminder-codes', { reminders: [] });
      assert.equal(invalid.status, 400);
      assert.match(invalid.headers.get('content-type') ?? '', /application\/problem\+json/);
    });

    it('explains what may be shared without anything the visitor did not type', async () => {
      const r = await openReminder(p.deps, { client: 'explain', code: codes.get('ams-none')!.toLowerCase().replace(/-/g, ' '), postcode: '1012lg', houseNumber: '3', ...TRACE });
      assert.ok(r.ok);
      const e = await explainReminder(p.deps, r.reminder);
      assert.equal(e.municipality?.code, 'GM0363');
      assert.equal(e.from, '2025-06-21');
      assert.ok(e.signals.length > 0, 'what CAK may pass, from the rules in force');
      assert.ok(e.signals.every((s) => s.dataCategories.length > 0 && s.designation.article));
      assert.ok(!JSON.stringify(e).includes('250'), 'never an amount');
    });

    it('refuses a signal the resident objected to, citing TR art. 1.2 d — over the API and in a batch file', async () => {
      assert.deepEqual(await choose('ams-obj', '1012LG', '1', 'objected'), { recorded: true });
      const res = await submit(cakSignal('ams-obj', 1));
      const refusal = (res.results ?? [])[0]?.refusals[0] ?? (res.invalidParams ?? [])[0];
      assert.equal(refusal?.code, 'RESIDENT_OBJECTED');
      assert.ok(!(await p.deps.db.selectFrom('signals').select('id').where('reference', '=', 'ams-obj').executeTakeFirst()), 'nothing stored');

      assert.deepEqual(await choose('rdam-obj', '3011AD', '2', 'objected'), { recorded: true }, 'an arm without prior consent still honours an objection');
      assert.deepEqual(await choose('ams-batch-obj', '1012LG', '5', 'objected'), { recorded: true });
      assert.deepEqual(await choose('ams-batch-consent', '1012LG', '6', 'consented'), { recorded: true });
      const up = await api('/v1/batches', csvOf([cakSignal('ams-batch-obj', 5), cakSignal('rdam-obj', 2, 'rdam'), cakSignal('ams-batch-consent', 6), cakSignal('rdam-none', 1, 'rdam')]), 'text/csv');
      assert.ok(up.status === 201 || up.status === 202, `upload: ${up.status}`);
      const batchId = ((await up.json()) as { id: string }).id;
      const rows = await p.deps.db.selectFrom('batch_rows').select(['row_no', 'outcome', 'refusals', 'reference']).where('batch_id', '=', batchId).orderBy('row_no').execute();
      const refused = rows.filter((r) => r.outcome === 'refused');
      assert.equal(refused.length, 2, 'the two objections');
      for (const r of refused) {
        const first = (r.refusals as Array<{ code: string; citation: { article: string; item: string } }>)[0]!;
        assert.equal(first.code, 'RESIDENT_OBJECTED');
        assert.deepEqual([first.citation.article, first.citation.item], ['1.2', 'd']);
        assert.equal(r.reference, null, 'not even the reference is kept');
      }
      const stored = await p.deps.db.selectFrom('signals').select('reference').where('batch_id', '=', batchId).orderBy('reference').execute();
      assert.deepEqual(stored.map((s) => s.reference), ['ams-batch-consent', 'rdam-none'], 'consent in the consent arm, none needed in the other');
      // The creditor sees the objection in its feedback on the file: the reason and the article, not the reference.
      const results = await fetch(`${p.url}/v1/batches/${batchId}/results`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(results.status, 200);
      const lines = (await results.text()).split(/\r?\n/).filter((l) => l.includes('RESIDENT_OBJECTED'));
      assert.equal(lines.length, 2, 'both objections are in the results');
      for (const l of lines) {
        assert.match(l, /1\.2 onder d/, `the article is cited: ${l}`);
        assert.ok(!l.includes('ams-batch-obj') && !l.includes('rdam-obj'), 'without the reference');
      }
    });

    it('accepts a signal in an arm with prior consent only with a recorded consent', async () => {
      const none = await submit(cakSignal('ams-none', 3));
      const refusal = (none.results ?? [])[0]?.refusals[0] ?? (none.invalidParams ?? [])[0];
      assert.equal(refusal?.code, 'PRIOR_CONSENT_MISSING');
      assert.deepEqual(await choose('ams-consent', '1012LG', '2', 'consented'), { recorded: true });
      const ok = await api('/v1/signals', cakSignal('ams-consent', 2));
      assert.equal(ok.status, 201);
      // The choice is final once the signal arrived.
      const r = await openReminder(p.deps, { client: 'after', code: codes.get('ams-consent')!, postcode: '1012LG', houseNumber: '2', ...TRACE });
      assert.ok(r.ok);
      assert.deepEqual(await recordChoice(p.deps, TRACE, r.reminder, 'objected', 'code'), { recorded: false, reason: 'closed' });
      assert.equal((await explainReminder(p.deps, r.reminder)).sent, true);
    });

    it('a choice can be changed or withdrawn until the signal arrives; every choice and refused change is audited without code, address or e-mail', async () => {
      const r = await openReminder(p.deps, { client: 'change', code: codes.get('ams-none')!, postcode: '1012LG', houseNumber: '3', ...TRACE });
      assert.ok(r.ok);
      assert.deepEqual(await recordChoice(p.deps, TRACE, r.reminder, 'help', 'code'), { recorded: true });
      assert.equal((await explainReminder(p.deps, r.reminder)).changeable, true, 'no signal yet: the choice can still change');
      assert.deepEqual(await recordChoice(p.deps, TRACE, r.reminder, null, 'code'), { recorded: true }, 'withdrawn');
      const row = await p.deps.db.selectFrom('resident_reminders').select(['choice', 'chosen_at']).where('reference', '=', 'ams-none').executeTakeFirstOrThrow();
      assert.deepEqual(row, { choice: null, chosen_at: null });
      const audit = await p.deps.db.selectFrom('audit_log').select(['outcome', 'detail', 'organisation_id']).where('activity', '=', 'resident.choice').orderBy('id').execute();
      const seen = audit.map((a) => `${a.outcome}:${(a.detail as { choice: string }).choice}`);
      for (const expected of ['success:objected', 'success:consented', 'success:help', 'success:withdrawn', 'refused:objected']) assert.ok(seen.includes(expected), `audited: ${expected} (${seen.join(', ')})`);
      assert.ok(audit.every((a) => a.organisation_id === 'cak'), 'under the creditor the reminder belongs to');
      const text = JSON.stringify(audit);
      for (const c of codes.values()) assert.ok(!text.includes(c) && !text.includes(c.replace(/-/g, '')), 'no code');
      assert.ok(!/1012|3011|@/.test(text), 'no postcode or e-mail address');
    });

    it('lets a help request through as a warm transfer in the DDAS export', async () => {
      assert.deepEqual(await choose('ams-help', '1012LG', '4', 'help'), { recorded: true });
      const res = await api('/v1/signals', cakSignal('ams-help', 4));
      assert.equal(res.status, 201);
      const id = ((await res.json()) as { results: Array<{ signalId: string }> }).results[0]!.signalId;
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const out = await exportDdas(p.deps, systemContext('GM0363', 'test', 'job'), { aanleverperiodeStartdatum: '2025-05-01', aanleverperiodeEinddatum: '2025-06-30' }, { supplierCode: 'test', clientDetail: 'none' });
      const found: Array<{ ID: string; warmeOverdracht?: boolean }> = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if ('crisissignaal' in v && 'ID' in v) found.push(v as { ID: string; warmeOverdracht?: boolean });
          Object.values(v).forEach(walk);
        }
      };
      walk(out.gegevens);
      assert.ok(found.length >= 2, 'the signals of the period are exported');
      assert.deepEqual(found.filter((s) => s.warmeOverdracht === true).map((s) => s.ID), [id], 'only the help request is a warm transfer');
      helpSignalId = id;
    });

    it('flags the case of a help request as a warm transfer on its page and in the worklist, in Dutch and English', async () => {
      const state = await p.deps.db.selectFrom('signal_states').select('case_id').where('signal_id', '=', helpSignalId).executeTakeFirstOrThrow();
      const caseId = state.case_id!;
      assert.ok(caseId, 'the help request is matched into a case');
      const other = await p.deps.db.selectFrom('signal_states').select('case_id').where('municipality_code', '=', 'GM0363').where('case_id', 'is not', null).where('case_id', '!=', caseId).executeTakeFirstOrThrow();
      // webLogin only needs the Fastify instance to inject into.
      const worker = await webLogin(p as TestPlatform, 'medewerker@amsterdam.demo');
      const flag = { nl: 'Inwoner vraagt om contact (warme overdracht)', en: 'Resident asks to be contacted (warm transfer)' };
      for (const lang of ['nl', 'en'] as const) {
        const page = await worker.get(`/zaken/${caseId}?lang=${lang}`);
        assert.equal(page.status, 200);
        assert.ok(page.html.includes(flag[lang]), `the case page shows the flag (${lang})`);
        const row = await worker.get(`/werklijst?q=${caseId}&lang=${lang}`);
        assert.match(row.html, new RegExp(`href="/zaken/${caseId}">${caseId}</a>.*${flag[lang].replace(/[()]/g, '\\$&')}`, 's'), `the worklist row shows the flag (${lang})`);
      }
      const plain = await worker.get(`/zaken/${other.case_id}?lang=nl`);
      assert.equal(plain.status, 200);
      assert.ok(!plain.html.includes(flag.nl), 'a case without a help request has no flag');
      assert.ok(!(await worker.get(`/werklijst?q=${other.case_id}`)).html.includes(flag.nl), 'nor has its worklist row');
    });

    it('throttles guessing: wrong tries lock the client, and then even the right code is refused for a while', async () => {
      const tryCode = (code: string) => openReminder(p.deps, { client: 'guesser', code, postcode: '1012LG', houseNumber: '3', ...TRACE });
      const outcomes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await tryCode(`AAAA-BBBB-CC${String(i + 2)}${String(i + 2)}`);
        outcomes.push(r.ok ? 'ok' : r.reason);
      }
      assert.deepEqual(outcomes, ['no_match', 'no_match', 'no_match', 'no_match', 'locked', 'locked']);
      const right = await tryCode(codes.get('ams-none')!);
      assert.equal(right.ok ? 'ok' : right.reason, 'locked');
      // Another client trying this postcode is locked too (the postcode's own count).
      const other = await openReminder(p.deps, { client: 'someone-else', code: codes.get('ams-none')!, postcode: '1012LG', houseNumber: '3', ...TRACE });
      assert.equal(other.ok ? 'ok' : other.reason, 'locked');
      const audit = await p.deps.db.selectFrom('audit_log').select(['detail']).where('activity', '=', 'resident.open').execute();
      assert.ok(audit.length >= 6);
      for (const a of audit) assert.ok(!JSON.stringify(a.detail).includes('1012'), 'no postcode in the audit trail');
    });

    it('counts objections, consents and help requests per experiment arm: in the period, of the caller\'s municipalities, small counts suppressed', async () => {
      const always = { from: '2000-01-01', to: '2100-12-31' };
      assert.deepEqual(await countChoicesPerArm(p.deps, always), [
        { arm: 'cak-eigen-bijdragen/met-toestemming', objected: 2, consented: 2, help: 1 },
        { arm: 'cak-eigen-bijdragen/zonder-toestemming', objected: 1, consented: 0, help: 0 },
      ]);
      assert.deepEqual(await countChoicesPerArm(p.deps, { from: '2000-01-01', to: '2000-12-31' }), [], 'none made in that period');
      assert.deepEqual(await countChoicesPerArm(p.deps, { ...always, experiment: 'another-experiment' }), []);
      const published = await residentChoicesPerArm(p.deps, always);
      assert.deepEqual(published[0], { arm: 'cak-eigen-bijdragen/met-toestemming', objected: null, consented: null, help: null }, 'under 10: suppressed');
      assert.equal(published[1]!.consented, 0, 'zero tells nothing about a person');
      // and the dashboard's arm comparison carries them (suppressed) for the ministry
      const szw = await webLogin(p as TestPlatform, 'evaluator@szw.demo');
      const api = await szw.get(`/v1/evaluation/arm-comparisons?from=2000-01-01&to=2100-12-31&experiment=cak-eigen-bijdragen`);
      assert.equal(api.status, 200, api.html);
      const body = JSON.parse(api.html) as { residentChoices: unknown[] };
      assert.deepEqual(body.residentChoices[0], published[0]);
    });

    it("forgets codes and choices after the municipality's term, keeping those whose signal still exists", async () => {
      assert.equal(await forgetResidentReminders(p.deps, new Date('2025-09-01T10:00:00Z')), 0, 'within the term nothing goes');
      const n = await forgetResidentReminders(p.deps, new Date('2026-01-15T10:00:00Z'));
      const left = await p.deps.db.selectFrom('resident_reminders').select(['reference', 'signal_id']).execute();
      assert.ok(n > 0);
      assert.ok(left.length > 0 && left.every((r) => r.signal_id !== null), 'a reminder whose signal exists stays with it');
    });
  });
}
