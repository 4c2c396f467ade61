import type { LocalizedText } from '../rules/judgement.ts';
import type { ArmDesign } from './arms.ts';
import { powerOf, sampleSizePerArm } from './sample-size.ts';
import { designEditable, type Stage } from './stages.ts';

/**
 * The pre-registered analysis plan: before an experiment runs, what it will compare (outcomes,
 * arms), the smallest effect that matters, and whether the expected inflow gives each arm the
 * households that comparison needs. Recorded before the start and frozen from then on, so the
 * evaluation cannot pick its outcome after seeing the data.
 */
export const PLAN_OUTCOMES = ['reached', 'helpAccepted', 'pickedUp', 'onTime', 'newHousehold'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<PlanOutcome, LocalizedText> = {
  reached: { nl: 'Inwoner bereikt', en: 'Resident reached' },
  helpAccepted: { nl: 'Hulp geaccepteerd', en: 'Help accepted' },
  pickedUp: { nl: 'Opgepakt', en: 'Picked up' },
  onTime: { nl: 'Eerste contact binnen termijn', en: 'First contact within deadline' },
  newHousehold: { nl: 'Nieuw huishouden (geen standaardsignaal)', en: 'New household (no standard signal)' },
};

/** The deck's two questions: the new signal's stand-alone value, and whether it holds without prior consent. */
const PLAN_QUESTIONS = ['standalone', 'without_consent'] as const;
export type PlanQuestion = (typeof PLAN_QUESTIONS)[number];
export const QUESTION_LABELS: Record<PlanQuestion, LocalizedText> = {
  standalone: { nl: 'Toegevoegde waarde van het nieuwe signaal op zichzelf', en: 'Stand-alone value of the new signal' },
  without_consent: { nl: 'Werkt het zonder voorafgaande toestemming?', en: 'Does it hold without prior consent?' },
};

export type InflowSource = 'forecast' | 'stated' | 'entered';

export interface PlanInput {
  primaryOutcome: string;
  secondaryOutcomes: readonly string[];
  /** Expected rate of the primary outcome in the reference arm, in percent. */
  baselinePct: number | null;
  /** The smallest difference that matters, in percentage points. */
  minimalEffectPts: number | null;
  /** Households (signals) per month expected over the whole experiment. */
  inflowPerMonth: number | null;
}

export interface PlanComparison {
  question: PlanQuestion;
  arm: string;
  reference: string;
}

export interface AnalysisPlan {
  primaryOutcome: PlanOutcome;
  secondaryOutcomes: PlanOutcome[];
  baselinePct: number;
  minimalEffectPts: number;
  inflowPerMonth: number;
  inflowSource: InflowSource;
  months: number;
  arms: Array<{ code: string; share: number }>;
  comparisons: PlanComparison[];
  neededPerArm: number;
  /** The smallest arm's expected households over the planned period. */
  expectedPerArm: number;
  powered: boolean;
}

export interface PlanProblem {
  name: keyof PlanInput | 'arms' | 'dates';
  message: LocalizedText;
}

const isOutcome = (s: string): s is PlanOutcome => (PLAN_OUTCOMES as readonly string[]).includes(s);

/** The stage the plan freezes in: it may change until the experiment runs, never after. */
export function planEditable(stage: Stage): boolean {
  return designEditable(stage);
}

/**
 * Which arms answer which question: the new signal alone against it combined with the household's
 * other signals (same consent setting), and contact without against with prior consent (same
 * combination). An arm pair differing in both would confound the two.
 */
export function comparisonsOf(arms: readonly Pick<ArmDesign, 'code' | 'combineWithOtherSignals' | 'withoutPriorConsent'>[]): PlanComparison[] {
  const out: PlanComparison[] = [];
  const pair = (question: PlanQuestion, isArm: (a: (typeof arms)[number]) => boolean, isRef: (a: (typeof arms)[number]) => boolean, same: (a: (typeof arms)[number], r: (typeof arms)[number]) => boolean) => {
    for (const a of arms.filter(isArm)) {
      const r = arms.find((x) => isRef(x) && same(a, x));
      if (r) return void out.push({ question, arm: a.code, reference: r.code });
    }
  };
  pair('standalone', (a) => !a.combineWithOtherSignals, (a) => a.combineWithOtherSignals, (a, r) => (a.withoutPriorConsent ?? false) === (r.withoutPriorConsent ?? false));
  pair('without_consent', (a) => a.withoutPriorConsent === true, (a) => a.withoutPriorConsent === false, (a, r) => a.combineWithOtherSignals === r.combineWithOtherSignals);
  return out;
}

/** Months from the planned start to the planned end (inclusive), rounded, at least one. */
export function plannedMonths(start: string, end: string): number {
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  return Math.max(1, Math.round(days / (365.25 / 12)));
}

/** Checks the input and works out what the plan needs; every problem at once, per field. */
export function buildPlan(
  input: PlanInput,
  context: { arms: readonly ArmDesign[]; plannedStart: string | null; plannedEnd: string | null; inflowSource: InflowSource },
): { plan?: AnalysisPlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const add = (name: PlanProblem['name'], nl: string, en: string) => problems.push({ name, message: { nl, en } });
  if (!isOutcome(input.primaryOutcome)) add('primaryOutcome', 'Kies de primaire uitkomstmaat.', 'Choose the primary outcome.');
  const secondary = [...new Set(input.secondaryOutcomes)].filter((s) => s !== input.primaryOutcome);
  if (secondary.some((s) => !isOutcome(s))) add('secondaryOutcomes', 'Onbekende secundaire uitkomstmaat.', 'Unknown secondary outcome.');
  const b = input.baselinePct;
  if (b === null || !Number.isFinite(b) || b <= 0 || b >= 100) add('baselinePct', 'Geef het verwachte percentage in de referentiegroep, tussen 0 en 100.', 'Give the expected percentage in the reference arm, between 0 and 100.');
  const e = input.minimalEffectPts;
  if (e === null || !Number.isFinite(e) || e <= 0) add('minimalEffectPts', 'Geef het kleinste verschil dat ertoe doet, in procentpunten (meer dan 0).', 'Give the smallest difference that matters, in percentage points (above 0).');
  else if (b !== null && b > 0 && b < 100 && b + e >= 100) add('minimalEffectPts', 'Referentie plus verschil moet onder 100% blijven.', 'Reference plus difference must stay below 100 %.');
  const inflow = input.inflowPerMonth;
  if (inflow === null || !Number.isFinite(inflow) || inflow <= 0)
    add('inflowPerMonth', 'Geef de verwachte instroom per maand, of laat de voorspelling die berekenen (gemeenten en signaal nodig).', 'Give the expected inflow per month, or let the forecast compute it (needs municipalities and a signal).');
  if (!context.plannedStart || !context.plannedEnd) add('dates', 'Vul eerst de geplande start- en einddatum in.', 'Fill in the planned start and end dates first.');
  const comparisons = comparisonsOf(context.arms);
  if (comparisons.length === 0)
    add('arms', 'Leg eerst experimentgroepen vast die een van beide onderzoeksvragen beantwoorden (signaal alleen vs. gecombineerd, of zonder vs. met toestemming).', 'First set experiment groups that answer one of the two research questions (signal alone vs combined, or without vs with consent).');
  if (problems.length > 0) return { problems };
  const months = plannedMonths(context.plannedStart!, context.plannedEnd!);
  const weight = context.arms.reduce((s, a) => s + a.weight, 0);
  const arms = context.arms.map((a) => ({ code: a.code, share: a.weight / weight }));
  const used = new Set(comparisons.flatMap((c) => [c.arm, c.reference]));
  const minShare = Math.min(...arms.filter((a) => used.has(a.code)).map((a) => a.share));
  const needed = sampleSizePerArm({ baseline: b! / 100, compared: (b! + e!) / 100 }).perArm;
  const expectedPerArm = Math.floor(inflow! * months * minShare);
  return {
    problems,
    plan: {
      primaryOutcome: input.primaryOutcome as PlanOutcome,
      secondaryOutcomes: secondary as PlanOutcome[],
      baselinePct: b!,
      minimalEffectPts: e!,
      inflowPerMonth: inflow!,
      inflowSource: context.inflowSource,
      months,
      arms,
      comparisons,
      neededPerArm: needed,
      expectedPerArm,
      powered: expectedPerArm >= needed,
    },
  };
}

export interface ObservedArm {
  arm: string;
  /** Households in the arm (the primary outcome's denominator). */
  n: number;
  successes: number;
}

export interface QuestionVerdict {
  question: PlanQuestion;
  arm: string | null;
  reference: string | null;
  /** 'answerable': enough households for the planned effect; 'underpowered': too few; 'not_in_design': no arms compare it. */
  verdict: 'answerable' | 'underpowered' | 'not_in_design';
  observed: { arm: number; reference: number } | null;
  neededPerArm: number;
  /** The power the observed groups had to find the planned minimal effect. */
  power: number | null;
  /** Observed difference in the primary outcome, percentage points (arm − reference). */
  differencePts: number | null;
  /** The observed difference is at least the minimal effect that matters. */
  reachesMinimalEffect: boolean | null;
}

/** Against the frozen plan: per question, did the experiment have the households to answer it, and what did it find? */
export function judgeAgainstPlan(plan: AnalysisPlan, observed: readonly ObservedArm[]): QuestionVerdict[] {
  return PLAN_QUESTIONS.map((question): QuestionVerdict => {
    const c = plan.comparisons.find((x) => x.question === question);
    if (!c) return { question, arm: null, reference: null, verdict: 'not_in_design', observed: null, neededPerArm: plan.neededPerArm, power: null, differencePts: null, reachesMinimalEffect: null };
    const a = observed.find((o) => o.arm === c.arm) ?? { arm: c.arm, n: 0, successes: 0 };
    const r = observed.find((o) => o.arm === c.reference) ?? { arm: c.reference, n: 0, successes: 0 };
    const power = powerOf({ baseline: plan.baselinePct / 100, compared: (plan.baselinePct + plan.minimalEffectPts) / 100 }, a.n, r.n);
    const diff = a.n > 0 && r.n > 0 ? Math.round((a.successes / a.n - r.successes / r.n) * 1000) / 10 : null;
    return {
      question,
      arm: c.arm,
      reference: c.reference,
      verdict: Math.min(a.n, r.n) >= plan.neededPerArm ? 'answerable' : 'underpowered',
      observed: { arm: a.n, reference: r.n },
      neededPerArm: plan.neededPerArm,
      power,
      differencePts: diff,
      reachesMinimalEffect: diff === null ? null : Math.abs(diff) >= plan.minimalEffectPts,
    };
  });
}
