import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessDenied } from '../../domain/access/actor.ts';
import { untranslated, type LocalizedText } from '../../domain/i18n/index.ts';
import { requestLang } from '../language.ts';
import { HttpProblem, problemDetail, type ProblemTitle } from '../problem.ts';

/** Sends a problem, its title and detail in the request's language. */
function send(reply: FastifyReply, req: FastifyRequest, problem: HttpProblem): FastifyReply {
  const { status, code, invalidParams } = problem;
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      instance: req.url.split('?')[0],
      status,
      ...problem.textIn(requestLang(req)),
      ...(code ? { code } : {}),
      ...(invalidParams ? { invalidParams } : {}),
    });
}

const sendNew = (reply: FastifyReply, req: FastifyRequest, status: number, title: ProblemTitle, detail: LocalizedText, code: string, invalidParams?: HttpProblem['invalidParams']) =>
  send(reply, req, new HttpProblem(status, title, detail, code, invalidParams));

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

/** Fastify's English messages for what a client got wrong before any route ran, in the problems catalog. */
function frameworkDetail(err: FastifyError, req: FastifyRequest): LocalizedText {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problemDetail('invalidJson');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemDetail('emptyJson');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemDetail('mediaTypeNotAccepted', { contentType: String(req.headers['content-type'] ?? '') });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemDetail('bodyTooLarge');
    default:
      return untranslated(err.message);
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
      return sendNew(reply.header('allow', allow.join(', ')), req, 405, 'methodNotAllowed', problemDetail('methodNotAllowed', { method: req.method, path, allow: allow.join(', ') }), 'METHOD_NOT_ALLOWED');
    return sendNew(reply, req, 404, 'notFound', problemDetail('noResource', { method: req.method, path }), 'NOT_FOUND');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpProblem) return send(reply, req, err);
    if (err instanceof AccessDenied) return sendNew(reply, req, 403, 'forbidden', problemDetail('permissionMissing', { permission: err.permission }), 'FORBIDDEN');
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
      // The validator's reasons are English in both languages (its own messages).
      return sendNew(reply, req, 400, 'invalidInput', untranslated(invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ')), 'INVALID_INPUT', invalidParams);
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'request failed');
      return sendNew(reply, req, status, 'internal', problemDetail('internal'), 'INTERNAL');
    }
    if (status === 429)
      return sendNew(reply, req, status, 'tooManyRequests', problemDetail('tooManyRequests', { seconds: String(reply.getHeader('retry-after') ?? 60) }), 'TOO_MANY_REQUESTS');
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type): say it plainly, in the API's language.
    return sendNew(reply, req, status, status === 413 ? 'tooLarge' : 'invalidRequest', frameworkDetail(err, req), err.code ?? 'BAD_REQUEST');
  });
}
