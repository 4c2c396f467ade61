import * as crypto from 'node:crypto';

/**
 * Keyed pseudonyms (HMAC-SHA-256, truncated) for BSNs and other identifiers in analytics, exports
 * and the audit trail. Without the key they cannot be reversed or recomputed from a BSN list;
 * the key is configuration (PSEUDONYM_KEY), never code.
 */
export type Pseudonymizer = (kind: string, value: string) => string;

const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: string) => string | Buffer }).hash;

export function createPseudonymizer(key: string): Pseudonymizer {
  const viaHmac: Pseudonymizer = (kind, value) => crypto.createHmac('sha256', key).update(kind).update('\0').update(value).digest('base64url').slice(0, 22);
  // eslint-disable-next-line no-control-regex -- exactly "the key is ASCII"
  if (!oneShot || Buffer.byteLength(key) > 64 || !/^[\x00-\x7f]*$/.test(key)) return viaHmac;
  // The same HMAC (RFC 2104) from two one-shot hashes: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)). Intake
  // computes one per signal, and a Hmac object costs more than the hashing. With an ASCII key of at
  // most 64 bytes both padded keys are ASCII, so the inner input can be one string.
  let ipad = '';
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) {
    const k = i < key.length ? key.charCodeAt(i) : 0;
    ipad += String.fromCharCode(k ^ 0x36);
    outer[i] = k ^ 0x5c;
  }
  const hash = oneShot;
  return (kind, value) => {
    (hash('sha256', `${ipad}${kind}\0${value}`, 'buffer') as Buffer).copy(outer, 64);
    return (hash('sha256', outer, 'base64url') as string).slice(0, 22);
  };
}
