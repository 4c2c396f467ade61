import { listCapacity, listParticipants, getExperiment, signalsPerMonth } from '../../db/repositories/experiments.ts';
import { checkCapacity, type CapacityCheck } from '../../domain/experiments/capacity.ts';
import { addMonths, monthStart } from '../../domain/matching/dates.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireSee } from './access.ts';
import { ExperimentNotFound } from './errors.ts';

const OBSERVED_MONTHS = 12;

/**
 * Does the selection fit? Per participating municipality: stated capacity against the expected
 * signals per month and, once signals arrive, the busiest of the last twelve months (counts only).
 */
export async function checkExperimentCapacity(deps: AppDeps, ctx: CallContext, id: string): Promise<CapacityCheck> {
  const row = await getExperiment(deps.db, id);
  if (!row) throw new ExperimentNotFound(id);
  const participants = await listParticipants(deps.db, [id]);
  requireSee(ctx.actor, id, participants);
  const municipalities = participants.filter((p) => p.role === 'municipality' && p.municipality_code).map((p) => p.municipality_code!);
  const from = addMonths(monthStart(deps.now().toISOString().slice(0, 10)), -OBSERVED_MONTHS);
  const [capacity, observed] = await Promise.all([listCapacity(deps.db, id), signalsPerMonth(deps.db, row.rule_ids, municipalities, from)]);
  return checkCapacity(
    municipalities,
    capacity.map((c) => ({ municipalityCode: c.municipality_code, capacityPerMonth: c.capacity_per_month, expectedPerMonth: c.expected_per_month })),
    observed,
  );
}
