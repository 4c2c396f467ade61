import type { LocalizedText } from '../rules/judgement.ts';
import { addDays, addMonths } from '../matching/dates.ts';

/**
 * The ground rules (randvoorwaarden) of the ministry deck, plus the DPIA decision from its lessons
 * learned. A plan cannot be submitted while one is unmet. Each is ticked with a note, except the
 * duration, which follows from the planned dates (art. 10 Wgs: at most five years).
 */
export const GROUND_RULES = [
  { code: 'creditors_participate_social_collection_first', deck: 1, label: { nl: 'Schuldeisers nemen deel en eerst sociale incasso', en: 'Creditors take part and social collection comes first' } },
  { code: 'residents_can_object', deck: 2, label: { nl: 'Inwoners kunnen bezwaar maken tegen het doorgeven van hun gegevens', en: 'Residents can object to passing on their personal data' } },
  { code: 'help_on_all_signals', deck: 3, label: { nl: 'Gemeenten bieden hulp aan op alle signalen', en: 'Municipalities offer help on all signals' } },
  { code: 'max_duration_5_years', deck: 4, label: { nl: 'Experiment duurt maximaal 5 jaar', en: 'The experiment lasts at most 5 years' } },
  { code: 'monitoring_evaluation_publication', deck: 5, label: { nl: 'Monitoring en evaluatie, inclusief publicatie', en: 'Monitoring and evaluation, including publication' } },
  { code: 'participants_pay', deck: 6, label: { nl: 'Deelnemers financieren', en: 'Participants pay' } },
  { code: 'ap_advice_before_start', deck: 7, label: { nl: 'Vooraf advies Autoriteit Persoonsgegevens', en: 'Advice of the Autoriteit Persoonsgegevens before the start' } },
  { code: 'internet_publication_before_start', deck: 8, label: { nl: 'Vooraf publicatie op internet', en: 'Publication on the internet before the start' } },
  { code: 'dpia_decision', deck: null, label: { nl: 'Uitsluitsel over de DPIA', en: 'A decision on the DPIA' } },
] as const satisfies ReadonlyArray<{ code: string; deck: number | null; label: LocalizedText }>;

export type GroundRuleCode = (typeof GROUND_RULES)[number]['code'];
export const COMPUTED_GROUND_RULES: ReadonlySet<GroundRuleCode> = new Set(['max_duration_5_years']);
const MAX_EXPERIMENT_YEARS = 5;

export function isGroundRuleCode(s: string): s is GroundRuleCode {
  return GROUND_RULES.some((g) => g.code === s);
}

export interface GroundRuleTick {
  code: string;
  met: boolean;
  note: string;
}

export interface GroundRuleStatus {
  code: GroundRuleCode;
  label: LocalizedText;
  met: boolean;
  computed: boolean;
  /** The note given when it was ticked. */
  note: string;
  /** For a computed rule: what the computation found. */
  finding?: LocalizedText;
}

/** Last allowed day of a period starting on `start`: five years minus one day (until is inclusive). */
export function lastAllowedDay(start: string): string {
  return addDays(addMonths(start, MAX_EXPERIMENT_YEARS * 12), -1);
}

function durationStatus(plannedStart: string | null, plannedEnd: string | null): { met: boolean; note: string; finding: LocalizedText } {
  if (!plannedStart || !plannedEnd)
    return { met: false, note: '', finding: { nl: 'Geplande start- en einddatum ontbreken.', en: 'Planned start and end dates are missing.' } };
  const last = lastAllowedDay(plannedStart);
  return plannedEnd <= last
    ? { met: true, note: '', finding: { nl: `${plannedStart} t/m ${plannedEnd}; uiterlijk ${last} toegestaan.`, en: `${plannedStart} to ${plannedEnd}; ${last} at the latest.` } }
    : { met: false, note: '', finding: { nl: `${plannedStart} t/m ${plannedEnd} is langer dan 5 jaar (uiterlijk ${last}).`, en: `${plannedStart} to ${plannedEnd} is longer than 5 years (${last} at the latest).` } };
}

/** The checklist as it stands: every ground rule, ticked or computed. */
export function groundRuleStatus(ticks: readonly GroundRuleTick[], dates: { plannedStart: string | null; plannedEnd: string | null }): GroundRuleStatus[] {
  const byCode = new Map(ticks.map((t) => [t.code, t]));
  return GROUND_RULES.map((g) => {
    if (COMPUTED_GROUND_RULES.has(g.code)) return { code: g.code, label: g.label, computed: true, ...durationStatus(dates.plannedStart, dates.plannedEnd) };
    const t = byCode.get(g.code);
    return { code: g.code, label: g.label, computed: false, met: t?.met === true, note: t?.note ?? '' };
  });
}

export function unmetGroundRules(status: readonly GroundRuleStatus[]): GroundRuleStatus[] {
  return status.filter((s) => !s.met);
}
