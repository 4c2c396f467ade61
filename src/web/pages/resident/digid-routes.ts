import type { AppDeps } from '../../../app/context.ts';
import { beginDigidLogin, completeDigidLogin, RESIDENT_SESSION_MINUTES, residentOfSession } from '../../../app/resident/digid-login.ts';
import { signalsOfResident } from '../../../app/resident/digid-signals.ts';
import { type WebApp } from '../../web-app.ts';
import { issueFormToken } from '../account-recovery/form-token.ts';
import { residentMessages } from './messages.ts';
import { digidDocument, PAGE, startDocument } from './resident-page.tsx';
import { residentLang } from './routes.ts';

const FLOW_COOKIE = 'vs_digid_flow';
const SESSION_COOKIE = 'vs_inwoner';
const DIGID_CALLBACK = `${PAGE}/digid/terug`;

export const residentDigidAvailable = (deps: AppDeps) => deps.sso.digid !== undefined;

/**
 * DigiD on the resident's page: GET /mijn-signaal/digid goes to the broker, which returns to
 * /mijn-signaal/digid/terug; a sealed cookie (15 minutes, this path only) then shows the signals
 * about the person, with the amount. No account, nothing stored but the audit record.
 */
export function registerResidentDigidPages(web: WebApp): void {
  // Lax: the broker's redirect back is a navigation from another site.
  const cookie = { path: PAGE, sameSite: 'lax' as const, httpOnly: true, secure: web.opts.secureCookies };

  // A GET, as /sso/start: the page's form-action policy would stop a form's redirect to the broker.
  web.get(`${PAGE}/digid`, { public: true, rateLimit: web.opts.loginLimit }, async (r) => {
    const lang = residentLang(r);
    const t = residentMessages(lang);
    const started = await beginDigidLogin(r.deps, `${web.baseUrl(r.req)}${DIGID_CALLBACK}`);
    if ('refused' in started)
      return {
        status: started.refused === 'not_configured' ? 404 : 502,
        page: startDocument({ lang, formToken: issueFormToken(web, r.reply, PAGE), digid: residentDigidAvailable(r.deps), error: t('digidUnavailable') }, r.locale),
      };
    r.reply.setCookie(FLOW_COOKIE, `${lang}.${started.flow}`, { ...cookie, maxAge: 600 });
    return { redirect: started.url };
  });

  web.get(DIGID_CALLBACK, { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps }) => {
    const raw = (req.cookies as Record<string, string | undefined>)[FLOW_COOKIE] ?? '';
    reply.clearCookie(FLOW_COOKIE, { path: PAGE });
    const dot = raw.indexOf('.');
    const lang = raw.slice(0, Math.max(0, dot));
    const r = await completeDigidLogin(deps, { flow: dot > 0 ? raw.slice(dot + 1) : undefined, callbackUrl: new URL(req.url, web.baseUrl(req)), traceId: req.traceId, spanId: req.spanId });
    if ('refused' in r) return { redirect: `${PAGE}?digid=mislukt${lang ? `&taal=${encodeURIComponent(lang)}` : ''}` };
    // Lax too: the redirect that follows is still part of the broker's cross-site navigation.
    reply.setCookie(SESSION_COOKIE, r.session, { ...cookie, maxAge: RESIDENT_SESSION_MINUTES * 60 });
    return { redirect: `${PAGE}/digid/overzicht${lang ? `?taal=${encodeURIComponent(lang)}` : ''}` };
  });

  web.get(`${PAGE}/digid/overzicht`, { public: true }, async (r) => {
    const lang = residentLang(r);
    const bsn = residentOfSession(r.deps, (r.req.cookies as Record<string, string | undefined>)[SESSION_COOKIE]);
    if (!bsn) return { redirect: `${PAGE}?taal=${lang}` };
    const signals = await signalsOfResident(r.deps, bsn, { traceId: r.req.traceId, spanId: r.req.spanId });
    return digidDocument({ lang, formToken: issueFormToken(web, r.reply, PAGE), signals }, r.locale);
  });

  web.post(`${PAGE}/digid/uitloggen`, { public: true }, async (r) => {
    r.reply.clearCookie(SESSION_COOKIE, { path: PAGE });
    return { redirect: `${PAGE}?taal=${residentLang(r)}` };
  });
}
