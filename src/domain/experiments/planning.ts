import { addMonths } from '../matching/dates.ts';
import type { LocalizedText } from '../rules/judgement.ts';
import { lastAllowedDay } from './ground-rules.ts';

/**
 * Planning (deck, "Aanvullende procesinformatie"): the ministerial regulation and the AP advice
 * take about four months, counted from the 80 % version of the plan. The monitoring and evaluation
 * report is due within three years of entry into force (TR art. 1.3).
 */
const LEAD_TIME_MONTHS = 4;
const EVALUATION_DUE_YEARS = 3;

export interface PlanningInput {
  plan80On: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  startedOn: string | null;
}

export interface Planning {
  /** The earliest realistic start: the 80 % plan plus the lead time. */
  earliestStart: string | null;
  /** The planned start leaves less than the usual lead time. */
  startTooEarly: boolean;
  /** The last day a five-year designation from the (planned) start may run. */
  latestEnd: string | null;
  evaluationDue: string | null;
  warnings: LocalizedText[];
}

export function planningOf(p: PlanningInput): Planning {
  const earliestStart = p.plan80On ? addMonths(p.plan80On, LEAD_TIME_MONTHS) : null;
  const start = p.startedOn ?? p.plannedStart;
  const startTooEarly = earliestStart !== null && p.plannedStart !== null && p.startedOn === null && p.plannedStart < earliestStart;
  const latestEnd = start ? lastAllowedDay(start) : null;
  const warnings: LocalizedText[] = [];
  if (startTooEarly)
    warnings.push({
      nl: `De geplande start (${p.plannedStart}) ligt minder dan ${LEAD_TIME_MONTHS} maanden na de 80%-versie van het plan (${p.plan80On}); reken op ${earliestStart}.`,
      en: `The planned start (${p.plannedStart}) is less than ${LEAD_TIME_MONTHS} months after the 80 % version of the plan (${p.plan80On}); expect ${earliestStart}.`,
    });
  if (latestEnd && p.plannedEnd && p.plannedEnd > latestEnd)
    warnings.push({ nl: `Het geplande einde (${p.plannedEnd}) ligt na ${latestEnd}: langer dan 5 jaar.`, en: `The planned end (${p.plannedEnd}) is after ${latestEnd}: longer than 5 years.` });
  if (!p.plan80On && p.startedOn === null)
    warnings.push({ nl: 'De datum van de 80%-versie van het plan ontbreekt; de doorlooptijd is niet te bepalen.', en: 'The date of the 80 % version of the plan is missing; the lead time cannot be determined.' });
  return { earliestStart, startTooEarly, latestEnd, evaluationDue: start ? addMonths(start, EVALUATION_DUE_YEARS * 12) : null, warnings };
}
