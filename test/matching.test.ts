import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import {  } from '../src/db/repositories/signal-state.ts';

const social = rentSignal('x').socialCollection!;

function energy(reference: string, o: Partial<SignalInput> = {}): SignalInput {
  return { ...rentSignal(reference), signalType: 'gas', ...o };
}

for (const engine of ENGINES) {
  describe(`matching signals into cases (${engine.name})`, () => {
    let p: TestPlatform;
    const send = async (org: string, signals: SignalInput[]) => {
      const out = await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false });
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
    };
    const caseOf = async (reference: string) =>
      (await p.deps.db.selectFrom('signals').innerJoin('signal_states', 'signal_states.signal_id', 'signals.id').innerJoin('cases', 'cases.id', 'signal_states.case_id').selectAll('cases').select(['signal_states.status as signal_status']).where('signals.reference', '=', reference).executeTakeFirstOrThrow());

    before(async () => {
      p = await startTestPlatform(engine);
      // One household written three ways, a second household at the same address, and a mortgage signal (no BSN).
      await send('demo-woningcorporatie', [
        rentSignal('m-rent', { address: { postcode: '1011 ab', houseNumber: '12', houseNumberAddition: 'a' }, person: { prefix: 'van der', surname: 'Meer' } }),
        rentSignal('m-other-household', { address: { postcode: '1011AB', houseNumber: '12-A' }, person: { surname: 'Yılmaz' } }),
      ]);
      await send('demo-energieleverancier', [
        energy('m-gas', { address: { postcode: '1011AB', houseNumber: '12A' }, person: { surname: 'van der Meer' } }),
        energy('m-crisis', { address: { postcode: '1012AB', houseNumber: '3' }, person: { surname: 'Bakker' }, crisis: true }),
      ]);
      await send('aegon', [
        {
          reference: 'm-mortgage',
          signalType: 'mortgage',
          signalDate: '2025-03-14',
          municipalityCode: 'GM0363',
          amount: '1850.00',
          person: { surname: 'Meer', prefix: 'van der' },
          address: { postcode: '1011AB', houseNumber: '12', houseNumberAddition: 'A' },
          socialCollection: social,
        },
        {
          reference: 'm-lonely-mortgage',
          signalType: 'mortgage',
          signalDate: '2025-03-14',
          municipalityCode: 'GM0363',
          amount: '950.00',
          person: { surname: 'Dekker' },
          address: { postcode: '1017AB', houseNumber: '8' },
          socialCollection: social,
        },
      ]);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    });
    after(async () => p.close());

    it('puts one household’s signals in one case despite spelling, prefixes and additions', async () => {
      const rent = await caseOf('m-rent');
      const gas = await caseOf('m-gas');
      const mortgage = await caseOf('m-mortgage');
      assert.equal(rent.id, gas.id);
      assert.equal(rent.id, mortgage.id);
      assert.equal(rent.signal_count, 3);
      assert.equal(rent.multiple, true);
      assert.equal(rent.known_via_standard_signals, false, 'its own rent and gas signals do not make the household known before it (issue 18)');
      assert.equal(rent.has_experimental_signal, true);
      assert.equal(rent.matching_period_start, '2025-03-01');
      assert.equal(rent.matching_period_end, '2025-03-31');
    });

    it('keeps a second household at the same address in its own case', async () => {
      const other = await caseOf('m-other-household');
      assert.notEqual(other.id, (await caseOf('m-rent')).id);
      assert.equal(other.multiple, true, 'the address had several signals in the month');
    });

    it('a mortgage-only household is new: no standard signal in the look-back window', async () => {
      const c = await caseOf('m-lonely-mortgage');
      assert.equal(c.known_via_standard_signals, false);
      assert.equal(c.signal_count, 1);
      assert.equal(c.multiple, false);
    });

    it('gives a crisis case a deadline of three working days, others four weeks', async () => {
      const crisis = await caseOf('m-crisis');
      const normal = await caseOf('m-lonely-mortgage');
      assert.equal(crisis.crisis, true);
      const days = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000;
      assert.ok(days(crisis.deadline, crisis.matching_date) <= 5);
      assert.equal(days(normal.deadline, normal.matching_date), 28);
    });

    it('matches each signal once: a second run changes nothing', async () => {
      const before = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(p.deps.db);
      const r = await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      assert.equal(r.signals, 0);
      const afterRun = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(p.deps.db);
      assert.equal(afterRun.rows[0]!.n, before.rows[0]!.n);
    });

    it('marks a re-sent arrear that did not rise as a repeat; a risen one joins the case', async () => {
      await send('demo-woningcorporatie', [
        rentSignal('m-rent-again', { signalDate: '2025-04-10', address: { postcode: '1011AB', houseNumber: '12', houseNumberAddition: 'A' }, person: { surname: 'Meer' } }),
        rentSignal('m-rent-risen', { signalDate: '2025-04-11', amount: '1200.00', address: { postcode: '1011AB', houseNumber: '12', houseNumberAddition: 'A' }, person: { surname: 'Meer' } }),
      ]);
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const again = await caseOf('m-rent-again');
      assert.equal(again.signal_status, 'Niet opgepakt: herhaalde melding');
      const risen = await caseOf('m-rent-risen');
      assert.equal(risen.signal_status, 'Nog niet opgepakt');
      assert.equal(risen.id, (await caseOf('m-rent')).id);
      const fb = await fetch(`${p.url}/v1/signals?reference=m-rent-again`, { headers: { authorization: `Bearer ${p.keyOf('demo-woningcorporatie')}` } });
      const [view] = (await fb.json()) as Array<{ status: string }>;
      assert.equal(view!.status, 'Niet opgepakt: herhaalde melding', 'the creditor sees the DDAS status');
    });
  });
}
