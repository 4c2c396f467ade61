/**
 * The finest cells the evaluation's SQL returns (counts and sums only, so they add up); every
 * published table is a roll-up of these, suppressed afterwards. No cell identifies a case or a person.
 */

export interface EvaluationFilter {
  /** Period, inclusive, by signal date (signals, refusals) and by first signal date (cases). */
  from: string;
  to: string;
  municipalities?: readonly string[] | undefined;
  /** Our signal types (the rule data's codes); the API takes DDAS partner types and expands them. */
  signalTypes?: readonly string[] | undefined;
  /** Experiment arms (cases.experiment_arm); with arms only the arms' cases and their signals count. */
  arms?: readonly string[] | undefined;
  /** An experiment's id: its cases carry experiment_arm '<experiment>/<arm>' (src/domain/experiments/arms.ts). */
  experiment?: string | undefined;
  /** 'YYYY-MM-DD' of today: open cases past their deadline are overdue. */
  today: string;
  /**
   * A property of the case to break the figures down by (signals take their case's): the
   * experiment arm, the district (CBS wijk from the address table, else the four-digit postcode) or
   * the worklist queue. Unset: signals are not joined to their cases (the cheaper pass).
   */
  caseKey?: CaseKey | undefined;
}

export const CASE_KEYS = ['arm', 'district', 'queue'] as const;
export type CaseKey = (typeof CASE_KEYS)[number];

export interface SignalCell {
  month: string;
  municipality: string;
  signalType: string;
  /** The filter's caseKey of the signal's case ('' when not asked for or not in a case). */
  caseKey?: string;
  signals: number;
  crisis: number;
  repeats: number;
  inCase: number;
  withAmount: number;
  amountSumCents: number;
  /** Amount bands in euros: < 300, 300–1,000, 1,000–2,500, ≥ 2,500. */
  bandUnder300: number;
  band300To1000: number;
  band1000To2500: number;
  band2500Plus: number;
}

export interface RefusedCell {
  month: string;
  municipality: string;
  signalType: string;
  refusedRows: number;
}

export interface RefusalReasonCell {
  month: string;
  municipality: string;
  signalType: string;
  code: string;
  /** '<regulation> art. <article>' or '' when the refusal cites no article (input errors). */
  article: string;
  count: number;
}

export interface CaseCell {
  month: string;
  municipality: string;
  arm: string;
  /** The filter's caseKey of the case ('' when not asked for). */
  caseKey?: string;
  signalTypes: string[];
  cases: number;
  signalsInCases: number;
  multiple: number;
  consecutive: number;
  crisis: number;
  known: number;
  experimental: number;
  experimentalNew: number;
  households1: number;
  households2: number;
  households3: number;
  households4Plus: number;
  pickedUp: number;
  /** Null when contact attempts are not recorded on this platform (yet). */
  contactAttempted: number | null;
  reached: number;
  helpAccepted: number;
  withOutcome: number;
  /** Closed with a "not picked up" end result and never picked up. */
  notPickedUp?: number;
  firstContact: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  daysToFirstContactSum: number;
}

export interface EvaluationCells {
  signals: SignalCell[];
  refused: RefusedCell[];
  reasons: RefusalReasonCell[];
  cases: CaseCell[];
  /** How "first contact" was measured: the first contact attempt, or the date the case was picked up. */
  firstContactBasis: 'contact_attempts' | 'picked_up_on';
}
