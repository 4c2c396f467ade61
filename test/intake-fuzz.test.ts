import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { checkCase, csvCase, jsonCase, type FuzzTarget } from './fuzz/intake-fuzz.ts';

// The small version of `npm run fuzz:intake` (which runs ≥ 100,000 inputs): no 5xx, no partial writes.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

for (const engine of ENGINES) {
  describe(`intake fuzzing (${engine.name})`, () => {
    let p: TestPlatform;
    let target: FuzzTarget;
    before(async () => {
      p = await startTestPlatform(engine);
      target = { app: p.app, db: p.deps.db, token: p.keyOf('demo-woningcorporatie'), sender: 'demo-woningcorporatie' };
    });
    after(async () => p.close());

    it('JSON intake: never a 5xx, and stores exactly what it reports as accepted', async () => {
      await fc.assert(fc.asyncProperty(jsonCase, async (c) => void (await checkCase(target, c))), { numRuns: RUNS });
    });

    it('CSV intake: never a 5xx, and stores exactly what it reports as accepted', async () => {
      await fc.assert(fc.asyncProperty(csvCase, async (c) => void (await checkCase(target, c))), { numRuns: RUNS });
    });
  });
}
