import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import {  } from '../src/db/repositories/signal-state.ts';

const ROTTERDAM = 'GM0599';
const at = (houseNumber: string, surname: string, o: Partial<SignalInput> = {}): Partial<SignalInput> => ({
  municipalityCode: ROTTERDAM,
  address: { street: 'Coolsingel', houseNumber, postcode: '3011AD', city: 'Rotterdam' },
  person: { surname },
  ...o,
});

for (const engine of ENGINES) {
  describe(`monthly matching period, as in current practice (${engine.name})`, () => {
    let p: TestPlatform;
    let today = new Date('2025-04-15T09:00:00Z');
    const job = () => systemContext(ROTTERDAM, 'test', 'job');
    const row = (reference: string) =>
      p.deps.db
        .selectFrom('signals')
        .leftJoin('signal_states', 'signal_states.signal_id', 'signals.id')
        .leftJoin('cases', 'cases.id', 'signal_states.case_id')
        .select(['signal_states.case_id', 'cases.matching_date', 'cases.matching_period_start', 'cases.matching_period_end', 'cases.multiple', 'cases.consecutive'])
        .where('signals.reference', '=', reference)
        .executeTakeFirstOrThrow();

    before(async () => {
      p = await startTestPlatform(engine, { now: () => today });
      await p.deps.db.insertInto('municipality_settings').values({ municipality_code: ROTTERDAM, matching_mode: 'monthly' })
        .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ matching_mode: 'monthly' }))
        .execute();
      const send = async (org: string, signals: SignalInput[]) => {
        for (const o of await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false }))
          assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
      };
      await send('demo-woningcorporatie', [
        rentSignal('mo-rent-march', { signalDate: '2025-03-10', ...at('10', 'Bos') }),
        rentSignal('mo-rent-april', { signalDate: '2025-04-03', ...at('30', 'Smit') }),
      ]);
      await send('demo-energieleverancier', [{ ...rentSignal('mo-gas-march', { signalDate: '2025-03-20', ...at('10', 'Bos') }), signalType: 'gas' }]);
    });
    after(() => p.close());

    it('matches only months that are over, with the DDAS matching date and period', async () => {
      const r = await matchMunicipality(p.deps, job(), ROTTERDAM);
      assert.equal(r.signals, 2);
      const march = await row('mo-rent-march');
      assert.ok(march.case_id);
      assert.equal((await row('mo-gas-march')).case_id, march.case_id, 'one household, one case');
      assert.equal(march.matching_date, '2025-04-15');
      assert.equal(march.matching_period_start, '2025-03-01');
      assert.equal(march.matching_period_end, '2025-03-31');
      assert.equal(march.multiple, true, 'two signals at the address in the month');
      assert.equal((await row('mo-rent-april')).case_id, null, 'April is not over yet');
    });

    it('matches the held-back month once it is over', async () => {
      today = new Date('2025-05-01T06:00:00Z');
      const r = await matchMunicipality(p.deps, job(), ROTTERDAM);
      assert.equal(r.signals, 1);
      const april = await row('mo-rent-april');
      assert.ok(april.case_id);
      assert.equal(april.matching_period_start, '2025-04-01');
      assert.equal(april.matching_period_end, '2025-04-30');
      assert.equal(april.matching_date, '2025-05-01');
      assert.equal(april.multiple, false);
    });

    it('flags a household signalled again after an earlier period as consecutive', async () => {
      // The March case is closed (worked), then a new arrear in May at the same address.
      await p.deps.db.updateTable('cases').set({ status: 'closed', result: 'Hulp niet nodig', closed_at: new Date() }).where('id', '=', (await row('mo-rent-march')).case_id!).execute();
      // Delivered on its signal date: a signal dated after the platform's today would be in the future.
      today = new Date('2025-05-06T09:00:00Z');
      const sent = await submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), [rentSignal('mo-rent-may', { signalDate: '2025-05-06', amount: '1400.00', ...at('10', 'Bos') })], { dryRun: false });
      assert.equal(sent[0]!.outcome, 'accepted');
      today = new Date('2025-06-02T06:00:00Z');
      await matchMunicipality(p.deps, job(), ROTTERDAM);
      const may = await row('mo-rent-may');
      assert.ok(may.case_id);
      assert.notEqual(may.case_id, (await row('mo-rent-march')).case_id, 'a closed case is not reopened');
      assert.equal(may.consecutive, true, 'an earlier signal at the address within 6 months before the period');
    });

    it('flags a household whose earlier case is still open as consecutive when a later period signals it (issue 18)', async () => {
      // The April case (Smit, number 30) is still open when a new arrear arrives in June.
      today = new Date('2025-06-03T09:00:00Z');
      const sent = await submitSignals(p.deps, systemContext('demo-energieleverancier', 'test'), [{ ...rentSignal('mo-gas-june', { signalDate: '2025-06-03', ...at('30', 'Smit') }), signalType: 'gas' }], { dryRun: false });
      assert.equal(sent[0]!.outcome, 'accepted');
      today = new Date('2025-07-01T06:00:00Z');
      await matchMunicipality(p.deps, job(), ROTTERDAM);
      const june = await row('mo-gas-june');
      assert.equal(june.case_id, (await row('mo-rent-april')).case_id, 'it joins the open case');
      assert.equal(june.consecutive, true, 'the household was signalled in an earlier period');
      assert.equal(june.multiple, false, 'one signal in April, one in June');
    });
  });
}
