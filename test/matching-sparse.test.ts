import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

// A few new signals spread over many known addresses: their page's key range holds far more open
// cases than the page has addresses, so matching looks the addresses up one by one. The outcome
// must be the same as for a dense page.
for (const engine of ENGINES) {
  describe(`matching a sparse page of signals (${engine.name})`, () => {
    let p: TestPlatform;
    const ctx = systemContext('platform-beheer', 'test', 'job');
    const send = async (org: string, signals: SignalInput[]) => {
      const out = await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false });
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
    };
    const house = (n: number) => ({ postcode: '1011AB', houseNumber: String(n) });

    before(async () => {
      p = await startTestPlatform(engine);
    });
    after(async () => p.close());

    it('adds late signals to the open cases of their households, not to new ones', async () => {
      const known = Array.from({ length: 400 }, (_, i) => rentSignal(`sp-rent-${i + 1}`, { address: house(i + 1), person: { surname: `Bakker${i + 1}` } }));
      await send('demo-woningcorporatie', known);
      const first = await matchMunicipality(p.deps, ctx, 'GM0363');
      assert.equal(first.casesCreated, 400);

      await send('demo-energieleverancier', [
        { ...rentSignal('sp-gas-100', { address: house(100), person: { surname: 'Bakker100' } }), signalType: 'gas' },
        { ...rentSignal('sp-gas-399', { address: house(399), person: { surname: 'Bakker399' } }), signalType: 'gas' },
      ]);
      const second = await matchMunicipality(p.deps, ctx, 'GM0363');
      assert.equal(second.signals, 2);
      assert.equal(second.casesCreated, 0);
      assert.equal(second.casesUpdated, 2);
      const r = await sql<{ reference: string; signal_count: number; multiple: boolean }>`
        select s.reference, c.signal_count, c.multiple from signals s
        join signal_states st on st.signal_id = s.id join cases c on c.id = st.case_id
        where s.reference in ('sp-gas-100', 'sp-gas-399', 'sp-rent-100', 'sp-rent-399') order by s.reference`.execute(p.deps.db);
      assert.deepEqual(
        r.rows.map((x) => [x.reference, x.signal_count, x.multiple]),
        [['sp-gas-100', 2, true], ['sp-gas-399', 2, true], ['sp-rent-100', 2, true], ['sp-rent-399', 2, true]],
      );
      const cases = await sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363'`.execute(p.deps.db);
      assert.equal(cases.rows[0]!.n, 400);
    });
  });
}
