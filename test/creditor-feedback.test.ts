import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../src/app/worklist/record-outcome.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { CallContext } from '../src/app/context.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';

for (const engine of ENGINES) {
  describe(`feedback to creditors follows the case, within what they may know (${engine.name})`, () => {
    let p: TestPlatform;
    let worker: CallContext;
    const caseOf = async (reference: string) =>
      (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow());
    const feedback = async (reference: string) => {
      const r = await fetch(`${p.url}/v1/signals?reference=${reference}`, { headers: { authorization: `Bearer ${p.keyOf('demo-woningcorporatie')}` } });
      assert.equal(r.status, 200);
      const [view] = (await r.json()) as Array<{ status: string }>;
      return view!.status;
    };

    before(async () => {
      p = await startTestPlatform(engine, { now: () => new Date('2025-03-20T10:00:00Z') });
      const out = await submitSignals(
        p.deps,
        systemContext('demo-woningcorporatie', 'test'),
        [
          rentSignal('fb-worked', { address: { postcode: '1011AB', houseNumber: '40' } }),
          rentSignal('fb-other-reason', { address: { postcode: '1011AB', houseNumber: '42' } }),
          rentSignal('fb-waiting', { address: { postcode: '1011AB', houseNumber: '44' } }),
        ],
        { dryRun: false },
      );
      for (const o of out) assert.equal(o.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const user = await p.deps.db.selectFrom('users').select('id').where('email', '=', 'medewerker@amsterdam.demo').executeTakeFirstOrThrow();
      worker = { ...systemContext('GM0363', 'test'), actor: { ...systemContext('GM0363', 'test').actor, type: 'user', id: user.id, organisationKind: 'municipality' } };
    });
    after(() => p.close());

    it('shows "Nog niet opgepakt" until the municipality acts', async () => {
      assert.equal(await feedback('fb-waiting'), 'Nog niet opgepakt');
    });

    it('shows "Opgepakt" once a contact attempt was made, without what was said or found', async () => {
      const { case_id } = await caseOf('fb-worked');
      await recordContactAttempt(p.deps, worker, case_id!, { contactType: 'Telefoon', reached: 'yes', date: '2025-03-19', partOfDay: 'Ochtend' });
      assert.equal(await feedback('fb-worked'), 'Opgepakt');
      await recordOutcome(p.deps, worker, case_id!, { result: '(Budget)advies en/of quick fix' });
      assert.equal(await feedback('fb-worked'), 'Opgepakt', 'the outcome of the help is not the creditor’s business');
      assert.equal((await caseOf('fb-worked')).status, 'Nog niet opgepakt', 'a help result is no signal status');
    });

    it('stores "Niet opgepakt: andere reden" as the DDAS signal status, and tells the creditor only "Niet opgepakt"', async () => {
      const { case_id } = await caseOf('fb-other-reason');
      await recordOutcome(p.deps, worker, case_id!, { result: 'Niet opgepakt: andere reden' });
      assert.equal((await caseOf('fb-other-reason')).status, 'Niet opgepakt: andere reden');
      assert.equal(await feedback('fb-other-reason'), 'Niet opgepakt');
    });
  });
}
