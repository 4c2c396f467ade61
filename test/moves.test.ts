import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchAll } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { LocalBasisRegisters } from '../src/domain/routing/local-registers.ts';
import { loadPostcodeAreaRouter } from '../src/app/routing/load-postcode-areas.ts';
import { creditorVisibleStatus } from '../src/domain/feedback/creditor-feedback.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';

// Valid test BSNs (elfproef), one per person in the scenarios below.
const MOVED_TO_ROTTERDAM = '111222333';
const TAX_PAYER_MOVED = '123456782';
const STAYED = '999990019';
const MOVES_NEXT_YEAR = '999990020';
const UNKNOWN_TO_REGISTER = '999990032';
const TWO_ADDRESSES = '999990044';

const taxSignal = (reference: string, bsn: string): SignalInput => ({
  reference,
  signalType: 'municipal_tax',
  signalDate: '2025-03-01',
  municipalityCode: 'GM0363',
  amount: '412.00',
  components: { municipal_tax: '412.00' },
  arrearStartDate: '2024-10-01',
  bsn,
  person: { initials: 'J.', surname: 'Jansen' },
  address: { street: 'Damrak', houseNumber: '1', postcode: '1012 LG', city: 'Amsterdam' },
  socialCollection: rentSignal('x').socialCollection!,
});

// CAK (art. 2.4) may signal to the municipality where the resident lives; BSN allowed.
const cakSignal = (reference: string, bsn: string, houseNumber: string): SignalInput => ({
  reference,
  signalType: 'wmo_own_contribution',
  signalDate: '2025-03-01',
  municipalityCode: 'GM0363',
  amount: '150.00',
  arrearStartDate: '2024-09-01',
  bsn,
  person: { initials: 'M.', surname: 'Visser' },
  address: { street: 'Dorpsstraat', houseNumber, postcode: '1011AB', city: 'Amsterdam' },
  socialCollection: { ...rentSignal('x').socialCollection!, residentResponse: 'not_negative' },
});

for (const engine of ENGINES) {
  describe(`moves: the person register decides where a signal is worked (${engine.name})`, () => {
    let p: TestPlatform;
    const signal = (reference: string) =>
      signalsWithState(p.deps.db).selectAll('signals').select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow();

    before(async () => {
      const registers = new LocalBasisRegisters(await loadPostcodeAreaRouter());
      const rotterdam = { municipalityCode: 'GM0599', postcode: '3011AA', houseNumber: '5', street: 'Coolsingel', city: 'Rotterdam' };
      registers.persons.recordResidence(MOVED_TO_ROTTERDAM, { municipalityCode: 'GM0363', postcode: '1011AB', houseNumber: '12', since: '2010-01-01' });
      registers.persons.recordResidence(MOVED_TO_ROTTERDAM, { ...rotterdam, since: '2025-03-20' });
      registers.persons.recordResidence(TAX_PAYER_MOVED, { ...rotterdam, houseNumber: '7', since: '2025-03-10' });
      registers.persons.recordResidence(STAYED, { municipalityCode: 'GM0363', postcode: '1011AB', houseNumber: '14', since: '2001-05-01' });
      registers.persons.recordResidence(TWO_ADDRESSES, { municipalityCode: 'GM0363', postcode: '1017AB', houseNumber: '8', since: '2024-11-01' });
      registers.persons.recordResidence(MOVES_NEXT_YEAR, { ...rotterdam, houseNumber: '9', since: '2099-01-01' });
      p = await startTestPlatform(engine, { registers });

      const sent = await submitSignals(
        p.deps,
        systemContext('cak', 'test'),
        [
          cakSignal('mv-cak-moved', MOVED_TO_ROTTERDAM, '12'),
          cakSignal('mv-cak-stayed', STAYED, '14'),
          cakSignal('mv-cak-future', MOVES_NEXT_YEAR, '16'),
          cakSignal('mv-cak-unknown', UNKNOWN_TO_REGISTER, '18'),
          cakSignal('mv-cak-old-address', TWO_ADDRESSES, '20'),
          { ...cakSignal('mv-cak-new-address', TWO_ADDRESSES, '8'), address: { houseNumber: '8', postcode: '1017 AB', city: 'Amsterdam' } },
        ],
        { dryRun: false },
      );
      const taxSent = await submitSignals(p.deps, systemContext('belastingen-amsterdam', 'test'), [taxSignal('mv-tax-moved', TAX_PAYER_MOVED)], { dryRun: false });
      for (const o of [...sent, ...taxSent]) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
      await matchAll(p.deps, systemContext('platform-beheer', 'test', 'job'));
    });
    after(() => p.close());

    it('hands a signal to the municipality the resident moved to, where the rules allow it (CAK, art. 2.4)', async () => {
      const s = await signal('mv-cak-moved');
      assert.equal(s.municipality_code, 'GM0599');
      assert.equal(s.routed_from, 'GM0363');
      assert.equal(s.postcode, '3011AA');
      assert.equal(s.status, 'Nog niet opgepakt');
      assert.ok(s.case_id, 'matched into a case in the new municipality in the same matching call');
      const c = await p.deps.db.selectFrom('cases').selectAll().where('id', '=', s.case_id!).executeTakeFirstOrThrow();
      assert.equal(c.municipality_code, 'GM0599');
      assert.equal(c.address_key, s.address_key);
    });

    it('ends a signal the rules do not allow elsewhere with "Persoon is geen inwoner (meer) in de gemeente" (art. 2.1: own municipality only)', async () => {
      const s = await signal('mv-tax-moved');
      assert.equal(s.municipality_code, 'GM0363');
      assert.equal(s.status, 'Persoon is geen inwoner (meer) in de gemeente');
      assert.equal(s.case_id, null);
      assert.equal(creditorVisibleStatus(s.status), 'Persoon is geen inwoner (meer) in de gemeente');
    });

    it('keeps signals of residents who still live there, who move only later, or whom the register does not know', async () => {
      for (const ref of ['mv-cak-stayed', 'mv-cak-future', 'mv-cak-unknown']) {
        const s = await signal(ref);
        assert.equal(s.municipality_code, 'GM0363', ref);
        assert.equal(s.routed_from, null, ref);
        assert.ok(s.case_id, ref);
      }
    });

    it('matches one person known at two addresses into one case, at the address the register gives', async () => {
      const old = await signal('mv-cak-old-address');
      const now = await signal('mv-cak-new-address');
      assert.equal(old.case_id, now.case_id);
      assert.equal(old.routed_from, null, 'same municipality: not a hand-over');
      assert.equal(old.postcode, '1017AB');
    });

    it('records each register look-up and each hand-over in the audit trail, with pseudonyms only', async () => {
      const rows = await p.deps.db
        .selectFrom('audit_log')
        .select(['activity', 'detail', 'subject_pseudonyms'])
        .where('activity', 'in', ['person.residence-lookup', 'signal.hand-over'])
        .execute();
      assert.ok(rows.some((r) => r.activity === 'person.residence-lookup'));
      const handOver = rows.find((r) => r.activity === 'signal.hand-over');
      assert.ok(handOver);
      const text = JSON.stringify(rows);
      for (const bsn of [MOVED_TO_ROTTERDAM, TAX_PAYER_MOVED, STAYED]) assert.ok(!text.includes(bsn), 'no BSN in the audit trail');
    });
  });
}
