import { addMonths } from '../matching/dates.ts';
import type { LocalizedText } from '../rules/judgement.ts';

/**
 * Declared pre-selection (deck Q&A): the municipality must act on every signal, so senders select
 * before sending, and SZW wants to know how. Each experiment declares its rules; intake enforces
 * a rule (refuses the signal) or flags it (accepts, and records that the signal fell outside the
 * declared selection). A 'declared' rule is a description only: selection the signal cannot show.
 */
export type PreselectionKind = 'min_amount' | 'min_arrear_age_months' | 'declared';
export type PreselectionMode = 'enforce' | 'flag' | 'declared';

export interface PreselectionRule {
  kind: PreselectionKind;
  /** min_amount: euros. */
  amount?: number | null;
  /** min_arrear_age_months: months between the arrear's start and the signal date. */
  months?: number | null;
  mode: PreselectionMode;
  /** The organisation that selects (a creditor, or a processor for it); absent: every sender. */
  selectedBy?: string | null;
  description: string;
}

export interface SignalFacts {
  amountCents: number | null;
  arrearStartDate: string | null;
  signalDate: string;
  senderOrgId: string;
  creditorOrgId: string;
}

export interface PreselectionMiss {
  code: 'PRESELECTION_MIN_AMOUNT' | 'PRESELECTION_MIN_ARREAR_AGE';
  mode: 'enforce' | 'flag';
  message: LocalizedText;
}

export interface PreselectionResult {
  /** Misses of enforced rules: the signal is refused. */
  refusals: PreselectionMiss[];
  /** Misses of flagged rules: the signal is accepted and flagged. */
  flags: PreselectionMiss[];
}

const euros = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

/** Problems with a declared rule itself (for the API's input checks). */
export function preselectionRuleErrors(r: PreselectionRule): string[] {
  const errors: string[] = [];
  if (r.kind === 'declared' && r.mode !== 'declared') errors.push("a 'declared' rule cannot be checked: its mode must be 'declared'");
  if (r.kind !== 'declared' && r.mode === 'declared') errors.push(`a ${r.kind} rule is checked: its mode is 'enforce' or 'flag'`);
  if (r.kind === 'min_amount' && (typeof r.amount !== 'number' || !(r.amount > 0))) errors.push('min_amount needs an amount above 0 (euros)');
  if (r.kind === 'min_arrear_age_months' && (typeof r.months !== 'number' || !Number.isInteger(r.months) || r.months < 1))
    errors.push('min_arrear_age_months needs a whole number of months of at least 1');
  if (r.kind === 'declared' && r.description.trim() === '') errors.push('a declared rule needs a description of how the selection is made');
  return errors;
}

function miss(r: PreselectionRule, f: SignalFacts): PreselectionMiss | null {
  if (r.mode === 'declared') return null;
  if (r.selectedBy && r.selectedBy !== f.senderOrgId && r.selectedBy !== f.creditorOrgId) return null;
  if (r.kind === 'min_amount' && typeof r.amount === 'number') {
    const min = Math.round(r.amount * 100);
    if (f.amountCents !== null && f.amountCents >= min) return null;
    return {
      code: 'PRESELECTION_MIN_AMOUNT',
      mode: r.mode,
      message:
        f.amountCents === null
          ? { nl: `Het experiment selecteert op een achterstand van ten minste ${euros(min)}; het signaal noemt geen bedrag.`, en: `The experiment selects arrears of at least ${euros(min)}; the signal gives no amount.` }
          : { nl: `Het experiment selecteert op een achterstand van ten minste ${euros(min)}; dit signaal is ${euros(f.amountCents)}.`, en: `The experiment selects arrears of at least ${euros(min)}; this signal is ${euros(f.amountCents)}.` },
    };
  }
  if (r.kind === 'min_arrear_age_months' && typeof r.months === 'number') {
    if (f.arrearStartDate !== null && addMonths(f.arrearStartDate, r.months) <= f.signalDate) return null;
    return {
      code: 'PRESELECTION_MIN_ARREAR_AGE',
      mode: r.mode,
      message:
        f.arrearStartDate === null
          ? { nl: `Het experiment selecteert op achterstanden van ten minste ${r.months} maanden; het signaal noemt geen ontstaansdatum.`, en: `The experiment selects arrears at least ${r.months} months old; the signal gives no start date.` }
          : { nl: `Het experiment selecteert op achterstanden van ten minste ${r.months} maanden; deze bestaat sinds ${f.arrearStartDate}.`, en: `The experiment selects arrears at least ${r.months} months old; this one dates from ${f.arrearStartDate}.` },
    };
  }
  return null;
}

export function evaluatePreselection(rules: readonly PreselectionRule[], facts: SignalFacts): PreselectionResult {
  const refusals: PreselectionMiss[] = [];
  const flags: PreselectionMiss[] = [];
  for (const r of rules) {
    const m = miss(r, facts);
    if (m) (m.mode === 'enforce' ? refusals : flags).push(m);
  }
  return { refusals, flags };
}
