import type { FastifyRequest } from 'fastify';

const API_KEY_PREFIX = /^Bearer (vsk_[0-9a-f]{12})_/;

/**
 * Whose bucket a request counts in: an API key's by its public prefix, everyone else's by client
 * address (req.ip, which believes X-Forwarded-For only from TRUST_PROXY). Not the raw
 * Authorization header: a client that sends a different made-up credential each time would get a
 * fresh bucket each time.
 */
export function rateLimitKey(req: FastifyRequest): string {
  const key = API_KEY_PREFIX.exec(req.headers.authorization ?? '');
  return key ? key[1]! : req.ip;
}

/** A login route's own limit per client address, on top of the per-account lock (src/app/auth/login.ts); false when off. */
export type LoginLimit = { max: number; timeWindow: string; keyGenerator: (req: FastifyRequest) => string } | false;

export function loginRateLimit(perMinute: number): LoginLimit {
  return perMinute > 0 ? { max: perMinute, timeWindow: '1 minute', keyGenerator: (req) => req.ip } : false;
}
