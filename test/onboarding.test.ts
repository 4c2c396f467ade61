import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { onboardCreditor } from '../src/app/organisations/onboard-creditor.ts';
import { RuleBookJudge } from '../src/app/rules/rule-judge.ts';
import { upsertOrganisation } from '../src/db/repositories/organisations.ts';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

// Intake's judge knows the creditors onboarded in the database without being reloaded by hand
// (issue 22 point 4): at once when this process onboards one, within 30 s when another does.

const sender = (organisationId: string) => ({ organisationId, latestSignalDate: '2025-12-31' });

for (const engine of ENGINES) {
  describe(`onboarding a creditor (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
    });
    after(async () => p.close());

    it('a landlord onboarded here may send at once; onboarding it twice changes nothing', async () => {
      assert.equal(p.deps.judge.judge(rentSignal('ob-1'), sender('nieuwe-verhuurder')).decision, 'refused');
      const ctx = systemContext('platform-beheer', 'test');
      assert.equal(await onboardCreditor(p.deps, ctx, { id: 'nieuwe-verhuurder', name: 'Nieuwe Verhuurder', kinds: ['landlord'] }), true);
      assert.equal(p.deps.judge.judge(rentSignal('ob-1'), sender('nieuwe-verhuurder')).decision, 'accepted');
      assert.equal(await onboardCreditor(p.deps, ctx, { id: 'nieuwe-verhuurder', name: 'Nieuwe Verhuurder', kinds: ['landlord'] }), false);
      const audit = await p.deps.db.selectFrom('audit_log').select('object_ids').where('activity', '=', 'organisation.onboard').execute();
      assert.deepEqual(audit.map((a) => a.object_ids), [['nieuwe-verhuurder']]);
    });

    it('one onboarded by another process is seen once the judge is 30 s old', async () => {
      let now = 1_000_000;
      const judge = new RuleBookJudge(p.judge.ruleBook, p.deps.db, () => now);
      await judge.reload();
      await upsertOrganisation(p.deps.db, { id: 'andere-verhuurder', name: 'Andere Verhuurder', kind: 'creditor', creditor_kinds: ['landlord'] });
      assert.equal(judge.judge(rentSignal('ob-2'), sender('andere-verhuurder')).decision, 'refused', 'not yet: read 0 s ago');
      now += 30_000;
      // This judgement still uses what it knew; it starts a re-read in the background.
      judge.judge(rentSignal('ob-2'), sender('andere-verhuurder'));
      let decision = 'refused';
      for (let i = 0; i < 100 && decision === 'refused'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        decision = judge.judge(rentSignal('ob-2'), sender('andere-verhuurder')).decision;
      }
      assert.equal(decision, 'accepted');
    });
  });
}
