import { appendAudit } from '../../db/repositories/audit.ts';
import { figuresPerArea, figuresPerWorker } from '../../db/repositories/worklist-statistics.ts';
import { addDays } from '../../domain/matching/dates.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, WorklistInputError } from './own-municipality.ts';

const DEFAULT_DAYS = 91;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/**
 * Statistics of the capacity page for a period (default: the last 13 weeks up to today): per worker
 * the cases assigned, picked up, contact attempts, closed and overdue; per district (CBS wijk from
 * the address table, else the four-digit postcode) the inflow, pick-ups, closures, open and overdue.
 * Aggregates only; `exported` records it in the audit trail as an export in that format.
 */
export async function getWorklistStatistics(deps: AppDeps, ctx: CallContext, period: { from?: string; to?: string }, exported?: 'csv' | 'xlsx') {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const today = dutchToday(deps.now());
  const to = period.to || today;
  const from = period.from || addDays(to, -(DEFAULT_DAYS - 1));
  const errors: Record<string, string> = {};
  if (!validDate(from)) errors.from = 'date';
  if (!validDate(to)) errors.to = 'date';
  if (!errors.from && !errors.to && from > to) errors.to = 'before_from';
  if (Object.keys(errors).length) throw new WorklistInputError(errors);
  const [perWorker, perArea] = await Promise.all([figuresPerWorker(deps.db, municipality, ctx.actor.organisationId, from, to, today), figuresPerArea(deps.db, municipality, from, to, today)]);
  if (exported) await appendAudit(deps.db, { ...auditActor(ctx), activity: 'capacity.export', objectType: 'statistics', objectIds: [], outcome: 'success', detail: { municipality, format: exported, from, to, workers: perWorker.length, areas: perArea.length } });
  return { today, from, to, perWorker, perArea };
}
