import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `vsk_<prefix>_<secret>`. The prefix finds the key; the secret is 256 random
 * bits and stored only as its SHA-256. A fast hash is right here (unlike passwords): a 256-bit
 * random secret cannot be guessed, and every API request verifies one.
 */
export interface NewApiKeySecret {
  token: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `vsk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const m = /^vsk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$/.exec(token);
  return m ? { prefix: m[1]!, secret: m[2]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
