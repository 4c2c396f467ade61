import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access/actor.ts';
import type { Permission } from '../../domain/access/roles.ts';
import type { CallContext } from '../../app/context.ts';
import { authenticateApiKey, authenticateSession, type SessionActor } from '../../app/auth/authenticate.ts';
import { ACCESS_TOKEN_PREFIX, authenticateAccessToken, OAUTH_TOKEN_PATH } from '../../app/auth/access-tokens.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { HttpProblem, problemDetail } from '../problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    session?: SessionActor;
    traceId: string;
    spanId: string;
  }
  interface FastifyContextConfig {
    /** 'form': the route checks the session's CSRF token in its form body itself (the web app's router). */
    csrf?: 'form';
    /** A web page open without logging in (the login page). */
    publicPage?: boolean;
  }
}

export const SESSION_COOKIE = 'vs_session';

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Authenticates every request: an API key (Authorization: Bearer vsk_…) for machine clients, or
 * the session cookie for the web app. Routes then demand a permission with `ctx(req, permission)`.
 * Also assigns the W3C trace ids the audit trail links to.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<DB>, now: () => Date): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('traceId', '');
  app.decorateRequest('spanId', '');

  app.addHook('onRequest', async (req) => {
    const tp = req.headers.traceparent;
    const m = typeof tp === 'string' ? TRACEPARENT.exec(tp) : null;
    // Random hex from UUIDs: Node serves those from a cached pool of entropy, randomBytes() goes to the OS on every request.
    const span = randomUUID().replaceAll('-', '');
    req.traceId = m?.[1] ?? randomUUID().replaceAll('-', '');
    req.spanId = span.slice(16);

    // No route: the not-found handler answers 404 or 405, and there is nothing to authenticate for.
    if (req.is404) return;
    // Every decision below is made on the route the router chose, never on the raw URL: a path
    // spelled otherwise (`/%761/…`, `/v1//…`) reaches the same route and meets the same checks.
    const route = routeOf(req);
    const api = route.startsWith('/v1/');

    const auth = req.headers.authorization;
    if (auth) {
      const [scheme, token] = auth.split(' ');
      // The OAuth2 token endpoint authenticates its clients itself, by HTTP Basic (RFC 6749 § 2.3.1).
      if (scheme?.toLowerCase() === 'basic' && route === OAUTH_TOKEN_PATH) return;
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new HttpProblem(401, 'unauthenticated', problemDetail('bearerMissing'), 'UNAUTHENTICATED');
      // OAuth2 access tokens (client credentials, src/app/auth/access-tokens.ts) or API keys.
      const isAccessToken = token.startsWith(ACCESS_TOKEN_PREFIX);
      const actor = isAccessToken ? await authenticateAccessToken(db, token, now()) : await authenticateApiKey(db, token, now());
      if (!actor)
        throw new HttpProblem(401, 'unauthenticated', problemDetail(isAccessToken ? 'accessTokenUnknown' : 'apiKeyUnknown'), 'UNAUTHENTICATED');
      req.actor = actor;
      return;
    }
    const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      const session = await authenticateSession(db, cookie, now());
      if (session) {
        // A cookie rides along on cross-site requests; a token only our own pages know must too.
        // API operations take it as a header here. Web-app forms cannot send a header: the WebApp
        // router checks their hidden _csrf field on every POST, and only its routes say so
        // (config.csrf 'form'); any other route that changes state with a cookie alone is refused.
        if (!SAFE_METHODS.has(req.method)) {
          const formChecked = !api && req.routeOptions.config?.csrf === 'form';
          if (!formChecked && !sameToken(req.headers['x-csrf-token'], session.csrfToken))
            throw new HttpProblem(403, 'forbidden', problemDetail('csrf'), 'CSRF');
        }
        req.session = session;
        req.actor = session.actor;
      }
    }
    // An API operation that is not public (OpenAPI `security: []`) answers an anonymous caller 401
    // before anything else: not a validation error that describes its parameters, nor a 415 or 413.
    if (!req.actor && api && !isPublicOperation(req))
      throw new HttpProblem(401, 'unauthenticated', problemDetail('logInOrUseApiKey'), 'UNAUTHENTICATED');
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route pattern the router matched (`/v1/signals/:signalId`), not the path as the client spelled it. */
export function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? '';
}

/** Compares a presented CSRF token with the session's in constant time. */
export function sameToken(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isPublicOperation(req: FastifyRequest): boolean {
  const security = (req.routeOptions.schema as { security?: unknown } | undefined)?.security;
  return Array.isArray(security) && security.length === 0;
}

/** The call context of an authenticated request, demanding a permission when one is given. */
export function callContext(req: FastifyRequest, permission?: Permission): CallContext {
  const actor = req.actor;
  if (!actor) throw new HttpProblem(401, 'unauthenticated', problemDetail('logInOrUseApiKey'), 'UNAUTHENTICATED');
  if (permission && !actor.permissions.has(permission))
    throw new HttpProblem(403, 'forbidden', problemDetail('permissionMissing', { permission }), 'FORBIDDEN');
  return { actor, traceId: req.traceId, spanId: req.spanId };
}
