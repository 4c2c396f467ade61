import type { Refusal } from '../rules/judgement.ts';
import type { SignalInput } from '../signals/signal.ts';

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

/**
 * The refusal of a signal about a resident who objected to the municipality's processing for early
 * signalling (art. 21 lid 1 AVG; README "Objections"). Unlike TR art. 1.2 onder d — an objection to
 * one creditor's signal, answered in that creditor's reminder — this one binds every sender, for
 * as long as the objection stands. Nothing of the row is kept, as with that one.
 */
export const OBJECTION_REGISTERED: Refusal = {
  code: 'RESIDENT_OBJECTION_REGISTERED',
  inputError: false,
  citation: {
    regulation: 'algemene-verordening-gegevensbescherming',
    title: 'Algemene verordening gegevensbescherming',
    article: '21',
    paragraph: '1',
    url: 'https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679',
  },
  message: {
    nl: 'De inwoner heeft bij de gemeente bezwaar gemaakt tegen het verwerken van zijn gegevens voor vroegsignalering (art. 21 lid 1 AVG). De gemeente neemt geen signalen over deze persoon aan; stuur dit signaal niet opnieuw.',
    en: 'The resident objected with the municipality to the processing of their data for early signalling (art. 21(1) GDPR). The municipality takes no signals about this person; do not send this signal again.',
  },
};

/** A refusal as a batch row keeps it (and the results file shows it). */
export type StoredRefusal = Pick<Refusal, 'code' | 'field' | 'citation' | 'message'>;

export const toStoredRefusals = (refusals: readonly Refusal[]): StoredRefusal[] =>
  refusals.map((r) => ({ code: r.code, field: r.field, citation: r.citation, message: r.message }));

/**
 * A resident's objection means nothing is kept, not even the sender's reference: one answered in
 * the creditor's reminder (TR art. 1.2 d), or one registered with the municipality (art. 21 AVG,
 * OBJECTION_REGISTERED).
 */
const OBJECTION_CODES = new Set(['RESIDENT_OBJECTED', 'RESIDENT_OBJECTION_REGISTERED']);
export const isObjected = (refusals: readonly Refusal[]) => refusals.some((r) => OBJECTION_CODES.has(r.code));

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const short = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 40 ? v : null);

/** What the evaluation counts a refused row by: never who it was about, only where, what and when (as sent). */
export interface RefusedRowFacts {
  municipality_code: string | null;
  signal_type: string | null;
  signal_date: string | null;
}

export function refusedRowFacts(s: SignalInput): RefusedRowFacts {
  const date = typeof s.signalDate === 'string' && DAY.test(s.signalDate) && new Date(`${s.signalDate}T00:00:00Z`).toISOString().startsWith(s.signalDate) ? s.signalDate : null;
  return { municipality_code: short(s.municipalityCode), signal_type: short(s.signalType), signal_date: date };
}
