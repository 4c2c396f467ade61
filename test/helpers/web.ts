import { randomBytes } from 'node:crypto';
import type { CallContext } from '../../src/app/context.ts';
import { permissionsOf } from '../../src/domain/access/roles.ts';
import { DEMO_PASSWORD } from '../../src/app/seed/demo-organisations.ts';
import type { TestPlatform } from './platform.ts';

/** A user's call context, as the web app builds it after login (for calling use cases directly). */
export async function userContext(p: TestPlatform, email: string): Promise<CallContext> {
  const u = await p.deps.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.roles', 'users.display_name', 'users.organisation_id', 'organisations.kind'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    actor: { type: 'user', id: u.id, organisationId: u.organisation_id, organisationKind: u.kind, permissions: permissionsOf(u.roles), label: u.display_name },
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
  };
}

export interface WebSession {
  cookie: string;
  csrf: string;
  get(path: string): Promise<{ status: number; location: string | undefined; html: string }>;
  post(path: string, form: Record<string, string | string[]>, opts?: { csrf?: string | null }): Promise<{ status: number; location: string | undefined; html: string }>;
}

/** The login form filled in and posted (HTTP inject), with its own cookie token: the raw answer. */
export async function postLoginForm(p: TestPlatform, email: string, password = DEMO_PASSWORD, opts: { userAgent?: string; next?: string } = {}) {
  const form = await p.app.inject({ method: 'GET', url: '/inloggen' });
  const loginCookie = form.cookies.find((c) => c.name === 'vs_login')!;
  const token = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
  return p.app.inject({
    method: 'POST',
    url: '/inloggen',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vs_login=${loginCookie.value}`, ...(opts.userAgent ? { 'user-agent': opts.userAgent } : {}) },
    payload: new URLSearchParams({ _login: token, next: opts.next ?? '/', email, password }).toString(),
  });
}

/** Logs in through the web login form (HTTP inject) and returns a session that GETs and POSTs forms. */
export async function webLogin(p: TestPlatform, email: string, password = DEMO_PASSWORD): Promise<WebSession> {
  const res = await postLoginForm(p, email, password);
  const session = res.cookies.find((c) => c.name === 'vs_session');
  if (res.statusCode !== 303 || !session) throw new Error(`login failed: ${res.statusCode}`);
  const cookie = `vs_session=${session.value}`;
  const first = await p.app.inject({ method: 'GET', url: '/werklijst', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
  const shape = (r: { statusCode: number; headers: Record<string, unknown>; body: string }) => ({ status: r.statusCode, location: r.headers.location as string | undefined, html: r.body });
  return {
    cookie,
    csrf,
    get: async (path) => shape(await p.app.inject({ method: 'GET', url: path, headers: { cookie } })),
    post: async (path, body, opts = {}) => {
      const params = new URLSearchParams();
      const token = opts.csrf === undefined ? csrf : opts.csrf;
      if (token !== null) params.append('_csrf', token);
      for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      return shape(await p.app.inject({ method: 'POST', url: path, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() }));
    },
  };
}
