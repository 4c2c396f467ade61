import { createElement } from 'react';
import { beginSsoLogin, completeSsoLogin } from '../../../app/identity/sso-login.ts';
import { providerKeyOf } from '../../../app/identity/sso-provider.ts';
import { FLOW_TTL_MS } from '../../../app/identity/sso-flow.ts';
import { SESSION_COOKIE } from '../../../http/plugins/auth.ts';
import { safeRedirectPath } from '../../safe-redirect.ts';
import { one, type WebApp } from '../../web-app.ts';
import { identityMessages } from './messages.ts';
import { SsoContinuePage, SsoRefusedPage } from './sso-pages.tsx';

const FLOW_COOKIE = 'vs_sso';
export const SSO_CALLBACK_PATH = '/sso/terug';

/** /sso/start sends the browser to the chosen provider; the provider sends it back to /sso/terug. */
export function registerSsoPages(web: WebApp): void {
  // Lax, not strict: the provider's redirect back is a navigation from another site, and must carry it.
  const flowCookie = { path: '/sso', sameSite: 'lax' as const, httpOnly: true, secure: web.opts.secureCookies };

  web.get('/sso/start', { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps, locale, query }) => {
    const t = identityMessages(locale);
    const provider = providerKeyOf(one(query.aanbieder));
    const started = provider
      ? await beginSsoLogin(deps, { provider, redirectUri: `${web.baseUrl(req)}${SSO_CALLBACK_PATH}`, next: safeRedirectPath(one(query.next)), locale })
      : ({ refused: 'unknown-provider' } as const);
    if ('refused' in started) return { status: started.refused === 'provider' ? 502 : 404, page: { title: t('r_title'), body: createElement(SsoRefusedPage, { reason: started.refused }) } };
    reply.setCookie(FLOW_COOKIE, started.flow, { ...flowCookie, maxAge: FLOW_TTL_MS / 1000 });
    return { redirect: started.url };
  });

  web.get(SSO_CALLBACK_PATH, { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps, locale }) => {
    const t = identityMessages(locale);
    const flow = (req.cookies as Record<string, string | undefined>)[FLOW_COOKIE];
    reply.clearCookie(FLOW_COOKIE, { path: '/sso' });
    const r = await completeSsoLogin(deps, {
      flow,
      callbackUrl: new URL(req.url, web.baseUrl(req)),
      ttlMinutes: web.opts.sessionTtlMinutes,
      userAgent: req.headers['user-agent'],
      traceId: req.traceId,
      spanId: req.spanId,
    });
    if ('refused' in r) return { status: 403, page: { title: t('r_title'), body: createElement(SsoRefusedPage, { reason: r.refused }) } };
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', secure: web.opts.secureCookies, path: '/', expires: r.expiresAt });
    return { title: t('continueTitle'), body: createElement(SsoContinuePage, { next: r.next }), refreshTo: r.next };
  });
}
