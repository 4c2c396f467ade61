import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { issueAccessToken, OAUTH_TOKEN_PATH, OAuthError } from '../../app/auth/access-tokens.ts';
import { responses } from '../openapi-helpers.ts';

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
 * HTTP Basic client credentials (RFC 7617; RFC 6749 § 2.3.1: both parts form-urlencoded before
 * the Basic encoding). Anything that is not well-formed is the client's error (400
 * invalid_request), never an exception that ends as a 500.
 */
function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  const m = /^basic\s+(.*)$/i.exec(header ?? '');
  if (!m) return {};
  const malformed = new OAuthError('invalid_request', 'malformed HTTP Basic credentials: expected base64 of client_id:client_secret, each form-urlencoded');
  const b64 = m[1]!.trim();
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
  return { id: form(decoded.slice(0, i)), secret: form(decoded.slice(i + 1)) };
}

/**
 * OAuth 2.0 token endpoint, client credentials grant (RFC 6749 § 4.4), for machine clients such as
 * CBS pulling DDAS-VS data. Errors carry RFC 6749's `error` field inside a problem+json body.
 */
export function registerOAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded'))
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    scope.post<{ Body: Record<string, string | undefined> }>(
      OAUTH_TOKEN_PATH,
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          operationId: 'issueAccessToken',
          tags: ['Access'],
          summary: 'OAuth2 client credentials: a short-lived bearer token for an API client (scope ddas:export)',
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenBody,
          response: responses({ 200: { description: 'Token (RFC 6749 § 5.1)', schema: TokenResponse } }),
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        try {
          const basic = basicCredentials(req.headers.authorization);
          return await issueAccessToken(deps, {
            grantType: req.body.grant_type,
            clientId: basic.id ?? req.body.client_id,
            clientSecret: basic.secret ?? req.body.client_secret,
            scope: req.body.scope,
            traceId: req.traceId,
            spanId: req.spanId,
          });
        } catch (e) {
          if (!(e instanceof OAuthError)) throw e;
          const status = e.error === 'invalid_client' ? 401 : 400;
          if (status === 401) reply.header('www-authenticate', 'Basic realm="vroegsignaal"');
          return reply
            .code(status)
            .type('application/problem+json')
            .send(
              // a string, so the Problem response schema does not strip RFC 6749's own fields
              JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Niet geauthenticeerd' : 'Ongeldig verzoek', status, detail: e.message, code: e.error.toUpperCase(), error: e.error, error_description: e.message, instance: OAUTH_TOKEN_PATH }),
            );
        }
      },
    );
  });
}
