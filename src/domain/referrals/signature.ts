import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook's signature, after Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<raw body>` with the municipality's shared secret. The timestamp is signed with the body
 * so a receiver can refuse an old message replayed later (docs/integrations/README.md).
 */
export const SIGNATURE_HEADER = 'X-Vroegsignaal-Signature';
/** The referral's id: the same on every attempt, so a receiver drops a repeat it already took in. */
export const DELIVERY_HEADER = 'X-Vroegsignaal-Delivery';

function signatureOf(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${signatureOf(secret, unixSeconds, body)}`;
}

/** What a receiver does: true when the header signs this body with this secret within the tolerance. */
export function verifySignatureHeader(header: string, secret: string, body: string, nowUnixSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowUnixSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(signatureOf(secret, t, body), 'hex'));
}
