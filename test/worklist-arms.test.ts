import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { openCase } from '../src/app/worklist/open-case.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { signalsWithState } from '../src/db/repositories/signal-state.ts';

const address = { street: 'Damrak', houseNumber: '70', postcode: '1012LM', city: 'Amsterdam' };
const tax: SignalInput = {
  reference: 'arm-tax',
  signalType: 'municipal_tax',
  signalDate: '2025-03-01',
  municipalityCode: 'GM0363',
  amount: '412.00',
  components: { municipal_tax: '412.00' },
  arrearStartDate: '2024-10-01',
  bsn: '111222333',
  person: { initials: 'J.', surname: 'Jansen' },
  address,
  socialCollection: rentSignal('x').socialCollection!,
};

for (const engine of ENGINES) {
  describe(`the worklist treats each experiment arm as designed (${engine.name})`, () => {
    let p: TestPlatform;
    let caseId: string;
    const worker = () => systemContext('GM0363', 'test');
    const setArm = async (code: string, combine: boolean, withoutConsent: boolean | null) => {
      await p.deps.db
        .insertInto('experiment_arms')
        .values({ experiment_id: 'gemeentelijke-belastingen', code, name_nl: `Groep ${code}`, name_en: `Group ${code}`, combine_with_other_signals: combine, without_prior_consent: withoutConsent, weight: 1 })
        .onConflict((oc) => oc.columns(['experiment_id', 'code']).doNothing())
        .execute();
      await p.deps.db.updateTable('cases').set({ experiment_arm: `gemeentelijke-belastingen/${code}` }).where('id', '=', caseId).execute();
    };

    before(async () => {
      p = await startTestPlatform(engine, { now: () => new Date('2025-03-20T10:00:00Z') });
      for (const [org, s] of [['belastingen-amsterdam', tax], ['demo-woningcorporatie', rentSignal('arm-rent', { address, person: { surname: 'Jansen' } })]] as const) {
        const [o] = await submitSignals(p.deps, systemContext(org, 'test'), [s], { dryRun: false });
        assert.equal(o!.outcome, 'accepted', JSON.stringify(o!.refusals));
      }
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const c = await signalsWithState(p.deps.db).select('signal_states.case_id').where('signals.reference', '=', 'arm-tax').executeTakeFirstOrThrow();
      caseId = c.case_id!;
    });
    after(() => p.close());

    it('shows every signal of a household in no arm', async () => {
      // The demo register draws the household into an arm of its own (src/app/seed/experiments.yaml): out of it here.
      await p.deps.db.updateTable('cases').set({ experiment_arm: null }).where('id', '=', caseId).execute();
      const v = await openCase(p.deps, worker(), caseId, () => []);
      assert.equal(v.arm, undefined);
      assert.deepEqual(v.signals.map((s) => s.signalType).sort(), ['municipal_tax', 'rent']);
    });

    it('shows only the new signal in an arm that measures it alone, and says so', async () => {
      await setArm('alleen', false, null);
      const v = await openCase(p.deps, worker(), caseId, () => []);
      assert.deepEqual(v.signals.map((s) => s.signalType), ['municipal_tax']);
      assert.equal(v.arm?.showOtherSignals, false);
      assert.equal(v.arm?.hiddenSignals, 1);
    });

    it('shows the combination, and whether prior consent is needed, in a combined arm', async () => {
      await setArm('zonder-toestemming', true, true);
      const v = await openCase(p.deps, worker(), caseId, () => []);
      assert.equal(v.signals.length, 2);
      assert.equal(v.arm?.contactWithoutPriorConsent, true);
    });
  });
}
