import { randomBytes } from 'node:crypto';
import { createElement } from 'react';
import { isRefused, login, logout, needsSecondFactor } from '../../../app/auth/login.ts';
import { SESSION_COOKIE } from '../../../http/plugins/auth.ts';
import { commonMessages } from '../../i18n/common.ts';
import { one, type WebApp } from '../../web-app.ts';
import { LoginPage } from './login-page.tsx';
import { loginChoices } from '../../../app/identity/login-choices.ts';
import { providerLogoutUrl } from '../../../app/identity/sso-login.ts';
import { identityMessages } from '../identity/messages.ts';
import { ToProviderPage } from '../identity/sso-pages.tsx';
import { safeRedirectPath } from '../../safe-redirect.ts';
import { PENDING_COOKIE, registerSecondFactorPages } from './second-factor-routes.ts';

const LOGIN_COOKIE = 'vs_login';

/** /inloggen and /uitloggen over the same session and login use case as the API. */
export function registerAuthPages(web: WebApp): void {
  const cookieOpts = { path: '/inloggen', sameSite: 'strict' as const, httpOnly: true, secure: web.opts.secureCookies };

  web.get('/inloggen', { public: true }, async ({ reply, deps, locale, query, user }) => {
    if (user) return { redirect: safeRedirectPath(one(query.next)) };
    const token = randomBytes(18).toString('base64url');
    reply.setCookie(LOGIN_COOKIE, token, cookieOpts);
    return {
      title: commonMessages(locale)('loginTitle'),
      body: createElement(LoginPage, {
        loginToken: token,
        next: safeRedirectPath(one(query.next)),
        expired: one(query.verlopen) === '1',
        loggedOut: one(query.uitgelogd) === '1',
        choices: await loginChoices(deps),
      }),
    };
  });

  web.post('/inloggen', { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps, locale, body }) => {
    const next = safeRedirectPath(one(body.next));
    const cookieToken = (req.cookies as Record<string, string | undefined>)[LOGIN_COOKIE];
    const t = commonMessages(locale);
    const again = (status: number, error = t('loginFailed')) => {
      const token = randomBytes(18).toString('base64url');
      reply.setCookie(LOGIN_COOKIE, token, cookieOpts);
      return { status, page: { title: t('loginTitle'), body: createElement(LoginPage, { loginToken: token, next, email: one(body.email), error }) } };
    };
    // A login form posted from another site would not carry the cookie's value.
    if (!cookieToken || cookieToken !== one(body._login)) return again(403);
    const email = one(body.email).trim();
    const password = one(body.password);
    if (!email || !password || email.length > 200 || password.length > 200) return again(400);
    const r = await login(deps, { email, password, ttlMinutes: web.opts.sessionTtlMinutes, traceId: req.traceId, spanId: req.spanId, userAgent: req.headers['user-agent'], pendingLogin: true });
    if (needsSecondFactor(r)) {
      // The password was right; the second factor decides (second-factor-routes.ts).
      if (!r.pending) throw new Error('a web login waits for its second factor under a pending token');
      reply.clearCookie(LOGIN_COOKIE, { path: '/inloggen' });
      reply.setCookie(PENDING_COOKIE, r.pending.token, { ...cookieOpts, expires: r.pending.expiresAt });
      return { redirect: `/inloggen/${r.secondFactor === 'code' ? 'code' : 'instellen'}?${new URLSearchParams({ next }).toString()}` };
    }
    if (isRefused(r)) {
      if (r.refused !== 'locked') return again(401);
      const until = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' }).format(r.until);
      return again(429, t('loginLocked', { until }));
    }
    reply.clearCookie(LOGIN_COOKIE, { path: '/inloggen' });
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', secure: web.opts.secureCookies, path: '/', expires: r.expiresAt });
    return { redirect: next };
  });

  // Logging out needs the CSRF token (the route is not public), so another site cannot log a user out.
  web.post('/uitloggen', {}, async ({ req, reply, locale }) => {
    const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
    const loggedOut = `${web.baseUrl(req)}/inloggen?uitgelogd=1`;
    // A session from an identity provider is ended there too (RP-initiated logout), which then sends the browser back.
    const atProvider = token ? await providerLogoutUrl(web.deps, token, loggedOut) : undefined;
    if (token) await logout(web.deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (!atProvider) return { redirect: '/inloggen?uitgelogd=1' };
    // Not a redirect: the CSP's form-action 'self' also covers where a form's answer redirects to.
    return { title: identityMessages(locale)('toProviderTitle'), body: createElement(ToProviderPage, { url: atProvider }), refreshTo: atProvider };
  });

  registerSecondFactorPages(web);
}
