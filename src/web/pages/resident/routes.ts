import type { FastifyReply } from 'fastify';
import { explainReminder } from '../../../app/resident/explain-reminder.ts';
import { openReminder, reminderOfToken, reminderToken } from '../../../app/resident/open-reminder.ts';
import { recordChoice } from '../../../app/resident/record-choice.ts';
import { isResidentChoice } from '../../../domain/resident/choice.ts';
import { composeMail } from '../../../domain/mail/compose.ts';
import { one, type WebApp, type WebRequest } from '../../web-app.ts';
import { formTokenMatches, issueFormToken } from '../account-recovery/form-token.ts';
import { isResidentLang, residentDate, residentMessages, type ResidentLang } from './messages.ts';
import { PAGE, reminderDocument, startDocument } from './resident-page.tsx';
import { registerResidentDigidPages, residentDigidAvailable } from './digid-routes.ts';

/** The page's language: ?taal= or the form's, else the app's (Dutch or English). */
export function residentLang(r: Pick<WebRequest, 'locale' | 'query' | 'body'>): ResidentLang {
  const asked = one((r.body as Record<string, string | undefined> | undefined)?.taal) || one((r.query as Record<string, string | undefined>).taal);
  return isResidentLang(asked) ? asked : r.locale;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * /mijn-signaal (issue 24): the resident's own page, without an account. The code from the
 * reminder letter with postcode and house number (or DigiD) opens what the creditor may pass to
 * which municipality, and the resident's choice. Public forms carry their own double-submit token;
 * the POST that tries a code has the login form's limit per client address on top of the lockout
 * per client, code and postcode (src/app/resident/open-reminder.ts). No third-party assets: the
 * app's own layout and styles only.
 */
export function registerResidentPages(web: WebApp): void {
  const form = (reply: FastifyReply) => issueFormToken(web, reply, PAGE);

  web.get(PAGE, { public: true }, async (r) => {
    const lang = residentLang(r);
    const t = residentMessages(lang);
    const failed = one(r.query.digid) === 'mislukt';
    return startDocument({ lang, formToken: form(r.reply), digid: residentDigidAvailable(r.deps), ...(failed ? { error: t('digidUnavailable') } : {}) }, r.locale);
  });

  web.post(PAGE, { public: true, rateLimit: web.opts.loginLimit }, async (r) => {
    const { req, reply, deps, body } = r;
    const lang = residentLang(r);
    const t = residentMessages(lang);
    const values = { code: one(body.code).slice(0, 40), postcode: one(body.postcode).slice(0, 10), houseNumber: one(body.houseNumber).slice(0, 10) };
    const again = (status: number, error: string) => ({
      status,
      page: startDocument({ lang, formToken: form(reply), digid: residentDigidAvailable(deps), error, values }, r.locale),
    });
    if (!formTokenMatches(req, one(body._form))) return again(403, t('formExpired'));
    const opened = await openReminder(deps, { client: req.ip, ...values, traceId: req.traceId, spanId: req.spanId });
    if (!opened.ok) {
      if (opened.reason === 'locked') {
        const minutes = Math.max(1, Math.ceil((opened.until.getTime() - deps.now().getTime()) / 60_000));
        reply.header('retry-after', String(minutes * 60));
        return again(429, t('locked', { minutes }));
      }
      return again(opened.reason === 'expired' ? 410 : 400, t(opened.reason === 'expired' ? 'expired' : 'noMatch'));
    }
    const e = await explainReminder(deps, opened.reminder);
    return reminderDocument({ lang, formToken: form(reply), token: opened.token, e }, r.locale);
  });

  web.post(`${PAGE}/keuze`, { public: true }, async (r) => {
    const { req, reply, deps, body } = r;
    const lang = residentLang(r);
    const t = residentMessages(lang);
    const start = (status: number, error: string) => ({
      status,
      page: startDocument({ lang, formToken: form(reply), digid: residentDigidAvailable(deps), error }, r.locale),
    });
    if (!formTokenMatches(req, one(body._form))) return start(403, t('formExpired'));
    const reminder = await reminderOfToken(deps, one(body.t));
    if (!reminder) return start(403, t('formExpired'));
    const token = reminderToken(deps, reminder.id, deps.now());
    const show = async (notices: Array<{ type: 'ok' | 'error' | 'info'; text: string }>, status = 200) => {
      const e = await explainReminder(deps, (await reminderOfToken(deps, token)) ?? reminder);
      return { status, page: reminderDocument({ lang, formToken: form(reply), token, e, notices }, r.locale) };
    };
    const picked = one(body.keuze);
    // Only the language changed: the same page again.
    if (!picked) return show([]);
    const email = one(body.email).trim();
    if (email && (!EMAIL.test(email) || email.length > 200)) return show([{ type: 'error', text: t('emailInvalid') }], 400);
    const choice = picked === 'none' ? null : isResidentChoice(picked) ? picked : undefined;
    if (choice === undefined) return show([], 400);
    const done = await recordChoice(deps, { traceId: req.traceId, spanId: req.spanId }, reminder, choice, 'code');
    if (!done.recorded) return show([{ type: 'info', text: t('closed') }], 409);
    const expires = (await explainReminder(deps, reminder)).from;
    const lastDay = new Date(Date.parse(`${expires}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const saved = t('saved', { choice: t(`short_${choice ?? 'none'}`), date: residentDate(lang, lastDay) });
    const notices: Array<{ type: 'ok' | 'error' | 'info'; text: string }> = [{ type: 'ok', text: saved }];
    if (email) notices.push(await confirmByMail(r, lang, email, saved));
    return show(notices);
  });

  registerResidentDigidPages(web);
}

/** The confirmation e-mail: sent at once, the address used for nothing else and not kept. Its failure is logged without the address. */
async function confirmByMail(r: WebRequest<unknown, unknown, unknown>, lang: ResidentLang, email: string, saved: string): Promise<{ type: 'ok' | 'error'; text: string }> {
  const t = residentMessages(lang);
  const mailer = r.deps.mailer;
  if (!mailer) return { type: 'error', text: t('mailFailed') };
  const mail = composeMail(lang === 'en' ? 'en' : 'nl', t('mailSubject'), [{ paragraph: saved }, { paragraph: t('municipalityText') }]);
  const html = mail.html.replace(/<html lang="\w+">/, `<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}>`);
  try {
    await mailer.send({ to: email, subject: mail.subject, text: mail.text, html });
    return { type: 'ok', text: t('mailSent') };
  } catch (e) {
    r.req.log.warn({ err: { message: (e as Error).message } }, 'resident confirmation mail not sent');
    return { type: 'error', text: t('mailFailed') };
  }
}
