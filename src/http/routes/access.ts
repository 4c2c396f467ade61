import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { isRefused, login, logout, needsSecondFactor } from '../../app/auth/login.ts';
import type { LoginLimit } from '../rate-limits.ts';
import { createApiKey, InvalidScopes, listOwnApiKeys, revokeOwnApiKey, ScopesBeyondCreator } from '../../app/users/create-api-key.ts';
import { createUser, UserInputError } from '../../app/users/create-user.ts';
import { listOwnUsers } from '../../app/users/list-users.ts';
import { API_KEY_SCOPES } from '../../domain/access/roles.ts';
import { callContext, SESSION_COOKIE } from '../plugins/auth.ts';
import { untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem, notFound, problemDetail } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';

const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'For an account with two-step verification: the code from the authenticator app, or a recovery code' })),
  },
  { additionalProperties: false },
);
const SessionView = Type.Object(
  {
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every request that changes something' }),
    expiresAt: Type.String({ format: 'date-time' }),
    user: Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      organisationId: Type.String(),
      organisationName: Type.String(),
      roles: Type.Array(Type.String()),
      locale: Type.String(),
    }),
  },
  { $id: 'Session', title: 'Session' },
);
const ApiKeyView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    scopes: Type.Array(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiKey', title: 'ApiKey' },
);
const NewApiKey = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s))), { minItems: 1 }), expiresAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);
const NewUser = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 12, maxLength: 200 }),
    roles: Type.Array(Type.String(), { minItems: 1 }),
    locale: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
/** A key asked for more than its creator holds: 403, naming the scopes. */
export const scopesProblem = (e: ScopesBeyondCreator) =>
  new HttpProblem(403, 'forbidden', problemDetail('scopesBeyondCreator', { scopes: e.scopes.map((s) => `'${s}'`).join(', ') }), 'SCOPES_BEYOND_CREATOR', e.scopes.map((s) => ({ name: 'scopes', in: 'body', reason: `you do not hold '${s}' yourself` })));
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Sessions (web login), the organisation's users and its API keys. */
export function registerAccessRoutes(app: FastifyInstance, deps: AppDeps, opts: { sessionTtlMinutes: number; secureCookies: boolean; loginLimit: LoginLimit }): void {
  app.addSchema(SessionView);
  app.addSchema(ApiKeyView);

  app.post<{ Body: Static<typeof LoginBody> }>(
    '/v1/sessions',
    {
      config: { rateLimit: opts.loginLimit },
      schema: {
        operationId: 'login',
        tags: ['Access'],
        summary: 'Log in (web app): sets the session cookie',
        security: [],
        body: LoginBody,
        response: responses({ 201: { description: 'Logged in', schema: Type.Ref(SessionView) } }),
      },
    },
    async (req, reply) => {
      const r = await login(deps, { ...req.body, ttlMinutes: opts.sessionTtlMinutes, traceId: req.traceId, spanId: req.spanId, userAgent: req.headers['user-agent'] });
      if (needsSecondFactor(r)) {
        if (r.secondFactor === 'code') throw new HttpProblem(401, 'secondFactorRequired', problemDetail('secondFactorRequired'), 'SECOND_FACTOR_REQUIRED');
        throw new HttpProblem(403, 'secondFactorEnrolment', problemDetail('secondFactorEnrolment'), 'SECOND_FACTOR_ENROLMENT_REQUIRED');
      }
      if (isRefused(r)) {
        if (r.refused === 'credentials') throw new HttpProblem(401, 'loginFailed', problemDetail('loginFailed'), 'LOGIN_FAILED');
        if (r.refused === 'code') throw new HttpProblem(401, 'loginFailed', problemDetail('secondFactorWrong'), 'SECOND_FACTOR_WRONG');
        reply.header('retry-after', String(Math.max(1, Math.ceil((r.until.getTime() - deps.now().getTime()) / 1000))));
        throw new HttpProblem(429, 'accountLocked', problemDetail('accountLocked', { until: r.until.toISOString() }), 'LOGIN_LOCKED');
      }
      reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', expires: r.expiresAt });
      return reply.code(201).send({ csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString(), user: r.user });
    },
  );

  app.get(
    '/v1/sessions/current',
    { schema: { operationId: 'getSession', tags: ['Access'], summary: 'The current session', response: responses({ 200: { description: 'Session', schema: Type.Ref(SessionView) } }) } },
    async (req) => {
      const s = req.session;
      if (!s) throw new HttpProblem(401, 'notLoggedIn', problemDetail('noSession'), 'UNAUTHENTICATED');
      return {
        csrfToken: s.csrfToken,
        expiresAt: s.expiresAt.toISOString(),
        user: { id: s.userId, displayName: s.displayName, organisationId: s.actor.organisationId, organisationName: s.organisationName, roles: s.roles, locale: s.locale },
      };
    },
  );

  app.delete(
    '/v1/sessions/current',
    { schema: { operationId: 'logout', tags: ['Access'], summary: 'Log out', response: responses({ 204: { description: 'Logged out' } }) } },
    async (req, reply) => {
      const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
      if (token) await logout(deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['Access'],
        summary: "Your organisation's users",
        response: responses({
          200: {
            description: 'Users',
            schema: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), disabled: Type.Boolean() })),
          },
        }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'users:manage');
      return listOwnUsers(deps, ctx);
    },
  );

  app.post<{ Body: Static<typeof NewUser> }>(
    '/v1/users',
    { schema: { operationId: 'createUser', tags: ['Access'], summary: 'Add a user to your organisation', body: NewUser, response: responses({ 201: { description: 'Created', schema: Type.Object({ id: Type.String() }) } }) } },
    async (req, reply) => {
      const ctx = callContext(req, 'users:manage');
      try {
        return reply.code(201).send({ id: await createUser(deps, ctx, req.body) });
      } catch (e) {
        if (e instanceof UserInputError) throw new HttpProblem(400, 'invalidInput', untranslated(e.message), 'INVALID_USER');
        throw e;
      }
    },
  );

  app.get(
    '/v1/api-keys',
    { schema: { operationId: 'listApiKeys', tags: ['Access'], summary: "Your organisation's API keys (never their secrets)", response: responses({ 200: { description: 'Keys', schema: Type.Array(Type.Ref(ApiKeyView)) } }) } },
    async (req) => {
      const ctx = callContext(req, 'users:manage');
      return (await listOwnApiKeys(deps, ctx)).map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.key_prefix,
        scopes: k.scopes,
        createdAt: iso(k.created_at)!,
        expiresAt: iso(k.expires_at),
        revokedAt: iso(k.revoked_at),
        lastUsedAt: iso(k.last_used_at),
      }));
    },
  );

  app.post<{ Body: Static<typeof NewApiKey> }>(
    '/v1/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['Access'],
        summary: 'Create an API key; the token is shown once, in this response only',
        body: NewApiKey,
        response: responses({ 201: { description: 'Created', schema: Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String() }) } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'users:manage');
      try {
        const k = await createApiKey(deps, ctx, { name: req.body.name, scopes: req.body.scopes, expiresAt: req.body.expiresAt ? new Date(req.body.expiresAt) : null });
        return reply.code(201).send(k);
      } catch (e) {
        if (e instanceof InvalidScopes) throw new HttpProblem(400, 'invalidInput', untranslated(e.message), 'INVALID_SCOPES');
        if (e instanceof ScopesBeyondCreator) throw scopesProblem(e);
        throw e;
      }
    },
  );

  app.delete<{ Params: { apiKeyId: string } }>(
    '/v1/api-keys/:apiKeyId',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['Access'],
        summary: 'Revoke an API key at once',
        params: Type.Object({ apiKeyId: Type.String({ format: 'uuid' }) }),
        response: responses({ 204: { description: 'Revoked' } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'users:manage');
      if (!(await revokeOwnApiKey(deps, ctx, req.params.apiKeyId))) throw notFound('apiKeyNotFound');
      return reply.code(204).send();
    },
  );
}
