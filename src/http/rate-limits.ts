import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, problemDetail } from './problem.ts';

const API_KEY_PREFIX = /^Bearer (vsk_[0-9a-f]{12})_/;

/**
 * Whose bucket an authenticated request counts in: an API key's by its public prefix, everyone
 * else's by client address. Not the raw Authorization header: a different credential each time
 * would be a fresh bucket each time. Requests that fail authentication count in `addressKey`'s
 * bucket, which every request passes first.
 */
export function rateLimitKey(req: FastifyRequest): string {
  const key = API_KEY_PREFIX.exec(req.headers.authorization ?? '');
  return key ? key[1]! : req.ip;
}

/** The client address: req.ip, which believes X-Forwarded-For only from TRUST_PROXY. */
function addressKey(req: FastifyRequest): string {
  return req.ip;
}

/** A login route's own limit per client address, on top of the per-account lock (src/app/auth/login.ts); false when off. */
export type LoginLimit = { max: number; timeWindow: string; keyGenerator: (req: FastifyRequest) => string } | false;

export function loginRateLimit(perMinute: number): LoginLimit {
  return perMinute > 0 ? { max: perMinute, timeWindow: '1 minute', keyGenerator: addressKey } : false;
}

/**
 * Requests refused for their credentials (401) count per client address, and an address that
 * reached the limit is refused before anything else runs. The per-route limit comes after
 * authentication (route hooks follow the app's), so without this a 401 never counted: a client could
 * try made-up keys without end, each costing a key lookup. Only failures count, so clients with keys
 * of their own behind one address (a gateway, a processor) keep their own buckets. Built with
 * createRateLimit, which leaves the per-route limits (the login routes' own) to run as well.
 */
export function limitFailedAuthentication(app: FastifyInstance, perMinute: number): void {
  const failures = app.createRateLimit({ max: perMinute, timeWindow: '1 minute', keyGenerator: addressKey });
  app.addHook('onRequest', async (req, reply) => {
    const r = await failures(req, { increment: false });
    if (r.isAllowed || r.remaining > 0) return;
    reply.header('retry-after', String(Math.max(1, r.ttlInSeconds)));
    throw new HttpProblem(429, 'tooManyRequests', problemDetail('tooManyFailedCredentials', { seconds: Math.max(1, r.ttlInSeconds) }), 'TOO_MANY_REQUESTS');
  });
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 401) await failures(req);
  });
}
