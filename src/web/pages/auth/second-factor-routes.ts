import { createElement } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginRefused, LoginResult } from '../../../app/auth/login.ts';
import { completeLoginWithCode, completeLoginWithEnrolment, pendingLoginOf, type PendingLogin } from '../../../app/auth/second-factor-login.ts';
import { newTotpCandidate, reopenTotpCandidate, type TotpCandidate } from '../../../app/auth/second-factor.ts';
import { sameToken, SESSION_COOKIE } from '../../../http/plugins/auth.ts';
import { commonMessages } from '../../i18n/common.ts';
import { formatDateTime, type Locale } from '../../i18n/locale.ts';
import { safeRedirectPath } from '../../safe-redirect.ts';
import { one, type PageResult, type WebApp } from '../../web-app.ts';
import { accountMessages } from '../account/messages.ts';
import { qrDataUrl } from '../account/qr.ts';
import { RecoveryCodes } from '../account/second-factor-forms.tsx';
import { LoginCodePage, LoginEnrolPage, LoginStartOverPage } from './second-factor-page.tsx';

/** The token of a login waiting for its second factor; only the login's own pages see it. */
export const PENDING_COOKIE = 'vs_pending';
const COOKIE_PATH = '/inloggen';

/**
 * The login's second page: /inloggen/code asks a person with a second factor for a code;
 * /inloggen/instellen has a person whose organisation demands one set up an authenticator first.
 * Neither has a session yet: the pending login (a token in a cookie, its own CSRF token in the
 * form) is all they hold, and it authorises nothing but this step.
 */
export function registerSecondFactorPages(web: WebApp): void {
  const { deps } = web;
  const pendingOf = async (req: FastifyRequest, step: PendingLogin['step']) => {
    const token = (req.cookies as Record<string, string | undefined>)[PENDING_COOKIE];
    const pending = token ? await pendingLoginOf(deps, token) : undefined;
    return token && pending?.step === step ? { token, pending } : undefined;
  };
  const startOver = (reply: FastifyReply, locale: Locale, message: string, status = 400): PageResult => {
    reply.clearCookie(PENDING_COOKIE, { path: COOKIE_PATH });
    return { status, page: { title: accountMessages(locale)('codeTitle'), body: createElement(LoginStartOverPage, { message }) } };
  };
  const refusedText = (locale: Locale, r: LoginRefused) => {
    const t = accountMessages(locale);
    if (r.refused === 'locked') return commonMessages(locale)('loginLocked', { until: formatDateTime(locale, r.until) });
    return r.refused === 'code' && r.reason === 'malformed' ? t('codeMalformed') : t('codeWrong');
  };
  const startSession = (reply: FastifyReply, r: LoginResult) => {
    reply.clearCookie(PENDING_COOKIE, { path: COOKIE_PATH });
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', secure: web.opts.secureCookies, path: '/', expires: r.expiresAt });
  };

  web.get('/inloggen/code', { public: true }, async ({ req, reply, locale, query, user }) => {
    const next = safeRedirectPath(one(query.next));
    if (user) return { redirect: next };
    const p = await pendingOf(req, 'code');
    if (!p) return startOver(reply, locale, accountMessages(locale)('pendingExpired'));
    return { title: accountMessages(locale)('codeTitle'), body: createElement(LoginCodePage, { csrfToken: p.pending.csrfToken, next }) };
  });

  web.post('/inloggen/code', { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, locale, body }) => {
    const t = accountMessages(locale);
    const next = safeRedirectPath(one(body.next));
    const p = await pendingOf(req, 'code');
    if (!p) return startOver(reply, locale, t('pendingExpired'));
    // The pending cookie is SameSite=Strict; the form's token is checked all the same, as on every form.
    if (!sameToken(one(body._csrf), p.pending.csrfToken)) return startOver(reply, locale, t('pendingExpired'), 403);
    const code = one(body.code).trim();
    const again = (status: number, error: string) => ({ status, page: { title: t('codeTitle'), body: createElement(LoginCodePage, { csrfToken: p.pending.csrfToken, next, error }) } });
    if (!code || code.length > 20) return again(400, t('codeMalformed'));
    const r = await completeLoginWithCode(deps, { token: p.token, pending: p.pending, code, ttlMinutes: web.opts.sessionTtlMinutes, traceId: req.traceId, spanId: req.spanId });
    if ('refused' in r) {
      if (r.refused === 'locked') return startOver(reply, locale, refusedText(locale, r), 429);
      return again(r.refused === 'code' && r.reason === 'malformed' ? 400 : 401, refusedText(locale, r));
    }
    startSession(reply, r);
    return { redirect: next };
  });

  const enrolPage = async (p: { pending: PendingLogin }, locale: Locale, next: string, candidate: TotpCandidate, error?: string) => ({
    title: accountMessages(locale)('enrolAtLoginTitle'),
    body: createElement(LoginEnrolPage, { csrfToken: p.pending.csrfToken, next, secret: candidate.secret, sealed: candidate.sealed, qr: await qrDataUrl(candidate.uri), error }),
  });

  web.get('/inloggen/instellen', { public: true }, async ({ req, reply, locale, query, user }) => {
    const next = safeRedirectPath(one(query.next));
    if (user) return { redirect: next };
    const p = await pendingOf(req, 'enrol');
    if (!p) return startOver(reply, locale, accountMessages(locale)('pendingExpired'));
    return enrolPage(p, locale, next, newTotpCandidate(deps, { id: p.pending.user.id, email: p.pending.email }));
  });

  web.post('/inloggen/instellen', { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, locale, body }) => {
    const t = accountMessages(locale);
    const next = safeRedirectPath(one(body.next));
    const p = await pendingOf(req, 'enrol');
    if (!p) return startOver(reply, locale, t('pendingExpired'));
    if (!sameToken(one(body._csrf), p.pending.csrfToken)) return startOver(reply, locale, t('pendingExpired'), 403);
    const who = { id: p.pending.user.id, email: p.pending.email };
    const sealed = one(body.candidate);
    const code = one(body.code).trim();
    const r = await completeLoginWithEnrolment(deps, { token: p.token, pending: p.pending, sealedCandidate: sealed, code: code.slice(0, 20), ttlMinutes: web.opts.sessionTtlMinutes, traceId: req.traceId, spanId: req.spanId });
    if ('refused' in r) {
      const candidate = reopenTotpCandidate(deps, who, sealed);
      if (!candidate) return { status: 400, page: await enrolPage(p, locale, next, newTotpCandidate(deps, who), t('enrolCandidateInvalid')) };
      return { status: 400, page: await enrolPage(p, locale, next, candidate, r.reason === 'malformed' ? t('codeMalformed') : t('codeWrong')) };
    }
    startSession(reply, r);
    return { title: t('recoveryTitle'), body: createElement(RecoveryCodes, { codes: r.recoveryCodes, continueHref: next }) };
  });
}
