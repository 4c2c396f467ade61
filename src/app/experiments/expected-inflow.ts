import { AccessDenied } from '../../domain/access/actor.ts';
import { ForecastInputError } from '../../domain/capacity/forecast.ts';
import type { InflowSource } from '../../domain/experiments/analysis-plan.ts';
import { listCapacity, listParticipants } from '../../db/repositories/experiments.ts';
import { whatIfCapacity, whatIfChoices } from '../capacity/what-if-capacity.ts';
import type { AppDeps, CallContext } from '../context.ts';

const MAX_FORECAST_MONTHS = 36;

/**
 * The inflow an experiment may expect per month: the what-if forecast over the synthetic
 * population for its signal in its municipalities (issue 9 point 3), else the signals per month
 * its senders said to expect; undefined when neither is there (then it must be entered).
 */
export async function expectedInflow(deps: AppDeps, ctx: CallContext, id: string, months: number): Promise<{ perMonth: number; source: InflowSource } | undefined> {
  const participants = await listParticipants(deps.db, [id]);
  const codes = participants.filter((p) => p.role === 'municipality' && p.municipality_code).map((p) => p.municipality_code!);
  try {
    const known = new Set((await whatIfChoices(deps, ctx)).municipalities.map((m) => m.code));
    const municipalities = codes.filter((c) => known.has(c));
    if (municipalities.length > 0) {
      const v = await whatIfCapacity(deps, ctx, { experimentId: id, municipalities, months: Math.min(MAX_FORECAST_MONTHS, Math.max(1, months)) });
      const perMonth = v.result.rows.reduce((s, r) => s + (r.cells[0]?.perMonth ?? 0), 0);
      if (v.question.signalTypes.length > 0 && perMonth > 0) return { perMonth: Math.round(perMonth * 10) / 10, source: 'forecast' };
    }
  } catch (e) {
    // Not every manager may run the what-if, and not every signal is in the synthetic population.
    if (!(e instanceof AccessDenied) && !(e instanceof ForecastInputError)) throw e;
  }
  const stated = (await listCapacity(deps.db, id)).reduce((s, c) => s + (c.expected_per_month ?? 0), 0);
  return stated > 0 ? { perMonth: stated, source: 'stated' } : undefined;
}
