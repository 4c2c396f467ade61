import { putWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { insertDistricts, insertQueue, insertRule, listQueues } from '../../db/repositories/worklist.ts';
import type { Approach } from '../../domain/worklist/ddas.ts';
import type { District } from '../../domain/worklist/districts.ts';
import type { RuleConditions } from '../../domain/worklist/queue-rules.ts';
import type { AppDeps } from '../context.ts';

/** A starting weighing framework: crisis first, then multiple signals, mortgages, high arrears, the rest by letter. */
const DEFAULT_QUEUES: Array<{ name: string; approach: Approach; rule: RuleConditions }> = [
  { name: 'Crisis', approach: 'home_visit', rule: { crisis: true } },
  { name: 'Meerdere signalen', approach: 'phone', rule: { multiple: true } },
  { name: 'Hypotheek', approach: 'phone', rule: { signalTypes: ['mortgage'] } },
  { name: 'Hoge achterstand', approach: 'phone', rule: { minAmountCents: 100_000 } },
  { name: 'Overig', approach: 'letter', rule: {} },
];

/** Districts by PC4 range (approximations from public postcode maps; demo data, not a register). */
const DEMO_DISTRICTS: Record<string, District[]> = {
  GM0363: [
    { name: 'Centrum', pc4From: 1011, pc4To: 1019 },
    { name: 'Noord', pc4From: 1020, pc4To: 1039 },
    { name: 'West', pc4From: 1040, pc4To: 1059 },
    { name: 'Nieuw-West', pc4From: 1060, pc4To: 1069 },
    { name: 'Zuid', pc4From: 1070, pc4To: 1083 },
    { name: 'Oost', pc4From: 1086, pc4To: 1099 },
    { name: 'Zuidoost', pc4From: 1100, pc4To: 1109 },
  ],
  GM0599: [
    { name: 'Centrum', pc4From: 3011, pc4To: 3016 },
    { name: 'Noord', pc4From: 3031, pc4To: 3039 },
    { name: 'Delfshaven', pc4From: 3021, pc4To: 3029 },
    { name: 'Kralingen-Crooswijk', pc4From: 3051, pc4To: 3063 },
    { name: 'Feijenoord', pc4From: 3071, pc4To: 3074 },
    { name: 'Charlois', pc4From: 3080, pc4To: 3089 },
  ],
};

/** Own targets of the demo municipalities (Amsterdam: first contact within 14 days). */
const DEMO_TARGETS: Record<string, number | null> = { GM0363: 14, GM0599: null };

/**
 * Gives a municipality the default framework when it has no queues yet (demo data, and a sane
 * start for a new municipality). Safe to run again: it does nothing once queues exist.
 */
async function seedDefaultFramework(deps: AppDeps, municipality: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    if ((await listQueues(trx, municipality)).length > 0) return false;
    let pos = 10;
    for (const q of DEFAULT_QUEUES) {
      const id = await insertQueue(trx, municipality, { name: q.name, approach: q.approach, position: pos });
      await insertRule(trx, municipality, { queueId: id, position: pos, conditions: q.rule });
      pos += 10;
    }
    await insertDistricts(trx, municipality, DEMO_DISTRICTS[municipality] ?? []);
    if (municipality in DEMO_TARGETS) await putWorklistSettings(trx, municipality, { contactTargetDays: DEMO_TARGETS[municipality] ?? null, dueSoonDays: 3 });
    return true;
  });
}

/** The demo municipalities that get a framework on first start. */
export async function seedDemoFrameworks(deps: AppDeps): Promise<void> {
  for (const m of Object.keys(DEMO_DISTRICTS)) await seedDefaultFramework(deps, m);
}
