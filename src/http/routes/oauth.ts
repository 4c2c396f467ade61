import OAuth2Server from '@node-oauth/oauth2-server';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { ACCESS_TOKEN_TTL_SECONDS, OAUTH_TOKEN_PATH } from '../../app/auth/access-tokens.ts';
import { createOAuthModel } from '../../app/auth/oauth-model.ts';
import { responses } from '../openapi-helpers.ts';
import { requestLang } from '../language.ts';
import { problemTitles } from '../problem-messages.ts';

const { Request: OAuthRequest, Response: OAuthResponse, OAuthError, InvalidRequestError } = OAuth2Server;

const TokenBody = Type.Object(
  {
    grant_type: Type.String({ description: 'client_credentials' }),
    client_id: Type.Optional(Type.String({ maxLength: 100, description: 'The API key’s prefix (or use HTTP Basic)' })),
    client_secret: Type.Optional(Type.String({ maxLength: 300, description: 'The API key’s secret, or the whole key (vsk_…)' })),
    scope: Type.Optional(Type.String({ maxLength: 200, description: 'ddas:export (the DDAS-VS spec’s "read" means the same)' })),
  },
  { additionalProperties: true },
);
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds' }),
  scope: Type.String(),
});

/**
 * HTTP Basic client credentials as RFC 6749 § 2.3.1 has them: base64 of client_id ":" client_secret,
 * each part form-urlencoded first. The library reads Basic with `basic-auth`, which does not
 * form-decode the parts and treats a malformed header as no credentials at all (invalid_client).
 * So a header that says Basic is checked here: malformed is the client's error (400
 * invalid_request), never an exception that ends as a 500; well-formed goes on to the library with
 * the decoded parts, which it then authenticates as usual. Any other scheme passes unchanged.
 */
function basicForLibrary(header: string): string {
  const m = /^basic(?:\s+(.*))?$/i.exec(header.trim());
  if (!m) return header;
  const malformed = new InvalidRequestError('Invalid request: malformed HTTP Basic credentials, expected base64 of client_id:client_secret, each form-urlencoded (RFC 6749 section 2.3.1)');
  const b64 = (m[1] ?? '').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed;
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) throw malformed;
  const form = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw malformed;
    }
  };
  const id = form(decoded.slice(0, i));
  const secret = form(decoded.slice(i + 1));
  // Basic cannot carry a user-id with a colon (RFC 7617); no API key prefix has one.
  if (id.includes(':')) throw malformed;
  return `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
}

/** Only the headers the library reads: the media type (and whether there is a body) and the client's credentials. */
function libraryHeaders(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'content-length', 'transfer-encoding'] as const) {
    const v = req.headers[name];
    if (typeof v === 'string') out[name] = v;
  }
  if (req.headers.authorization !== undefined) out.authorization = basicForLibrary(req.headers.authorization);
  return out;
}

/**
 * RFC 6749 § 3.2: a parameter must not be sent more than once. The form parser below keeps repeats
 * as arrays so they are refused here; the library would otherwise take an array for a string.
 */
function singleValued(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const repeated = Object.entries(body).filter(([, v]) => Array.isArray(v));
  if (repeated.length) throw new InvalidRequestError(`Invalid request: parameter(s) sent more than once: ${repeated.map(([k]) => k).join(', ')}`);
  return body as Record<string, unknown>;
}

/** `application/x-www-form-urlencoded`, with repeated parameters kept (as arrays) for singleValued to refuse. */
function parseForm(text: string): Record<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(text)) {
    const seen = out.get(k);
    out.set(k, seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v]);
  }
  // fromEntries defines own properties, so a parameter named __proto__ stays a plain field.
  return Object.fromEntries(out);
}

/**
 * RFC 6749 § 5.2 error in the platform's problem+json shape, with RFC 6749's own `error` and
 * `error_description` fields. invalid_client is 401 with a Basic challenge however the client sent
 * its credentials (the RFC allows it for form fields and demands it for Basic; the library would
 * answer 400 for form fields): this endpoint always answered so.
 */
function sendOAuthError(req: FastifyRequest, reply: FastifyReply, e: OAuth2Server.OAuthError) {
  const status = e.name === 'invalid_client' ? 401 : e.code;
  if (status === 401) reply.header('www-authenticate', 'Basic realm="vroegsignaal"');
  return reply
    .code(status)
    .type('application/problem+json')
    .send(
      // a string, so the Problem response schema does not strip RFC 6749's own fields
      JSON.stringify({ type: 'about:blank', title: problemTitles(requestLang(req))(status === 401 ? 'unauthenticated' : 'invalidRequest'), status, detail: e.message, code: e.name.toUpperCase(), error: e.name, error_description: e.message, instance: OAUTH_TOKEN_PATH }),
    );
}

/**
 * OAuth 2.0 token endpoint, client credentials grant (RFC 6749 § 4.4), for machine clients such as
 * CBS pulling DDAS-VS data. `@node-oauth/oauth2-server` handles the request: media type, client
 * authentication, grant type, scope, the token response and its errors. This adapter only hands it
 * the request, the model (src/app/auth/oauth-model.ts), and turns its answer into a reply.
 */
export function registerOAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  void app.register(async (scope) => {
    // RFC 6749 § 4.4.2: the token request is form-encoded; the library refuses any other media type.
    // This parser, not an inherited one, so repeats stay visible and the body stays small.
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, parseForm(String(body)));
    });
    scope.post(
      OAUTH_TOKEN_PATH,
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        // A body that does not fit the schema is RFC 6749's invalid_request, not the platform's INVALID_INPUT.
        attachValidation: true,
        schema: {
          operationId: 'issueAccessToken',
          tags: ['Access'],
          summary: 'OAuth2 client credentials: a short-lived bearer token for an API client (scope ddas:export)',
          description:
            'RFC 6749 § 4.4, form-encoded (application/x-www-form-urlencoded) only. Client authentication by HTTP Basic or the client_id and client_secret fields. Errors are RFC 6749 § 5.2 (`error`, `error_description`) inside problem+json; invalid_client is 401.',
          security: [],
          consumes: ['application/x-www-form-urlencoded'],
          body: TokenBody,
          response: responses({ 200: { description: 'Token (RFC 6749 § 5.1)', schema: TokenResponse } }),
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        try {
          const request = new OAuthRequest({ method: req.method, query: {}, headers: libraryHeaders(req), body: singleValued(req.body) });
          // A schema error only matters in a form: any other body the library refuses for its media type first.
          if (req.validationError && request.is(['application/x-www-form-urlencoded'])) throw new InvalidRequestError(`Invalid request: ${req.validationError.message}`);
          const response = new OAuthResponse();
          const server = new OAuth2Server({ model: createOAuthModel(deps, { traceId: req.traceId, spanId: req.spanId }), accessTokenLifetime: ACCESS_TOKEN_TTL_SECONDS });
          await server.token(request, response);
          for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
          return response.body;
        } catch (e) {
          // The library wraps anything unexpected (a database failure in the model) as a 503
          // server_error; the platform's error handler logs the cause and answers like any other route.
          if (!(e instanceof OAuthError)) throw e;
          if (e.code >= 500) throw (e as { inner?: unknown }).inner ?? e;
          return sendOAuthError(req, reply, e);
        }
      },
    );
  });
}
