/**
 * The life of a case (DDAS vroegsignaalzaak): matching opens it (or closes it at once when it is
 * made of a repeat only); the first real contact attempt picks it up (DDAS datum_opgepakt); an end
 * result closes it. Two ways back: a case closed only as a repeat opens again when a signal that
 * is not a repeat joins it, and a worker re-opens a closed case with a reason (issue 20: a result
 * recorded in error, a resident who comes back). The allowed transitions live here and nowhere else.
 */
export const CASE_STATUSES = ['open', 'picked_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The DDAS end result of a case made of repeats only ("same creditor and arrear, not increased"). */
export const REPEAT_RESULT = 'Niet opgepakt: herhaalde melding';

/** from → to → what makes the change. A status kept (a second contact attempt) is no transition. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseStatus, string>>>> = {
  open: { picked_up: 'a first contact attempt', closed: 'an end result' },
  picked_up: { closed: 'an end result' },
  closed: { open: 'a signal that is not a repeat joining a case closed as a repeat, or a worker re-opening it with a reason', picked_up: 'a worker re-opening, with a reason, a case that was picked up before' },
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

/** The longest reason for re-opening a case a worker may give (it is audited and shown on the timeline). */
export const REOPEN_REASON_MAX = 500;

/**
 * May a worker re-open this case with this reason? Only a closed case, and never without saying why:
 * the reason goes into the audit trail and the case's timeline, so an end result is not undone silently.
 * Nor while the same household has another open case (`householdOpenCase`, its number).
 */
export function checkReopen(c: { status: CaseStatus }, reason: string, householdOpenCase?: string): CaseTransitionCheck {
  if (c.status !== 'closed') return { allowed: false, reason: 'the case is not closed' };
  // Matching has since opened a case for the same household: work on in that one, not in two at once.
  if (householdOpenCase !== undefined) return { allowed: false, reason: `the household has an open case: ${householdOpenCase}` };
  const r = reason.trim();
  if (r.length === 0) return { allowed: false, reason: 'a reason is required' };
  if (r.length > REOPEN_REASON_MAX) return { allowed: false, reason: `the reason is longer than ${REOPEN_REASON_MAX} characters` };
  return { allowed: true };
}

/** The status a re-opened case takes: picked up again when it was (the DDAS datum_opgepakt stands, and its creditors keep seeing "Opgepakt"). */
export function reopenedStatus(c: { picked_up_on: string | null }): 'open' | 'picked_up' {
  return c.picked_up_on ? 'picked_up' : 'open';
}
