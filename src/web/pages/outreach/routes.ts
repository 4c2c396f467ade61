import { createElement } from 'react';
import { emailResident, previewCaseMessage, smsResident, type CaseMessage } from '../../../app/outreach/case-message.ts';
import { getOutreachTemplateOf, saveOutreachTemplate } from '../../../app/outreach/outreach-templates.ts';
import { casesAwaitingLetterPerQueue, printLetters } from '../../../app/outreach/print-letters.ts';
import { listWorklist } from '../../../app/worklist/list-worklist.ts';
import { WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { MailNotConfigured } from '../../../domain/mail/mailer.ts';
import { e164 } from '../../../domain/outreach/sms.ts';
import { CHANNELS, compose, letterDate, type Channel, type Language, type Template } from '../../../domain/outreach/templates.ts';
import type { AppDeps, CallContext } from '../../../app/context.ts';
import { AccessDenied } from '../../../domain/access/actor.ts';
import { one, WebNotFound, type WebApp } from '../../web-app.ts';
import { orNotFound } from '../municipal-not-found.ts';
import { ruleDataOf } from '../worklist/rule-data.ts';
import { CaseMessagePage } from './message-page.tsx';
import { LettersPage } from './letters-page.tsx';
import { outreachMessages, templateReason } from './messages.ts';
import { webPdfPost } from './pdf-route.ts';
import { TemplatesPage } from './templates-page.tsx';

type Form = Record<string, string | string[] | undefined>;
const MUNICIPAL = ['municipality'] as const;
const languageOf = (v: string): Language => (v === 'en' ? 'en' : 'nl');
const channelOf = (v: string): Channel => ((CHANNELS as readonly string[]).includes(v) ? (v as Channel) : 'letter');

/** The channels the allowed contact details make possible; SMS only with a provider and a mobile number. */
function channelsOf(m: CaseMessage, smsConfigured: boolean): Channel[] {
  const r = m.recipient;
  if (!r) return [];
  return [...(r.addressLines.length ? (['letter'] as const) : []), ...(r.email ? (['email'] as const) : []), ...(smsConfigured && r.phone && e164(r.phone) ? (['sms'] as const) : [])];
}

/** Outreach to residents (issue 20 point 1): a case's letter or e-mail, print runs per queue, the templates. */
export function registerOutreachPages(web: WebApp): void {
  const rules = ruleDataOf(web.ruleBook);
  web.addNav({ href: '/werklijst/brieven', label: { nl: 'Brieven afdrukken', en: 'Print letters' }, permission: 'cases:work', organisationKinds: MUNICIPAL, order: 13 });
  web.addNav({ href: '/instellingen/berichten', label: { nl: 'Berichtteksten', en: 'Message texts' }, permission: 'municipality:configure', organisationKinds: MUNICIPAL, order: 47 });

  async function messagePage(deps: AppDeps, ctx: CallContext, locale: Language, caseId: string, want: { channel: string; language: string }, extra: { notice?: string; error?: string }) {
    const language = languageOf(want.language);
    const first = await orNotFound(previewCaseMessage(deps, ctx, caseId, channelOf(want.channel), language, rules.allowed));
    const channels = channelsOf(first, Boolean(deps.sms));
    const message = channels.includes(first.channel) || channels.length === 0 ? first : await previewCaseMessage(deps, ctx, caseId, channels[0]!, language, rules.allowed);
    const t = outreachMessages(locale);
    return { title: t('messageTitle', { id: caseId }), body: createElement(CaseMessagePage, { caseId, message, channels, smsConfigured: Boolean(deps.sms), ...extra }) };
  }

  web.get<Form, { caseId: string }>('/zaken/:caseId/bericht', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, query }) => {
    const t = outreachMessages(locale);
    const sent = one(query.verstuurd) === '1' ? { notice: t(one(query.kanaal) === 'sms' ? 'smsSent' : 'emailSent') } : {};
    return messagePage(deps, ctx, locale, params.caseId, { channel: one(query.kanaal), language: one(query.taal) || locale }, sent);
  });

  web.post<Form, { caseId: string }>('/zaken/:caseId/bericht/email', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, body, req }) => {
    const language = languageOf(one(body.taal));
    const t = outreachMessages(locale);
    let error: string;
    try {
      await orNotFound(emailResident(deps, ctx, params.caseId, language, rules.allowed));
      return { redirect: `/zaken/${params.caseId}/bericht?kanaal=email&taal=${language}&verstuurd=1` };
    } catch (e) {
      if (e instanceof MailNotConfigured) error = t('mailNotConfigured');
      else if (e instanceof WorklistInputError) error = t('noEmail');
      else if (e instanceof Error && !(e instanceof AccessDenied) && !(e instanceof WebNotFound)) {
        // The mail server refused or was unreachable: say so; the address stays out of the log.
        req.log.error({ err: { message: e.message } }, 'e-mail to resident failed');
        error = t('mailFailed');
      } else throw e;
    }
    return { status: 400, page: await messagePage(deps, ctx, locale, params.caseId, { channel: 'email', language }, { error }) };
  });

  web.post<Form, { caseId: string }>('/zaken/:caseId/bericht/sms', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, body, req }) => {
    const language = languageOf(one(body.taal));
    const t = outreachMessages(locale);
    let error: string;
    try {
      if (!deps.sms) error = t('noSms');
      else {
        await orNotFound(smsResident(deps, ctx, deps.sms, params.caseId, language, rules.allowed));
        return { redirect: `/zaken/${params.caseId}/bericht?kanaal=sms&taal=${language}&verstuurd=1` };
      }
    } catch (e) {
      if (e instanceof WorklistInputError) error = t('noPhone');
      else if (e instanceof Error && !(e instanceof AccessDenied) && !(e instanceof WebNotFound)) {
        // The provider refused or was unreachable: say so; number and text stay out of the log.
        req.log.error({ err: { message: e.message } }, 'text message to resident failed');
        error = t('smsFailed');
      } else throw e;
    }
    return { status: 400, page: await messagePage(deps, ctx, locale, params.caseId, { channel: 'sms', language }, { error }) };
  });

  webPdfPost(
    web,
    '/zaken/:caseId/bericht/brief.pdf',
    'cases:work',
    async ({ ctx, params }) => {
      await previewCaseMessage(web.deps, ctx, params.caseId!, 'letter', 'nl', rules.allowed);
      return `brief-zaak-${params.caseId}.pdf`;
    },
    ({ ctx, params, body }, out) => printLetters(web.deps, ctx, { caseId: params.caseId! }, languageOf(one(body.taal)), rules.allowed, out),
  );

  async function queuesOf(deps: AppDeps, ctx: CallContext) {
    const view = await listWorklist(deps, ctx, { queue: '', status: '', assigned: '', overdue: false, crisis: false, signalType: '', q: '', sort: '', page: 1 });
    const awaiting = await casesAwaitingLetterPerQueue(deps, ctx);
    return view.queues.map((q) => ({ id: q.id, name: q.name, open: q.open, withoutLetter: awaiting.get(q.id) ?? 0 }));
  }

  web.get('/werklijst/brieven', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale }) => {
    const t = outreachMessages(locale);
    return { title: t('lettersTitle'), body: createElement(LettersPage, { queues: await queuesOf(deps, ctx) }) };
  });

  webPdfPost(
    web,
    '/werklijst/brieven/:queueId/brieven.pdf',
    'cases:work',
    async ({ ctx, params }) => ((await queuesOf(web.deps, ctx)).some((q) => q.id === params.queueId) ? `brieven-${params.queueId}.pdf` : undefined),
    ({ ctx, params, body }, out) => printLetters(web.deps, ctx, { queue: params.queueId!, reprint: one(body.opnieuw) === 'ja' }, languageOf(one(body.taal)), rules.allowed, out),
  );

  const CONFIGURE = { permission: 'municipality:configure', organisationKinds: MUNICIPAL } as const;
  const sample = (t: Template, language: Language) =>
    compose(t, { naam: 'J. de Vries', adres: 'Voorbeeldstraat 1, 1234 AB Voorbeeldstad', gemeente: 'Voorbeeldstad', datum: letterDate(web.deps.now().toISOString().slice(0, 10), language) });

  web.get<Form>('/instellingen/berichten', CONFIGURE, async ({ deps, ctx, locale, query }) => {
    const t = outreachMessages(locale);
    const template = await getOutreachTemplateOf(deps, ctx, channelOf(one(query.kanaal)), languageOf(one(query.taal) || locale));
    return {
      title: t('templatesTitle'),
      body: createElement(TemplatesPage, { template, own: template.own, errors: {}, ...(one(query.opgeslagen) === '1' ? { notice: t('saved') } : {}) }),
    };
  });

  web.post<Form>('/instellingen/berichten', CONFIGURE, async ({ deps, ctx, locale, body }) => {
    const t = outreachMessages(locale);
    const template: Template = {
      channel: channelOf(one(body.kanaal)),
      language: languageOf(one(body.taal)),
      subject: one(body.subject),
      body: one(body.body).replace(/\r\n/g, '\n'),
      contactPerson: one(body.contactPerson),
      contactPhone: one(body.contactPhone),
    };
    const own = (await getOutreachTemplateOf(deps, ctx, template.channel, template.language)).own;
    if (one(body.actie) === 'voorbeeld') {
      return { title: t('templatesTitle'), body: createElement(TemplatesPage, { template, own, errors: {}, preview: sample(template, template.language) }) };
    }
    try {
      await saveOutreachTemplate(deps, ctx, template);
    } catch (e) {
      if (!(e instanceof WorklistInputError)) throw e;
      const errors = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, templateReason(t, v)]));
      return { status: 400, page: { title: t('templatesTitle'), body: createElement(TemplatesPage, { template, own, errors }) } };
    }
    return { redirect: `/instellingen/berichten?kanaal=${template.channel}&taal=${template.language}&opgeslagen=1` };
  });
}
