import type { Scenario } from './forecast.ts';
import type { Selection } from './selection.ts';

/** The question a what-if asks: these signal types under the current selection, against a proposal. */
export interface WhatIfQuestion {
  signalTypes: readonly string[];
  /** New signal types the proposal adds. */
  addSignalTypes?: readonly string[];
  current: Selection;
  /** A field left out keeps the current value. */
  proposed?: Selection;
}

export const CURRENT = 'huidig';
const PROPOSED = 'voorstel';

/** The two scenarios of a question: the current selection and the proposal (same stream, see forecast.ts). */
export function whatIfScenarios(q: WhatIfQuestion): Scenario[] {
  const proposed: Selection = {
    minAmount: q.proposed?.minAmount !== undefined ? q.proposed.minAmount : (q.current.minAmount ?? null),
    minArrearAgeMonths: q.proposed?.minArrearAgeMonths !== undefined ? q.proposed.minArrearAgeMonths : (q.current.minArrearAgeMonths ?? null),
  };
  return [
    { key: CURRENT, signalTypes: [...new Set(q.signalTypes)], selection: q.current },
    { key: PROPOSED, signalTypes: [...new Set([...q.signalTypes, ...(q.addSignalTypes ?? [])])], selection: proposed },
  ];
}

/** A population scale that keeps a forecast to about `budget` simulated inhabitants (web requests stay quick). */
export function scaleFor(inhabitants: number, budget = 1_500_000): number {
  if (inhabitants <= budget) return 1;
  return Math.max(0.01, Math.floor((budget / inhabitants) * 100) / 100);
}
