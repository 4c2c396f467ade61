import type { CaseResult } from '../ddas/vocabulary.ts';

/**
 * The end results after which a case may be handed to the municipality's debt-help system: follow-up
 * help or a referral that is financial. "Vervolghulp en/of verwijzing niet financieel" goes to
 * other help (social work, care), where the resident's debts are not needed, so it is not offered.
 */
const REFERRAL_RESULTS: ReadonlySet<string> = new Set<CaseResult>(['Vervolghulp en/of verwijzing financieel', 'Verwijzing zonder contact']);

export const isReferralResult = (result: string | null): boolean => result !== null && REFERRAL_RESULTS.has(result);

/** Delivery attempts before a referral counts as failed (about two days with the backoff below). */
export const MAX_DELIVERY_ATTEMPTS = 16;

/** Seconds until the next attempt after `attempts` failed ones: 30 s doubling, at most 6 hours. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

/** A debt-help system's address: https, or http only on this machine (a local receiver, tests). */
export function checkEndpointUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return undefined;
  return 'use https';
}

export const ENDPOINT_SECRET_MIN_LENGTH = 32;
