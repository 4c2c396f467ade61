import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessDenied } from '../../domain/access/actor.ts';
import { HttpProblem } from '../problem.ts';

function send(reply: FastifyReply, req: FastifyRequest, body: Record<string, unknown>): FastifyReply {
  return reply
    .code(body.status as number)
    .type('application/problem+json')
    .send({ type: 'about:blank', instance: req.url.split('?')[0], ...body });
}

type ValidationErrors = NonNullable<FastifyError['validation']>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** For a body schema with alternatives: from the body, which of the validator's errors concern the shape the caller meant. */
    bodyShapeErrors?: (body: unknown) => (error: { instancePath: string; keyword: string; params: unknown }) => boolean;
  }
}

/**
 * A body that may take one of several shapes (an `anyOf`) fails every shape, and the validator
 * reports each failure: a single signal missing its date was also told it lacks `signals`. A
 * route that can tell from the body which shape was meant says so in its config
 * (`bodyShapeErrors`), and the caller hears only about that one.
 */
function unionBranchErrors(req: FastifyRequest, errors: ValidationErrors): ValidationErrors {
  const meant = req.routeOptions.config?.bodyShapeErrors;
  if (!meant || !errors.some((e) => e.keyword === 'anyOf')) return errors;
  const keep = meant(req.body);
  const kept = errors.filter((e) => e.keyword !== 'anyOf' && keep(e));
  return kept.length > 0 ? kept : errors;
}

/** Fastify's English messages for what a client got wrong before any route ran, in Dutch. */
function frameworkDetail(err: FastifyError, req: FastifyRequest): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'De body is geen geldige JSON, terwijl Content-Type application/json zegt.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'De body is leeg, terwijl Content-Type application/json zegt.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Content-Type '${String(req.headers['content-type'] ?? '')}' wordt hier niet aangenomen; zie /v1/openapi.json voor de typen per operatie.`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'De body is groter dan deze operatie aanneemt.';
    default:
      return err.message;
  }
}

/**
 * One error handler for the whole API. Clients get problem+json that says what and why; internals
 * (stack traces, SQL) stay in the server log, which never holds request bodies.
 */
export function registerErrorHandling(app: FastifyInstance, allowedMethods: (path: string) => string[]): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allow = allowedMethods(path);
    // The path exists, the method does not (RFC 9110 § 15.5.6): say which methods it has.
    if (allow.length > 0)
      return send(reply.header('allow', allow.join(', ')), req, { status: 405, title: 'Methode niet toegestaan', detail: `${req.method} kan niet op ${path}; wel: ${allow.join(', ')}.`, code: 'METHOD_NOT_ALLOWED' });
    return send(reply, req, { status: 404, title: 'Niet gevonden', detail: `Geen resource op ${req.method} ${path}.`, code: 'NOT_FOUND' });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpProblem)
      return send(reply, req, {
        status: err.status,
        title: err.title,
        detail: err.detail,
        ...(err.code ? { code: err.code } : {}),
        ...(err.invalidParams ? { invalidParams: err.invalidParams } : {}),
      });
    if (err instanceof AccessDenied)
      return send(reply, req, {
        status: 403,
        title: 'Geen toegang',
        detail: `Uw rol of sleutel heeft niet de bevoegdheid '${err.permission}'.`,
        code: 'FORBIDDEN',
      });
    if (err.validation) {
      const seen = new Set<string>();
      const invalidParams = unionBranchErrors(req, err.validation).flatMap((v) => {
        const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
        const extra =
          (v.params as { missingProperty?: string }).missingProperty ?? (v.params as { additionalProperty?: string }).additionalProperty;
        const name = [base, extra].filter(Boolean).join('.') || err.validationContext || 'body';
        const reason =
          v.keyword === 'additionalProperties'
            ? 'unknown field: fields no regulation designates are not accepted'
            : v.keyword === 'required'
              ? 'required field is missing'
              : (v.message ?? 'invalid');
        const key = `${name}\u0000${reason}`;
        if (seen.has(key)) return [];
        seen.add(key);
        return [{ name, in: err.validationContext ?? 'body', reason }];
      });
      return send(reply, req, {
        status: 400,
        title: 'Ongeldige invoer',
        detail: invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
        code: 'INVALID_INPUT',
        invalidParams,
      });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'request failed');
      return send(reply, req, { status, title: 'Interne fout', detail: 'Er ging iets mis aan onze kant; probeer het later opnieuw.', code: 'INTERNAL' });
    }
    if (status === 429)
      return send(reply, req, { status, title: 'Te veel verzoeken', detail: `U stuurt te veel verzoeken; wacht ${String(reply.getHeader('retry-after') ?? 60)} seconden en probeer het dan opnieuw.`, code: 'TOO_MANY_REQUESTS' });
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type): say it plainly, in the API's language.
    return send(reply, req, { status, title: status === 413 ? 'Te groot' : 'Ongeldig verzoek', detail: frameworkDetail(err, req), code: err.code ?? 'BAD_REQUEST' });
  });
}
