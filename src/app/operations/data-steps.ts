import { doneDataSteps, recordDataStep } from '../../db/repositories/data-steps.ts';
import { rekeyStoredSurnames } from '../matching/rekey-surnames.ts';
import type { AppDeps } from '../context.ts';

/**
 * Steps over stored data that an upgrade needs and SQL alone cannot do, in order; each runs once
 * (recorded in data_steps) and must be safe to run again, since two processes starting together
 * may both run it. A new step is appended here, never renamed.
 */
const STEPS: ReadonlyArray<{ name: string; run: (deps: Pick<AppDeps, 'db'>) => Promise<unknown> }> = [
  // Issue 18: surnames are transliterated ('Yılmaz' → 'yilmaz'); keys stored before must match new ones.
  { name: '2026-12-rekey-transliterated-surnames', run: async (deps) => ({ changed: await rekeyStoredSurnames(deps) }) },
];

/** Runs the steps this database has not had yet; returns their names. */
export async function runDataSteps(deps: Pick<AppDeps, 'db'>): Promise<string[]> {
  const done = await doneDataSteps(deps.db);
  const ran: string[] = [];
  for (const step of STEPS) {
    if (done.has(step.name)) continue;
    await recordDataStep(deps.db, step.name, await step.run(deps));
    ran.push(step.name);
  }
  return ran;
}
