/**
 * The life of a case (DDAS vroegsignaalzaak): matching opens it (or closes it at once when it is
 * made of a repeat only); the first real contact attempt picks it up (DDAS datum_opgepakt); an end
 * result closes it. The one way back: a case closed only as a repeat opens again when a signal that
 * is not a repeat joins it. The allowed transitions live here and nowhere else.
 */
export const CASE_STATUSES = ['open', 'picked_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The DDAS end result of a case made of repeats only ("same creditor and arrear, not increased"). */
export const REPEAT_RESULT = 'Niet opgepakt: herhaalde melding';

/** from → to → what makes the change. A status kept (a second contact attempt) is no transition. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseStatus, string>>>> = {
  open: { picked_up: 'a first contact attempt', closed: 'an end result' },
  picked_up: { closed: 'an end result' },
  closed: { open: 'a signal that is not a repeat joining a case closed as a repeat' },
};

export type CaseTransitionCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * May a case go from its status to `to`? Keeping a status that is not closed is no change (a later
 * contact attempt on a picked-up case). A closed case opens again only when it was closed as a
 * repeat: an end result a worker recorded is final. The refusal says why, in English (callers put
 * it under their own field).
 */
export function checkCaseTransition(c: { status: CaseStatus; result: string | null }, to: CaseStatus): CaseTransitionCheck {
  if (c.status === 'closed') {
    if (to === 'open' && c.result === REPEAT_RESULT) return { allowed: true };
    return { allowed: false, reason: to === 'closed' ? `the case is already closed (${c.result ?? ''})` : 'the case is closed' };
  }
  if (c.status === to || CASE_TRANSITIONS[c.status][to] !== undefined) return { allowed: true };
  return { allowed: false, reason: `a case that is ${c.status} cannot become ${to}` };
}
