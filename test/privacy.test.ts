import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';
import { insertUser } from '../src/db/repositories/users.ts';
import { hashPassword } from '../src/app/auth/passwords.ts';

const BSN = '111222333';
const social = rentSignal('x').socialCollection!;
const JANSEN = { street: 'Damrak', houseNumber: '1', postcode: '1012LG', city: 'Amsterdam' };

function taxSignal(reference: string, o: Partial<SignalInput> = {}): SignalInput {
  return {
    reference,
    signalType: 'municipal_tax',
    signalDate: '2025-03-14',
    municipalityCode: 'GM0363',
    amount: '412.00',
    components: { municipal_tax: '412.00' },
    arrearStartDate: '2024-10-01',
    bsn: BSN,
    person: { initials: 'J.', surname: 'Jansen' },
    address: JANSEN,
    phone: '0612345678',
    socialCollection: social,
    ...o,
  };
}

async function login(p: TestPlatform, email: string) {
  const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 201, email);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

for (const engine of ENGINES) {
  describe(`data-subject rights and objections (${engine.name})`, () => {
    let p: TestPlatform;
    let worker: { cookie: string; csrf: string };
    let rotterdam: { cookie: string; csrf: string };
    let admin: { cookie: string; csrf: string };
    let officer: { cookie: string; csrf: string };
    let rotterdamOfficer: { cookie: string; csrf: string };
    const call = (who: { cookie: string; csrf: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${p.url}${path}`, {
        method,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const send = async (org: string, signals: SignalInput[]) => {
      const out = await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false });
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
      return out.map((o) => o.signalId!);
    };
    const signal = (reference: string) => signalsWithState(p.deps.db).selectAll('signals').select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow();

    before(async () => {
      p = await startTestPlatform(engine);
      await send('belastingen-amsterdam', [taxSignal('p-tax')]);
      await send('demo-woningcorporatie', [
        rentSignal('p-rent-jansen', { person: { initials: 'J.', surname: 'Jansen' }, address: JANSEN }),
        rentSignal('p-rent-other', { person: { surname: 'Pietersen' }, address: JANSEN }),
        rentSignal('p-two-a', { person: { surname: 'Smit' }, address: { postcode: '1013AA', houseNumber: '5' } }),
      ]);
      await send('demo-energieleverancier', [{ ...rentSignal('p-two-b', { person: { surname: 'Smit' }, address: { postcode: '1013AA', houseNumber: '5' } }), signalType: 'gas' }]);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      worker = await login(p, 'medewerker@amsterdam.demo');
      rotterdam = await login(p, 'medewerker@rotterdam.demo');
      admin = await login(p, 'beheer@amsterdam.demo');
      officer = await login(p, 'privacy@amsterdam.demo');
      await insertUser(p.deps.db, { organisationId: 'GM0599', email: 'privacy@rotterdam.test', displayName: 'Privacy Rotterdam', passwordHash: await hashPassword(DEMO_PASSWORD), roles: ['municipal_privacy_officer'] });
      rotterdamOfficer = await login(p, 'privacy@rotterdam.test');
    });
    after(async () => p.close());

    it('refuses a signal the resident objected to before it was sent, keeping not even its reference or pseudonym', async () => {
      const objected = rentSignal('p-objected-before', { address: { postcode: '1019AA', houseNumber: '77' } });
      objected.socialCollection = { ...social, residentResponse: 'objected' };
      const key = p.keyOf('demo-woningcorporatie');
      const single = await fetch(`${p.url}/v1/signals`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(objected) });
      assert.equal(single.status, 422);
      const dry = await fetch(`${p.url}/v1/signals?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(objected) });
      assert.equal(dry.status, 200);
      const csv = [CSV_HEADER, rentCsvRow('p-objected-csv', { postcode: '1019AA' }).replace(/,none$/, ',objected')].join('\n');
      const batch = await fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: csv });
      assert.ok(batch.status < 300);
      const stored = await sql<{ n: number }>`select count(*)::int as n from signals where reference like 'p-objected%' or postcode = '1019AA'`.execute(p.deps.db);
      assert.equal(stored.rows[0]!.n, 0);
      const rows = await sql<{ reference: string | null; refusals: Array<{ code: string }> }>`select reference, refusals from batch_rows`.execute(p.deps.db);
      const row = rows.rows.find((r) => r.refusals?.some((x) => x.code === 'RESIDENT_OBJECTED'));
      assert.ok(row, 'the sender still learns the row was refused, and why');
      assert.equal(row.reference, null);
      const pseudonym = p.deps.pseudonymize('address', '1019AA|77|');
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where ${pseudonym} = any(subject_pseudonyms)`.execute(p.deps.db);
      assert.equal(audit.rows[0]!.n, 0);
    });

    it('gives a person access to everything held about them, found by BSN, as JSON — and records it', async () => {
      assert.equal((await call(worker, 'POST', '/v1/subject-access-requests', { bsn: BSN })).status, 403, 'for the privacy officer, not every worker');
      const res = await call(officer, 'POST', '/v1/subject-access-requests', { bsn: BSN });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const doc = (await res.json()) as { foundBy: string; signals: Array<{ reference: string; bsn: string | null; sender: string }>; cases: Array<{ signalCount: number }>; retention: { unpickedSignalMonths: number }; processing: Array<{ activity: string }> };
      assert.equal(doc.foundBy, 'bsn');
      assert.deepEqual(doc.signals.map((s) => s.reference).sort(), ['p-rent-jansen', 'p-tax'], 'the BSN signal and the same-name signal in its case; not the other household');
      assert.equal(doc.signals.find((s) => s.reference === 'p-tax')!.sender, 'belastingen-amsterdam');
      assert.equal(doc.cases.length, 1);
      assert.equal(doc.retention.unpickedSignalMonths, 6);
      // The senders' own processing (their intake) is theirs to answer for: only Amsterdam's records.
      assert.ok(doc.processing.length > 0 && doc.processing.every((x) => (x as { organisation?: string }).organisation === 'GM0363'));
      const logged = await p.deps.db.selectFrom('audit_log').selectAll().where('activity', '=', 'subject.access').where('outcome', '=', 'success').execute();
      assert.equal(logged.length, 1);
      assert.ok(logged[0]!.subject_pseudonyms.includes(p.deps.pseudonymize('bsn', BSN)));
      assert.doesNotMatch(JSON.stringify(logged[0]), new RegExp(BSN));
    });

    it('renders the access document as HTML, in English on request, found by address and surname', async () => {
      const res = await call(officer, 'POST', '/v1/subject-access-requests', { postcode: '1012 lg', houseNumber: '1', surname: 'Pietersen' }, { accept: 'text/html', 'accept-language': 'en' });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const html = await res.text();
      assert.match(html, /<html lang="en">/);
      assert.match(html, /Pietersen/);
      assert.doesNotMatch(html, /Jansen/, 'another household at the address is left out');
    });

    it('shows another municipality nothing, refuses senders, and says what is wrong with a bad query', async () => {
      const other = await call(rotterdamOfficer, 'POST', '/v1/subject-access-requests', { bsn: BSN });
      assert.equal(other.status, 200);
      assert.deepEqual(((await other.json()) as { signals: unknown[] }).signals, []);
      const sender = await fetch(`${p.url}/v1/subject-access-requests`, { method: 'POST', headers: { authorization: `Bearer ${p.keyOf('demo-woningcorporatie')}`, 'content-type': 'application/json' }, body: JSON.stringify({ bsn: BSN }) });
      assert.equal(sender.status, 403);
      const bad = await call(officer, 'POST', '/v1/subject-access-requests', { bsn: '123456789' });
      assert.equal(bad.status, 400);
      const problem = (await bad.json()) as { invalidParams: Array<{ name: string; reason: string }> };
      assert.equal(problem.invalidParams[0]!.name, 'bsn');
      assert.match(problem.invalidParams[0]!.reason, /eleven test/);
    });

    it('rectifies a field with its derived keys, recording which field but not the value', async () => {
      const s = await signal('p-rent-other');
      const res = await call(worker, 'POST', '/v1/rectifications', { signalId: String(s.id), field: 'person.surname', value: 'van Pieterse' });
      assert.equal(res.status, 200);
      const after = await signal('p-rent-other');
      assert.equal(after.surname, 'van Pieterse');
      assert.equal(after.surname_key, 'pieterse');
      assert.equal(after.content_hash, s.content_hash, 'a re-send of the original stays a duplicate');
      const audit = await p.deps.db.selectFrom('audit_log').select(['detail']).where('activity', '=', 'subject.rectify').executeTakeFirstOrThrow();
      assert.deepEqual(audit.detail, { field: 'person.surname', cleared: false });
      const badBsn = await call(worker, 'POST', '/v1/rectifications', { signalId: String(s.id), field: 'bsn', value: '123456789' });
      assert.equal(badBsn.status, 400);
      const clearSurname = await call(worker, 'POST', '/v1/rectifications', { signalId: String(s.id), field: 'person.surname', value: '' });
      assert.equal(clearSurname.status, 400);
      const noWork = await call(admin, 'POST', '/v1/rectifications', { signalId: String(s.id), field: 'phone', value: '0201234567' });
      assert.equal(noWork.status, 403);
      const elsewhere = await call(rotterdam, 'POST', '/v1/rectifications', { signalId: String(s.id), field: 'phone', value: '0201234567' });
      assert.equal(elsewhere.status, 404, "another municipality's signal does not exist for them");
    });

    it('handles an objection after matching: personal data gone, processing stopped, case deleted, a tombstone left', async () => {
      const tax = await signal('p-tax');
      const caseId = tax.case_id!;
      const res = await call(worker, 'POST', '/v1/objections', { subject: { bsn: BSN }, reason: 'Wil geen hulp via de gemeente' });
      assert.equal(res.status, 201);
      const handled = (await res.json()) as { objection: string | null };
      assert.match(handled.objection ?? '', /^[0-9a-f-]{36}$/, 'the registration comes back, to withdraw it later');
      assert.deepEqual(handled, { signals: 2, casesDeleted: 1, casesKept: 0, registered: true, objection: handled.objection });
      // the API keeps the reason the screen takes, and lists it
      const listed = (await (await call(officer, 'GET', '/v1/objections')).json()) as Array<{ id: string; reason: string | null; keys: number }>;
      assert.deepEqual(listed.find((o) => o.id === handled.objection)?.reason, 'Wil geen hulp via de gemeente');
      for (const ref of ['p-tax', 'p-rent-jansen']) {
        const s = await signal(ref);
        assert.equal(s.status, 'Niet opgepakt: andere reden');
        assert.equal(s.case_id, null);
        for (const col of ['bsn', 'bsn_pseudonym', 'initials', 'surname', 'street', 'house_number', 'postcode', 'city', 'phone', 'email', 'surname_key'] as const) assert.equal(s[col], null, `${ref}.${col}`);
        assert.equal(s.subject_pseudonym, '');
      }
      assert.equal(await p.deps.db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst(), undefined);
      const tomb = await p.deps.db.selectFrom('deletion_log').selectAll().where('kind', '=', 'objection').executeTakeFirstOrThrow();
      assert.equal(tomb.signals, 2);
      assert.equal(tomb.cases, 1);
      assert.doesNotMatch(JSON.stringify(tomb), /Jansen|Damrak|1012LG|111222333/);
      // The sender sees "not picked up", never the reason; re-sending stores nothing new.
      const fb = await fetch(`${p.url}/v1/signals?reference=p-tax`, { headers: { authorization: `Bearer ${p.keyOf('belastingen-amsterdam')}` } });
      assert.equal(((await fb.json()) as Array<{ status: string }>)[0]!.status, 'Niet opgepakt');
      const again = await submitSignals(p.deps, systemContext('belastingen-amsterdam', 'test'), [taxSignal('p-tax')], { dryRun: false });
      assert.equal(again[0]!.outcome, 'refused', 'a re-send is refused for the objection (it stores nothing either way)');
      const r = await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      assert.equal(r.signals, 0, 'an objected signal is never matched again');
      const access = (await (await call(officer, 'POST', '/v1/subject-access-requests', { bsn: BSN })).json()) as { signals: unknown[]; cases: unknown[] };
      assert.deepEqual([access.signals.length, access.cases.length], [0, 0]);
    });

    it('keeps a case that still holds other signals when one signal is objected to, and recounts it', async () => {
      const a = await signal('p-two-a');
      const res = await call(worker, 'POST', '/v1/objections', { signalIds: [String(a.id)] });
      const handled = (await res.json()) as { objection: string | null };
      assert.deepEqual(handled, { signals: 1, casesDeleted: 0, casesKept: 1, registered: true, objection: handled.objection });
      assert.ok(handled.objection);
      const c = await p.deps.db.selectFrom('cases').selectAll().where('id', '=', (await signal('p-two-b')).case_id!).executeTakeFirstOrThrow();
      assert.equal(c.signal_count, 1);
      assert.deepEqual(c.signal_types, ['gas']);
      const none = await call(rotterdam, 'POST', '/v1/objections', { signalIds: [String((await signal('p-two-b')).id)] });
      assert.deepEqual(await none.json(), { signals: 0, casesDeleted: 0, casesKept: 0, registered: false, objection: null }, 'another municipality cannot touch it');
    });

    it('lists objections with their reason and withdraws one through the API; bad input is problem+json', async () => {
      const res = await call(worker, 'POST', '/v1/objections', { subject: { postcode: '1014 AB', houseNumber: '9', surname: 'Visser' }, reason: 'Regelt het zelf met de schuldeiser' });
      assert.equal(res.status, 201);
      const { objection } = (await res.json()) as { objection: string };
      const list = async () => (await (await call(officer, 'GET', '/v1/objections')).json()) as Array<{ id: string; reason: string | null; registeredBy: string; registeredAt: string }>;
      const mine = (await list()).find((o) => o.id === objection)!;
      assert.equal(mine.reason, 'Regelt het zelf met de schuldeiser');
      assert.ok(mine.registeredBy.length > 0 && !Number.isNaN(Date.parse(mine.registeredAt)));
      assert.equal((await call(rotterdamOfficer, 'DELETE', `/v1/objections/${objection}`)).status, 404, "another municipality's objection does not exist for it");
      assert.equal((await call(admin, 'GET', '/v1/objections')).status, 403, 'an administrator does not handle objections');
      assert.equal((await call(officer, 'DELETE', `/v1/objections/${objection}`)).status, 204);
      assert.ok(!(await list()).some((o) => o.id === objection), 'withdrawn');
      assert.equal((await call(officer, 'DELETE', `/v1/objections/${objection}`)).status, 404);
      const tooLong = await call(worker, 'POST', '/v1/objections', { signalIds: ['1'], reason: 'x'.repeat(501) });
      assert.equal(tooLong.status, 400);
      assert.match(tooLong.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal((await call(officer, 'DELETE', '/v1/objections/not-an-id')).status, 400);
    });

    it('lets a coordinator read and set retention terms, refusing unsafe ones with the reason', async () => {
      const coordinator = await login(p, 'coordinator@amsterdam.demo');
      const get = await call(coordinator, 'GET', '/v1/retention-settings');
      assert.equal(get.status, 200);
      assert.deepEqual(((await get.json()) as { policy: unknown; own: boolean }).policy, { unpickedSignalMonths: 6, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 });
      const unsafe = await call(coordinator, 'PUT', '/v1/retention-settings', { unpickedSignalMonths: 1, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 48 });
      assert.equal(unsafe.status, 400);
      const problem = (await unsafe.json()) as { code: string; invalidParams: Array<{ name: string; code: string; reason: string }> };
      assert.equal(problem.code, 'UNSAFE_RETENTION');
      assert.deepEqual(problem.invalidParams.map((i) => i.name), ['unpickedSignalMonths', 'caseMonthsAfterClosing', 'unpickedSignalMonths']);
      assert.match(problem.invalidParams[0]!.reason, /art\. 4 Wgs/);
      const ok = await call(coordinator, 'PUT', '/v1/retention-settings', { unpickedSignalMonths: 6, pickedUpSignalMonths: 9, caseMonthsAfterClosing: 12 });
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { own: boolean }).own, true);
      assert.equal((await call(worker, 'PUT', '/v1/retention-settings', { unpickedSignalMonths: 6, pickedUpSignalMonths: 9, caseMonthsAfterClosing: 12 })).status, 403);
    });
  });
}
