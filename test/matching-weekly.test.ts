import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { DEFAULT_RETENTION } from '../src/domain/privacy/retention.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

// Issue 18 point 4: the matching period is set per municipality — continuous, weekly (ISO weeks,
// Monday to Sunday) or monthly — on the settings screen where its other settings are.
const AMSTERDAM = 'GM0363';
const bos = (reference: string, signalDate: string, o: Partial<SignalInput> = {}) =>
  rentSignal(reference, { signalDate, person: { surname: 'Bos' }, address: { street: 'Dorpsstraat', houseNumber: '40', postcode: '1011AB', city: 'Amsterdam' }, ...o });

for (const engine of ENGINES) {
  describe(`weekly matching period, set on the settings screen (${engine.name})`, () => {
    let p: TestPlatform;
    let today = new Date('2025-03-12T09:00:00Z'); // a Wednesday, in ISO week 11 (10–16 March)
    const row = (reference: string) =>
      p.deps.db
        .selectFrom('signals')
        .leftJoin('signal_states', 'signal_states.signal_id', 'signals.id')
        .leftJoin('cases', 'cases.id', 'signal_states.case_id')
        .select(['signal_states.case_id', 'cases.matching_period_start', 'cases.matching_period_end', 'cases.multiple', 'cases.consecutive'])
        .where('signals.reference', '=', reference)
        .executeTakeFirstOrThrow();
    const form = (matchingMode: string) => ({
      contactTargetDays: '',
      dueSoonDays: '3',
      matchingMode,
      unpickedSignalMonths: String(DEFAULT_RETENTION.unpickedSignalMonths),
      pickedUpSignalMonths: String(DEFAULT_RETENTION.pickedUpSignalMonths),
      caseMonthsAfterClosing: String(DEFAULT_RETENTION.caseMonthsAfterClosing),
    });

    before(async () => {
      p = await startTestPlatform(engine, { now: () => today });
    });
    after(() => p.close());

    it('a coordinator sets weekly matching on the settings screen; an unknown period is refused', async () => {
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      assert.match((await coordinator.get('/instellingen')).html, /id="matchingMode-continuous"[^>]*checked/, 'continuous by default');
      const bad = await coordinator.post('/instellingen', form('daily'));
      assert.equal(bad.status, 400);
      assert.match(bad.html, /Kies doorlopend, per week of per maand/);
      const saved = await coordinator.post('/instellingen', form('weekly'));
      assert.ok(saved.status === 303 || /Opgeslagen|opgeslagen/.test(saved.html), `saved: ${saved.status}`);
      assert.match((await coordinator.get('/instellingen')).html, /id="matchingMode-weekly"[^>]*checked/);
      const s = await p.deps.db.selectFrom('municipality_settings').select('matching_mode').where('municipality_code', '=', AMSTERDAM).executeTakeFirstOrThrow();
      assert.equal(s.matching_mode, 'weekly');
    });

    it('matches only weeks that are over; a new case gets its ISO week as the matching period', async () => {
      for (const o of await submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), [bos('wk-rent', '2025-03-04')], { dryRun: false })) assert.equal(o.outcome, 'accepted');
      for (const o of await submitSignals(p.deps, systemContext('demo-energieleverancier', 'test'), [{ ...bos('wk-gas', '2025-03-11'), signalType: 'gas' }], { dryRun: false }))
        assert.equal(o.outcome, 'accepted');
      const r = await matchMunicipality(p.deps, systemContext(AMSTERDAM, 'test', 'job'), AMSTERDAM);
      assert.equal(r.signals, 1);
      const rent = await row('wk-rent');
      assert.ok(rent.case_id);
      assert.equal(rent.matching_period_start, '2025-03-03');
      assert.equal(rent.matching_period_end, '2025-03-09');
      assert.equal(rent.consecutive, false);
      assert.equal((await row('wk-gas')).case_id, null, 'week 11 is not over yet');
    });

    it('a signal of a later week joins the case still open: consecutive, and multiple counts the month', async () => {
      today = new Date('2025-03-17T06:00:00Z'); // Monday: week 11 is over
      await matchMunicipality(p.deps, systemContext(AMSTERDAM, 'test', 'job'), AMSTERDAM);
      const gas = await row('wk-gas');
      const rent = await row('wk-rent');
      assert.equal(gas.case_id, rent.case_id, 'one household, its case still open');
      assert.equal(gas.consecutive, true, 'signalled in an earlier matching period');
      assert.equal(gas.multiple, true, 'two signals at the address in March');
      assert.equal(gas.matching_period_start, '2025-03-03', 'the case keeps the period of the matching that made it');
    });
  });
}
