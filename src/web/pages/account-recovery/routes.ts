import { createElement } from 'react';
import type { FastifyRequest } from 'fastify';
import { LINK_PATHS } from '../../../app/auth/email-links.ts';
import { requestPasswordReset } from '../../../app/auth/password-reset.ts';
import { checkEmailLink, setPasswordByLink } from '../../../app/auth/set-password-by-link.ts';
import type { EmailTokenPurpose } from '../../../domain/access/email-tokens.ts';
import { MailNotConfigured } from '../../../domain/mail/mailer.ts';
import { one, type WebApp } from '../../web-app.ts';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import { formTokenMatches, issueFormToken } from './form-token.ts';
import { recoveryMessages } from './messages.ts';
import { LinkProblemPage, PasswordSetPage, SetPasswordPage } from './set-password-page.tsx';

const FORGOT = '/wachtwoord-vergeten';

/** A reset that failed (its mail, or the work before it) is logged without the address or the text; the person was told the same either way. */
function logUndelivered(req: FastifyRequest, delivery: Promise<void>): void {
  delivery.catch((e: unknown) => req.log.warn({ err: { message: (e as Error).message } }, 'password reset mail not sent'));
}

/**
 * The pages reached without a password: "forgot password" (/wachtwoord-vergeten), the reset link
 * (/wachtwoord-herstellen?token=…) and the invitation link (/uitnodiging?token=…). Public, so each
 * form carries its own double-submit token (form-token.ts), and each POST has the login form's limit
 * per client address.
 */
export function registerAccountRecoveryPages(web: WebApp): void {
  web.get(FORGOT, { public: true }, async ({ reply, locale, query }) => ({
    title: recoveryMessages(locale)('forgotTitle'),
    body: createElement(ForgotPasswordPage, { formToken: issueFormToken(web, reply, FORGOT), sent: one(query.verstuurd) === '1' }),
  }));

  web.post(FORGOT, { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps, locale, body }) => {
    const t = recoveryMessages(locale);
    const email = one(body.email).trim();
    const again = (status: number, e: { error?: string; fieldError?: string }) => ({
      status,
      page: { title: t('forgotTitle'), body: createElement(ForgotPasswordPage, { formToken: issueFormToken(web, reply, FORGOT), email, ...e }) },
    });
    if (!formTokenMatches(req, one(body._form))) return again(403, { error: t('formExpired') });
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 200) return again(400, { fieldError: t('emailInvalid') });
    try {
      const { delivery } = requestPasswordReset(deps, { email, baseUrl: web.baseUrl(req), traceId: req.traceId, spanId: req.spanId });
      logUndelivered(req, delivery);
    } catch (e) {
      if (e instanceof MailNotConfigured) return again(503, { error: t('mailNotConfigured') });
      throw e;
    }
    return { redirect: `${FORGOT}?verstuurd=1` };
  });

  for (const kind of ['reset', 'invitation'] as const) registerLinkPage(web, kind);
}

/** The page a link from a mail opens: its form while the link works, else why not; after saving, on to the login. */
function registerLinkPage(web: WebApp, kind: EmailTokenPurpose): void {
  const path = LINK_PATHS[kind];
  const title = (t: ReturnType<typeof recoveryMessages>) => (kind === 'reset' ? t('resetTitle') : t('inviteTitle'));

  web.get(path, { public: true }, async ({ reply, deps, locale, query }) => {
    const t = recoveryMessages(locale);
    if (one(query.klaar) === '1') return { title: kind === 'reset' ? t('resetDoneTitle') : t('inviteDoneTitle'), body: createElement(PasswordSetPage, { kind }) };
    const token = one(query.token);
    const verdict = await checkEmailLink(deps, token, kind);
    if (verdict !== 'valid') return { status: verdict === 'unknown' ? 404 : 410, page: { title: t('linkTitle'), body: createElement(LinkProblemPage, { kind, reason: verdict }) } };
    return { title: title(t), body: createElement(SetPasswordPage, { kind, token, formToken: issueFormToken(web, reply, path) }) };
  });

  web.post(path, { public: true, rateLimit: web.opts.loginLimit }, async ({ req, reply, deps, locale, body }) => {
    const t = recoveryMessages(locale);
    const token = one(body.token);
    const password = one(body.password);
    const again = (status: number, errors: { password?: string; repeat?: string; form?: string }) => ({
      status,
      page: { title: title(t), body: createElement(SetPasswordPage, { kind, token, formToken: issueFormToken(web, reply, path), errors }) },
    });
    if (!formTokenMatches(req, one(body._form))) return again(403, { form: t('formExpired') });
    if (password !== one(body.password2)) return again(400, { repeat: t('passwordsDiffer') });
    const r = await setPasswordByLink(deps, { token, purpose: kind, password, traceId: req.traceId, spanId: req.spanId });
    if ('done' in r) return { redirect: `${path}?klaar=1` };
    if (r.refused === 'password') return again(400, { password: t(r.problem) });
    return { status: r.refused === 'unknown' ? 404 : 410, page: { title: t('linkTitle'), body: createElement(LinkProblemPage, { kind, reason: r.refused }) } };
  });
}
