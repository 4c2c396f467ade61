/**
 * A proposed selection rule for the capacity what-if: the same rule kinds an experiment declares
 * as pre-selection (src/domain/experiments/preselection.ts), applied the way intake would enforce
 * them. Reusing that evaluator keeps "what the what-if counts" and "what intake lets through" one rule.
 */
import { evaluatePreselection, type PreselectionRule } from '../experiments/preselection.ts';
import type { SignalInput } from '../signals/signal.ts';
import { toCents } from '../signals/normalise.ts';

export interface Selection {
  /** Euros; a signal below it is not sent. */
  minAmount?: number | null;
  /** Whole months between the arrear's start and the signal date. */
  minArrearAgeMonths?: number | null;
}

/** The selection as enforced pre-selection rules. */
export function selectionRules(s: Selection): PreselectionRule[] {
  const rules: PreselectionRule[] = [];
  if (s.minAmount != null && s.minAmount > 0) rules.push({ kind: 'min_amount', amount: s.minAmount, mode: 'enforce', description: '' });
  if (s.minArrearAgeMonths != null && s.minArrearAgeMonths > 0) rules.push({ kind: 'min_arrear_age_months', months: s.minArrearAgeMonths, mode: 'enforce', description: '' });
  return rules;
}

/** Problems with a selection (for CLI and form input), per field. */
export function selectionErrors(s: Selection, prefix = ''): Array<{ name: string; reason: string }> {
  const out: Array<{ name: string; reason: string }> = [];
  if (s.minAmount != null && !(Number.isFinite(s.minAmount) && s.minAmount >= 0 && s.minAmount <= 1_000_000))
    out.push({ name: `${prefix}minAmount`, reason: 'an amount in euros from 0 to 1,000,000' });
  if (s.minArrearAgeMonths != null && !(Number.isInteger(s.minArrearAgeMonths) && s.minArrearAgeMonths >= 0 && s.minArrearAgeMonths <= 60))
    out.push({ name: `${prefix}minArrearAgeMonths`, reason: 'a whole number of months from 0 to 60' });
  return out;
}

/** Would the sender send this signal under the rules? (Refused by an enforced rule: no.) */
export function isSelected(rules: readonly PreselectionRule[], signal: SignalInput, senderId: string): boolean {
  if (rules.length === 0) return true;
  const r = evaluatePreselection(rules, {
    amountCents: toCents(signal.amount) ?? null,
    arrearStartDate: signal.arrearStartDate ?? null,
    signalDate: signal.signalDate,
    senderOrgId: senderId,
    creditorOrgId: senderId,
  });
  return r.refusals.length === 0;
}
