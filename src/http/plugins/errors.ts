import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessDenied } from '../../domain/access/actor.ts';
import { HttpProblem } from '../problem.ts';

function send(reply: FastifyReply, req: FastifyRequest, body: Record<string, unknown>): FastifyReply {
  return reply
    .code(body.status as number)
    .type('application/problem+json')
    .send({ type: 'about:blank', instance: req.url.split('?')[0], ...body });
}

/**
 * One error handler for the whole API. Clients get problem+json that says what and why; internals
 * (stack traces, SQL) stay in the server log, which never holds request bodies.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) =>
    send(reply, req, { status: 404, title: 'Niet gevonden', detail: `Geen resource op ${req.method} ${req.url.split('?')[0]}.`, code: 'NOT_FOUND' }),
  );

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
      const invalidParams = err.validation.map((v) => {
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
        return { name, in: err.validationContext ?? 'body', reason };
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
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type): say it plainly.
    return send(reply, req, { status, title: status === 413 ? 'Te groot' : 'Ongeldig verzoek', detail: err.message, code: err.code ?? 'BAD_REQUEST' });
  });
}
