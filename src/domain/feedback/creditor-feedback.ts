/**
 * What a creditor may learn about its signal. The DDAS model allows the signal statuses, except that
 * for "Niet opgepakt: andere reden" (staff shortage, detention, address unknown, unlawful residence…)
 * the creditor may only be told that the signal was not picked up — never why.
 */
import { SIGNAL_STATUSES, type SignalStatus } from '../ddas/vocabulary.ts';
import type { CaseStatus } from '../cases/case-status.ts';

// The one DDAS list (EnumSignaalstatus), under the names the feedback code has always used.
export const DDAS_SIGNAL_STATUSES = SIGNAL_STATUSES;
export type DdasSignalStatus = SignalStatus;

/** Status shown to creditors in place of "Niet opgepakt: andere reden". */
export const NOT_PICKED_UP = 'Niet opgepakt';

/** Picked up: the signal is part of a case the municipality is working on. */
export const PICKED_UP = 'Opgepakt';

export function creditorVisibleStatus(status: string): string {
  if (status === 'Niet opgepakt: andere reden') return NOT_PICKED_UP;
  if ((DDAS_SIGNAL_STATUSES as readonly string[]).includes(status)) return status;
  // Anything else (internal case states) reads to the creditor as: the municipality picked it up.
  return PICKED_UP;
}

/**
 * A case result that is also a DDAS signal status ("Niet opgepakt: …", "Inwoner is overleden", "Persoon
 * is geen inwoner (meer)…") ends the case's signals with that status; other results mean the signals
 * were picked up and keep no status of their own.
 */
export function signalStatusForCaseResult(result: string): DdasSignalStatus | undefined {
  return result !== 'Nog niet opgepakt' && (DDAS_SIGNAL_STATUSES as readonly string[]).includes(result) ? (result as DdasSignalStatus) : undefined;
}

/**
 * A signal's status in full: its own DDAS status once it has one other than "Nog niet opgepakt";
 * otherwise whether the municipality has picked up the case the signal is in. The stored status
 * stays "Nog niet opgepakt" when a case is worked (a help result is no signal status), so whoever
 * shows a signal's status — the worker's case page as much as the creditor — reads it through here.
 */
export function signalStatusInCase(signalStatus: string, caseStatus: CaseStatus | null): string {
  if (signalStatus !== 'Nog niet opgepakt') return signalStatus;
  return caseStatus === 'picked_up' || caseStatus === 'closed' ? PICKED_UP : signalStatus;
}

/** What the creditor sees for one signal: its status in the case, without a reason it may not know. */
export function creditorFeedbackStatus(signalStatus: string, caseStatus: CaseStatus | null): string {
  return creditorVisibleStatus(signalStatusInCase(signalStatus, caseStatus));
}
