import Negotiator from 'negotiator';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, problemDetail } from '../problem.ts';
import { problemDetails } from '../problem-messages.ts';
import { routeOf } from './auth.ts';

type ResponseSchemas = Record<string, { content?: Record<string, unknown> } | undefined>;

/** The media types an operation answers with on success, from its documented responses. */
function successTypes(req: FastifyRequest): string[] {
  const response = (req.routeOptions.schema as { response?: ResponseSchemas } | undefined)?.response ?? {};
  const out = new Set<string>();
  for (const [status, r] of Object.entries(response)) if (status.startsWith('2')) for (const type of Object.keys(r?.content ?? {})) out.add(type);
  return [...out];
}

/**
 * An API client whose Accept header admits none of the operation's media types gets 406 (RFC 9110
 * § 15.5.7) as problem+json, before the operation does any work. Runs after authentication, so an
 * anonymous caller still learns nothing about an operation but that it needs credentials.
 */
export function registerNegotiation(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const accept = req.headers.accept;
    if (!accept || req.is404 || !routeOf(req).startsWith('/v1/')) return;
    const offered = successTypes(req);
    if (offered.length === 0) return;
    if (new Negotiator({ headers: { accept } }).mediaType(offered) === undefined)
      throw new HttpProblem(406, 'notAcceptable', problemDetail('notAcceptable', (l) => ({ offered: offered.join(problemDetails(l)('or')), accept: accept.slice(0, 100) })), 'NOT_ACCEPTABLE');
  });
}
