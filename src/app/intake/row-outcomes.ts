import type { Refusal } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';

/** The outcome of a re-used reference with other content. */
export const CONFLICT: Refusal = {
  code: 'REFERENCE_REUSED',
  inputError: true,
  field: 'reference',
  message: {
    nl: 'Dit kenmerk is al gebruikt voor een ander signaal van uw organisatie; gebruik een nieuw kenmerk.',
    en: 'This reference was already used for a different signal from your organisation; use a new reference.',
  },
};

/** A refusal as a batch row keeps it (and the results file shows it). */
export type StoredRefusal = Pick<Refusal, 'code' | 'field' | 'citation' | 'message'>;

export const toStoredRefusals = (refusals: readonly Refusal[]): StoredRefusal[] =>
  refusals.map((r) => ({ code: r.code, field: r.field, citation: r.citation, message: r.message }));

/**
 * A resident's objection means nothing is kept, not even the sender's reference: one answered in
 * the creditor's reminder (TR art. 1.2 d), or one registered with the municipality (art. 21 AVG,
 * objection-refusal.ts).
 */
const OBJECTION_CODES = new Set(['RESIDENT_OBJECTED', 'RESIDENT_OBJECTION_REGISTERED']);
export const isObjected = (refusals: readonly Refusal[]) => refusals.some((r) => OBJECTION_CODES.has(r.code));

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const short = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 40 ? v : null);

/** What the evaluation counts a refused row by: never who it was about, only where, what and when (as sent). */
export function refusedRowFacts(s: SignalInput): { municipality_code: string | null; signal_type: string | null; signal_date: string | null } {
  const date = typeof s.signalDate === 'string' && DAY.test(s.signalDate) && new Date(`${s.signalDate}T00:00:00Z`).toISOString().startsWith(s.signalDate) ? s.signalDate : null;
  return { municipality_code: short(s.municipalityCode), signal_type: short(s.signalType), signal_date: date };
}
