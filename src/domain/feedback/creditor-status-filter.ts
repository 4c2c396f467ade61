import type { CaseStatus } from '../cases/case-status.ts';
import { DDAS_SIGNAL_STATUSES, NOT_PICKED_UP, PICKED_UP } from './creditor-feedback.ts';

/**
 * The statuses a creditor can filter its signals by: exactly what creditorFeedbackStatus() can show,
 * so a filter never reveals a status the creditor may not see ("Niet opgepakt: andere reden" is
 * only ever "Niet opgepakt").
 */
export const CREDITOR_VISIBLE_STATUSES: readonly string[] = [
  ...DDAS_SIGNAL_STATUSES.filter((s) => s !== 'Niet opgepakt: andere reden'),
  NOT_PICKED_UP,
  PICKED_UP,
];

/** The case states in which the municipality has picked up a signal's case. */
export const PICKED_UP_CASE_STATES = ['picked_up', 'closed'] as const satisfies readonly CaseStatus[];

/**
 * Which stored signals show as a visible status (mirrors creditorFeedbackStatus):
 * - `status`: the signal's own status is one of these;
 * - `waiting`: "Nog niet opgepakt" and its case (if any) not picked up yet;
 * - `picked_up`: a non-DDAS status, or "Nog niet opgepakt" in a case that was picked up.
 */
export type StoredStatusFilter = { kind: 'status'; in: string[] } | { kind: 'waiting' } | { kind: 'picked_up'; ddas: string[] };

export function storedStatusesFor(visible: string): StoredStatusFilter | undefined {
  if (!CREDITOR_VISIBLE_STATUSES.includes(visible)) return undefined;
  if (visible === NOT_PICKED_UP) return { kind: 'status', in: ['Niet opgepakt: andere reden'] };
  if (visible === 'Nog niet opgepakt') return { kind: 'waiting' };
  if (visible === PICKED_UP) return { kind: 'picked_up', ddas: [...DDAS_SIGNAL_STATUSES] };
  return { kind: 'status', in: [visible] };
}

/** The same filter on one signal, for tests and in-memory use. */
export function matchesStatusFilter(f: StoredStatusFilter, signalStatus: string, caseStatus: string | null): boolean {
  const caseTaken = caseStatus !== null && (PICKED_UP_CASE_STATES as readonly string[]).includes(caseStatus);
  switch (f.kind) {
    case 'status':
      return f.in.includes(signalStatus);
    case 'waiting':
      return signalStatus === 'Nog niet opgepakt' && !caseTaken;
    case 'picked_up':
      return !f.ddas.includes(signalStatus) || (signalStatus === 'Nog niet opgepakt' && caseTaken);
  }
}
