import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { inflowPerWeek, openCasesPerWorker } from '../../db/repositories/worklist.ts';
import { weeklySeries, weekStart } from '../../domain/worklist/iso-weeks.ts';
import { addDays } from '../../domain/matching/dates.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { ownMunicipality } from './own-municipality.ts';

const INFLOW_WEEKS = 12;

/** Open cases per worker (and unassigned) and new cases per week: aggregates only, no personal data. */
export async function getWorkload(deps: AppDeps, ctx: CallContext) {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const today = dutchToday(deps.now());
  const settings = await getWorklistSettings(deps.db, municipality);
  const from = addDays(weekStart(today), -7 * (INFLOW_WEEKS - 1));
  const [perWorker, inflow] = await Promise.all([openCasesPerWorker(deps.db, municipality, today, settings.contactTargetDays), inflowPerWeek(deps.db, municipality, from)]);
  return { today, perWorker, inflow: weeklySeries(today, INFLOW_WEEKS, inflow) };
}
