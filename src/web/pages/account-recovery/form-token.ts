import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameToken } from '../../../http/plugins/auth.ts';
import type { WebApp } from '../../web-app.ts';

const FORM_COOKIE = 'vs_form';

/**
 * A public form (no session, so no session CSRF token) carries a token that must equal a cookie
 * set with the form, as the login form does (double submit): a form posted from another site does
 * not carry the cookie's value. The cookie is scoped to the form's own path, strict same-site.
 */
export function issueFormToken(web: WebApp, reply: FastifyReply, path: string): string {
  const token = randomBytes(18).toString('base64url');
  reply.setCookie(FORM_COOKIE, token, { path, sameSite: 'strict', httpOnly: true, secure: web.opts.secureCookies });
  return token;
}

export function formTokenMatches(req: FastifyRequest, posted: string): boolean {
  const cookie = (req.cookies as Record<string, string | undefined>)[FORM_COOKIE];
  return !!cookie && sameToken(posted, cookie);
}
