/**
 * The municipality's weighing framework (afwegingskader): an ordered list of rules, each sending
 * the cases it catches to a queue (werkbakje). The first rule that matches wins; a case no rule
 * catches has no queue ("niet ingedeeld"). A rule is a conjunction: every condition it sets must
 * hold; a condition left out does not restrict.
 */

export const AGE_GROUPS = ['18-26', '27-45', '46-66', '67+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface RuleConditions {
  /** Any of these signal types is in the case. */
  signalTypes?: string[];
  /** Total arrear of the case, in cents, at least / at most. */
  minAmountCents?: number;
  maxAmountCents?: number;
  /** DDAS flags of the case: true = must be set, false = must not be set. */
  multiple?: boolean;
  consecutive?: boolean;
  crisis?: boolean;
  /** Age group of the resident; only known when the municipality recorded it (no signal carries a birth date). */
  ageGroups?: string[];
  /** District (wijk/stadsdeel) of the address, by the municipality's own district table. */
  districts?: string[];
}

export interface QueueRule {
  id: string;
  queueId: string;
  position: number;
  conditions: RuleConditions;
}

/** The facts of a case a rule looks at. */
export interface CaseFacts {
  signalTypes: readonly string[];
  amountCents: number | null;
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  ageGroup: string | null;
  district: string | null;
}

export function ruleMatches(c: RuleConditions, f: CaseFacts): boolean {
  if (c.signalTypes?.length && !c.signalTypes.some((t) => f.signalTypes.includes(t))) return false;
  if (c.minAmountCents !== undefined && (f.amountCents === null || f.amountCents < c.minAmountCents)) return false;
  if (c.maxAmountCents !== undefined && (f.amountCents === null || f.amountCents > c.maxAmountCents)) return false;
  if (c.multiple !== undefined && f.multiple !== c.multiple) return false;
  if (c.consecutive !== undefined && f.consecutive !== c.consecutive) return false;
  if (c.crisis !== undefined && f.crisis !== c.crisis) return false;
  if (c.ageGroups?.length && (f.ageGroup === null || !c.ageGroups.includes(f.ageGroup))) return false;
  if (c.districts?.length && (f.district === null || !c.districts.includes(f.district))) return false;
  return true;
}

/** Rules in their order. */
export function orderRules<R extends { position: number; id: string }>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

/** The rule that catches a case: the first in order that matches, or undefined. */
export function firstMatchingRule(rules: readonly QueueRule[], f: CaseFacts): QueueRule | undefined {
  for (const r of orderRules(rules)) if (ruleMatches(r.conditions, f)) return r;
  return undefined;
}

/**
 * How many of the given cases each rule catches with first-match-wins, and how many no rule
 * catches: the preview a coordinator sees before saving a change.
 */
export function previewCounts(rules: readonly QueueRule[], cases: Iterable<CaseFacts>): { byRule: Map<string, number>; unmatched: number } {
  const ordered = orderRules(rules);
  const byRule = new Map<string, number>(ordered.map((r) => [r.id, 0]));
  let unmatched = 0;
  for (const f of cases) {
    const r = ordered.find((x) => ruleMatches(x.conditions, f));
    if (r) byRule.set(r.id, (byRule.get(r.id) ?? 0) + 1);
    else unmatched++;
  }
  return { byRule, unmatched };
}

/** A rule's conditions in words for the coordinator's screens (Dutch and English). */
export function isEmptyRule(c: RuleConditions): boolean {
  return (
    !c.signalTypes?.length &&
    c.minAmountCents === undefined &&
    c.maxAmountCents === undefined &&
    c.multiple === undefined &&
    c.consecutive === undefined &&
    c.crisis === undefined &&
    !c.ageGroups?.length &&
    !c.districts?.length
  );
}
