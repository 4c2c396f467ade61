import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { rekeyStoredSurnames } from '../src/app/matching/rekey-surnames.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { runDataSteps } from '../src/app/operations/data-steps.ts';

// Keys stored before transliteration ('Yılmaz' → 'ylmaz') are worked out again, everywhere they
// were copied: otherwise an objection under the old key would not stop a new signal (new key).
const yilmaz = (reference: string) =>
  rentSignal(reference, { person: { surname: 'Yılmaz' }, address: { street: 'Dorpsstraat', houseNumber: '77', postcode: '1011AB', city: 'Amsterdam' } });

for (const engine of ENGINES) {
  describe(`surname keys stored before transliteration (${engine.name})`, () => {
    let p: TestPlatform;
    const send = (reference: string) => submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), [yilmaz(reference)], { dryRun: false });
    before(async () => {
      p = await startTestPlatform(engine);
      assert.equal((await send('rk-1'))[0]!.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      // As an older version stored them: the dotless ı dropped.
      const s = await p.deps.db.selectFrom('signals').select(['id', 'subject_pseudonym']).where('reference', '=', 'rk-1').executeTakeFirstOrThrow();
      await p.deps.db.updateTable('signals').set({ surname_key: 'ylmaz' }).where('id', '=', s.id).execute();
      await p.deps.db.updateTable('signal_states').set({ surname_key: 'ylmaz' }).where('signal_id', '=', s.id).execute();
      const st = await p.deps.db.selectFrom('signal_states').select('case_id').where('signal_id', '=', s.id).executeTakeFirstOrThrow();
      await p.deps.db.updateTable('cases').set({ surname_key: 'ylmaz' }).where('id', '=', st.case_id!).execute();
      await p.deps.db.insertInto('resident_objections').values({ municipality_code: 'GM0363', subject_pseudonym: s.subject_pseudonym, surname_key: 'ylmaz', registered_by: 'test' }).execute();
    });
    after(() => p.close());

    it('rewrites the key in signal, state, case and objection once, as a data step at start-up; a second run changes nothing', async () => {
      // As a database from before the upgrade: the step has not run (the test platform's start ran it on no data).
      await p.deps.db.deleteFrom('data_steps').execute();
      assert.deepEqual(await runDataSteps(p.deps), ['2026-12-rekey-transliterated-surnames']);
      const step = await p.deps.db.selectFrom('data_steps').select('detail').executeTakeFirstOrThrow();
      assert.deepEqual(step.detail, { changed: 1 });
      const s = await p.deps.db
        .selectFrom('signals')
        .innerJoin('signal_states', 'signal_states.signal_id', 'signals.id')
        .innerJoin('cases', 'cases.id', 'signal_states.case_id')
        .select(['signals.surname_key as signal_key', 'signal_states.surname_key as state_key', 'cases.surname_key as case_key'])
        .where('signals.reference', '=', 'rk-1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(s, { signal_key: 'yilmaz', state_key: 'yilmaz', case_key: 'yilmaz' });
      const o = await p.deps.db.selectFrom('resident_objections').select('surname_key').execute();
      assert.deepEqual(o.map((x) => x.surname_key), ['yilmaz']);
      assert.deepEqual(await runDataSteps(p.deps), []);
      assert.equal(await rekeyStoredSurnames(p.deps), 0);
    });

    it('the objection stops a new signal about the same resident again', async () => {
      const out = await send('rk-2');
      assert.notEqual(out[0]!.outcome, 'accepted');
    });
  });
}
