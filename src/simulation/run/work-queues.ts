import type { CaseWorkModel } from '../casework/casework.ts';
import type { Rng } from '../population/rng.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import type { AppDeps } from '../../app/context.ts';
import { listWorklist, PAGE_SIZE } from '../../app/worklist/list-worklist.ts';
import { recordContactAttempt } from '../../app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../../app/worklist/record-outcome.ts';

export interface WorkTally {
  worked: number;
  contactAttempts: number;
  reached: number;
  outcomes: Record<string, number>;
  channels: Record<string, number>;
}

export function emptyWorkTally(): WorkTally {
  return { worked: 0, contactAttempts: 0, reached: 0, outcomes: {}, channels: {} };
}

/**
 * One month of a municipality's work, through the worklist use cases a worker uses: take the open
 * cases in the worklist's order (most urgent first) up to the month's capacity, register the
 * contact attempt and close the case with its DDAS end result. Cases beyond the capacity stay open
 * for next month — the backlog the what-if warns about.
 */
export async function workQueue(
  deps: AppDeps,
  municipality: string,
  opts: { capacity: number; workFrom: string; model: CaseWorkModel; rng: Rng },
  t: WorkTally,
): Promise<void> {
  const ctx = systemContext(municipality, 'simulatie');
  const picked: Array<{ id: string; crisis: boolean; signalCount: number; multiple: boolean; matchingDate: string }> = [];
  for (let page = 1; picked.length < opts.capacity; page++) {
    const view = await listWorklist(deps, ctx, { status: 'open', sort: 'due', page });
    picked.push(...view.rows.slice(0, opts.capacity - picked.length));
    if (view.rows.length < PAGE_SIZE || page >= view.pages) break;
  }
  const today = deps.now().toISOString().slice(0, 10);
  for (const c of picked) {
    const plan = opts.model.plan(c, opts.workFrom, today, opts.rng);
    await recordContactAttempt(deps, ctx, c.id, { contactType: plan.contactType, reached: plan.reached ? 'yes' : 'no', date: plan.date, partOfDay: plan.partOfDay });
    await recordOutcome(deps, ctx, c.id, { result: plan.outcome });
    t.worked++;
    t.contactAttempts++;
    if (plan.reached) t.reached++;
    t.outcomes[plan.outcome] = (t.outcomes[plan.outcome] ?? 0) + 1;
    t.channels[plan.channel] = (t.channels[plan.channel] ?? 0) + 1;
  }
}
