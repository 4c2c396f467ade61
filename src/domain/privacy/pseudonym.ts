import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonyms (HMAC-SHA-256, truncated) for BSNs and other identifiers in analytics, exports
 * and the audit trail. Without the key they cannot be reversed or recomputed from a BSN list;
 * the key is configuration (PSEUDONYM_KEY), never code.
 */
export type Pseudonymizer = (kind: string, value: string) => string;

export function createPseudonymizer(key: string): Pseudonymizer {
  return (kind, value) => createHmac('sha256', key).update(kind).update('\0').update(value).digest('base64url').slice(0, 22);
}
