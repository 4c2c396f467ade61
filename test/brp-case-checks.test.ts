import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchAll } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { checkNewCasesWithBrp } from '../src/app/brp/check-cases.ts';
import { openCase } from '../src/app/worklist/open-case.ts';
import { startBrpStub, stubConnection, type BrpStub } from '../src/simulation/brp-stub/server.ts';
import { residenceOn, type StubAddress, type StubPerson } from '../src/simulation/brp-stub/residents.ts';
import { HaalCentraalMunicipalBrp } from '../src/infra/brp/haal-centraal-brp.ts';
import { ageOn } from '../src/domain/routing/brp-register.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import type { AppDeps } from '../src/app/context.ts';
import { userContext, webLogin } from './helpers/web.ts';
import { brpChecksJob } from '../src/jobs/brp-checks.ts';

const TODAY = '2026-01-15';
const SIGNAL_DATE = '2025-08-01';

const addressOf = (a: StubAddress) => ({
  street: a.street,
  houseNumber: String(a.houseNumber),
  ...(a.houseLetter || a.houseNumberAddition ? { houseNumberAddition: a.houseLetter ?? a.houseNumberAddition! } : {}),
  postcode: a.postcode,
  city: a.city,
});

/** A landlord's rent signal (no BSN: the Besluit does not give the landlord one) about a person at an address. */
const rentAbout = (reference: string, p: { givenName: string; surname: string }, a: StubAddress): SignalInput =>
  rentSignal(reference, { signalDate: SIGNAL_DATE, municipalityCode: a.municipalityCode, person: { initials: `${p.givenName[0]}.`, surname: p.surname }, address: addressOf(a) });

/** CAK (art. 2.4) signals with a BSN, to the municipality where the resident lives. */
const cakAbout = (reference: string, p: StubPerson, a: StubAddress): SignalInput => ({
  reference,
  signalType: 'wmo_own_contribution',
  signalDate: SIGNAL_DATE,
  municipalityCode: a.municipalityCode,
  amount: '150.00',
  arrearStartDate: '2025-03-01',
  bsn: p.bsn,
  person: { initials: `${p.givenName[0]}.`, surname: p.surname },
  address: addressOf(a),
  socialCollection: { ...rentSignal('x').socialCollection!, residentResponse: 'not_negative' },
});

for (const engine of ENGINES) {
  describe(`BRP checks on a case against the local BRP stub (${engine.name})`, () => {
    let p: TestPlatform;
    let stub: BrpStub;
    let brp: HaalCentraalMunicipalBrp;
    let clock = new Date(`${TODAY}T08:00:00Z`);
    let deps: AppDeps;
    const job = () => systemContext('platform-beheer', 'brp-checks', 'job');
    type Family = { address: StubAddress; named: StubPerson; size: number };
    const families: Family[] = [];
    let family: Family;
    const refs = { found: 'brp-found', notFound: 'brp-not-found', deceased: 'brp-deceased', moved: 'brp-moved', down: 'brp-down' };

    const signal = (reference: string) => signalsWithState(p.deps.db).selectAll('signals').select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow();
    const check = async (reference: string) => {
      const s = await signal(reference);
      assert.ok(s.case_id, `${reference} is in a case`);
      return p.deps.db.selectFrom('case_brp_checks').selectAll().where('case_id', '=', s.case_id).executeTakeFirstOrThrow();
    };
    const deliver = async (org: string, signals: SignalInput[]) => {
      const out = await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false });
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o));
      await matchAll(p.deps, systemContext('platform-beheer', 'test', 'job'));
    };

    before(async () => {
      stub = await startBrpStub({ today: () => TODAY });
      const conn = (municipality: string) => stubConnection(stub, municipality, { timeoutMs: 2000, retries: 1, concurrency: 4 });
      brp = new HaalCentraalMunicipalBrp([conn('GM0363'), conn('GM0599')]);
      p = await startTestPlatform(engine);
      deps = { ...p.deps, brp, now: () => clock };

      // A household in Amsterdam with a minor on the signal date and one adult whose surname and initial no one else there shares.
      for (const [, people] of stub.register.byAddressableObject) {
        const living = people.filter((x) => !x.deathDate && residenceOn(x, SIGNAL_DATE) && residenceOn(x, TODAY)?.address === residenceOn(x, SIGNAL_DATE)!.address);
        const address = living[0] && residenceOn(living[0], TODAY)!.address;
        if (!address || address.municipalityCode !== 'GM0363' || living.length !== people.length || living.length < 2) continue;
        if (!living.some((x) => ageOn(x.birthDate, SIGNAL_DATE) < 18)) continue;
        const named = living.find((x) => ageOn(x.birthDate, SIGNAL_DATE) >= 18 && living.filter((y) => y.surname === x.surname && y.givenName[0] === x.givenName[0]).length === 1);
        if (named) families.push({ address, named, size: living.length });
        if (families.length === 2) break;
      }
      assert.equal(families.length, 2, 'the stub has families with a minor');
      family = families[0]!;
      const { deceased, moved } = stub.register.edgeCases;
      const dead = stub.register.persons.get(deceased.bsn)!;
      const mover = stub.register.persons.get(moved.bsn)!;
      await deliver('demo-woningcorporatie', [
        rentAbout(refs.found, family.named, family.address),
        rentAbout(refs.notFound, { givenName: 'Xander', surname: 'Onbekend-Niemand' }, family.address),
        rentAbout(refs.deceased, dead, dead.residences[dead.residences.length - 1]!.address),
      ]);
      await deliver('cak', [cakAbout(refs.moved, mover, moved.from)]);
    });
    after(async () => {
      await p.close();
      await brp.close();
      await stub.close();
    });

    it('finds a resident with the name at the address, with the household on the signal date', async () => {
      const runs = await checkNewCasesWithBrp(deps, job());
      assert.equal(runs.find((r) => r.municipality === 'GM0363')?.checked, 4);
      const c = await check(refs.found);
      assert.equal(c.status, 'checked');
      assert.equal(c.outcome, 'match');
      assert.equal(c.resident_count, family.size);
      assert.equal(c.minors_present, true);
      assert.equal(c.peildatum, SIGNAL_DATE);
      const s = await signal(refs.found);
      const kase = await p.deps.db.selectFrom('cases').select(['status']).where('id', '=', s.case_id!).executeTakeFirstOrThrow();
      assert.equal(kase.status, 'open');
    });

    it('says so when nobody with the name lives at the address, and keeps no composition of other people', async () => {
      const c = await check(refs.notFound);
      assert.equal(c.outcome, 'no_resident');
      assert.equal(c.resident_count, null);
      assert.equal(c.minors_present, null);
    });

    it('closes the case of a deceased resident with "Inwoner is overleden", found by name and address', async () => {
      const c = await check(refs.deceased);
      assert.equal(c.outcome, 'deceased');
      const s = await signal(refs.deceased);
      assert.equal(s.status, 'Inwoner is overleden');
      const kase = await p.deps.db.selectFrom('cases').select(['status', 'result']).where('id', '=', s.case_id!).executeTakeFirstOrThrow();
      assert.deepEqual(kase, { status: 'closed', result: 'Inwoner is overleden' });
    });

    it('hands the signals of a resident who moved out to the new municipality and closes the case with "Persoon is geen inwoner (meer)"', async () => {
      const { moved } = stub.register.edgeCases;
      const old = await p.deps.db
        .selectFrom('case_brp_checks')
        .innerJoin('cases', 'cases.id', 'case_brp_checks.case_id')
        .select(['case_brp_checks.outcome', 'case_brp_checks.moved_to', 'cases.status', 'cases.result', 'cases.municipality_code'])
        .where('case_brp_checks.outcome', '=', 'moved_out')
        .executeTakeFirstOrThrow();
      assert.deepEqual(old, { outcome: 'moved_out', moved_to: 'GM0599', status: 'closed', result: 'Persoon is geen inwoner (meer) in de gemeente', municipality_code: 'GM0363' });
      await matchAll(p.deps, systemContext('platform-beheer', 'test', 'job'));
      const s = await signal(refs.moved);
      assert.equal(s.municipality_code, 'GM0599');
      assert.equal(s.routed_from, 'GM0363');
      assert.equal(s.postcode, moved.to.postcode);
      assert.ok(s.case_id, 'matched into a case in the new municipality');
      const kase = await p.deps.db.selectFrom('cases').select(['municipality_code', 'status']).where('id', '=', s.case_id).executeTakeFirstOrThrow();
      assert.deepEqual(kase, { municipality_code: 'GM0599', status: 'open' });
      // Rotterdam has the BRP on too: its new case is checked there, and the person lives there.
      await checkNewCasesWithBrp(deps, job());
      const there = await check(refs.moved);
      assert.equal(there.municipality_code, 'GM0599');
      assert.equal(there.outcome, 'match');
    });

    it('keeps a check no longer than its case (deleted with it)', async () => {
      const { sql } = await import('kysely');
      const fk = await sql<{ confdeltype: string }>`select confdeltype from pg_constraint where conrelid = 'case_brp_checks'::regclass and contype = 'f'`.execute(p.deps.db);
      assert.deepEqual(fk.rows, [{ confdeltype: 'c' }]);
    });

    it('records every BRP query in the audit trail as a processing, without a BSN or name', async () => {
      const rows = await p.deps.db.selectFrom('audit_log').select(['activity', 'object_ids', 'subject_pseudonyms', 'detail', 'outcome']).where('activity', 'like', 'brp.%').execute();
      const kinds = new Set(rows.map((r) => r.activity));
      for (const k of ['brp.persons', 'brp.residents-at-address', 'brp.occupancy']) assert.ok(kinds.has(k), k);
      assert.ok(rows.some((r) => r.activity === 'brp.persons' && r.subject_pseudonyms.length > 0), 'the BSN of the CAK signal is recorded as its pseudonym');
      const { deceased, moved } = stub.register.edgeCases;
      const text = JSON.stringify(rows) + JSON.stringify(await p.deps.db.selectFrom('case_brp_checks').selectAll().execute());
      for (const secret of [deceased.bsn, moved.bsn, family.named.bsn, family.named.surname]) assert.ok(!text.includes(secret), 'no BSN or name in the audit trail or the check');
    });

    it('lets a case wait with a clear status when the BRP is down, and checks it again later; nothing is lost', async () => {
      stub.setDown(true);
      const other = families[1]!;
      await deliver('demo-woningcorporatie', [rentAbout(refs.down, other.named, other.address)]);
      const [run] = (await checkNewCasesWithBrp(deps, job())).filter((r) => r.municipality === 'GM0363');
      assert.equal(run!.unavailable, 1);
      let c = await check(refs.down);
      assert.equal(c.status, 'brp_unavailable');
      assert.equal(c.attempts, 1);
      assert.equal(c.outcome, null);
      assert.ok(c.next_try_at > clock, 'a next try is set');
      assert.match(c.last_error ?? '', /BRP did not answer/);
      const s = await signal(refs.down);
      const kase = await p.deps.db.selectFrom('cases').select(['status']).where('id', '=', s.case_id!).executeTakeFirstOrThrow();
      assert.equal(kase.status, 'open', 'the case waits, open');
      const page = await (await webLogin(p, 'medewerker@amsterdam.demo')).get(`/zaken/${s.case_id!}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /BRP niet bereikbaar, wordt opnieuw geprobeerd/);
      const failed = await p.deps.db.selectFrom('audit_log').select(['outcome']).where('activity', 'like', 'brp.%').where('outcome', '=', 'error').execute();
      assert.ok(failed.length > 0, 'the attempt is in the audit trail');

      // Back up, but the next try has not come: nothing is asked.
      stub.setDown(false);
      await checkNewCasesWithBrp(deps, job());
      assert.equal((await check(refs.down)).status, 'brp_unavailable');
      clock = new Date(clock.getTime() + 6 * 60_000);
      await checkNewCasesWithBrp(deps, job());
      c = await check(refs.down);
      assert.equal(c.status, 'checked');
      assert.equal(c.attempts, 2);
      assert.equal(c.outcome, 'match');
      assert.equal(c.minors_present, true);
    });

    it('runs as a scheduled job for the municipalities with the BRP on, and as nothing without a BRP', async () => {
      const job = brpChecksJob();
      assert.equal(job.cron, '* * * * *');
      assert.deepEqual(await job.run(deps), { municipalities: 2, checked: 0, unavailable: 0, closed: 0, handedOver: 0 });
      assert.deepEqual(await job.run(p.deps), { municipalities: 0 });
      assert.ok(!p.jobs.jobs.some((j) => j.name === job.name), 'no BRP, no job in the queue');
    });

    it('gives the case page the check and the household composition', async () => {
      const ctx = await userContext(p, 'medewerker@amsterdam.demo');
      const view = await openCase(deps, ctx, (await signal(refs.found)).case_id!, () => []);
      assert.equal(view.brpCheck?.status, 'checked');
      assert.equal(view.brpCheck?.outcome, 'match');
      assert.equal(view.brpCheck?.residentCount, family.size);
      assert.equal(view.brpCheck?.minorsPresent, true);
      const page = await (await webLogin(p, 'medewerker@amsterdam.demo')).get(`/zaken/${view.case.id}`);
      assert.match(page.html, /Inwoner met deze naam woont op dit adres/);
      assert.match(page.html, new RegExp(`Aantal bewoners op de peildatum</dt><dd[^>]*>${family.size}<`));
      assert.match(page.html, /Minderjarigen in het huishouden<\/dt><dd[^>]*>ja</);
      assert.match(page.html, /Gecontroleerd in de BRP: Inwoner met deze naam woont op dit adres/, 'a line in the timeline');
    });
  });
}
