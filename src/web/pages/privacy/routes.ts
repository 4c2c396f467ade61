import { createElement } from 'react';
import { answerAccessRequest } from '../../../app/privacy/answer-access-request.ts';
import { listOwnObjections, withdrawObjection } from '../../../app/privacy/objection-register.ts';
import { rectifySignal, RectificationRefused } from '../../../app/privacy/rectify-signal.ts';
import { registerObjection } from '../../../app/privacy/register-objection.ts';
import { writeAccessAnswerPdf } from '../../../app/privacy/render-access-pdf.ts';
import { retentionOverview, runRetentionNow } from '../../../app/privacy/retention-overview.ts';
import { setOwnRetentionSettings, UnsafeRetention } from '../../../app/privacy/set-retention-settings.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { RECTIFIABLE_FIELDS, RECTIFICATION_REASONS } from '../../../domain/privacy/rectification.ts';
import type { RetentionPolicy } from '../../../domain/privacy/retention.ts';
import { resolveSubjectQuery, SubjectQueryError } from '../../../domain/privacy/subject-query.ts';
import { isLocale, type Locale } from '../../i18n/locale.ts';
import { one, WebNotFound, type WebApp } from '../../web-app.ts';
import { webPdfPost } from '../outreach/pdf-route.ts';
import { AccessPage } from './access-page.tsx';
import { counted, privacyMessages } from './messages.ts';
import { ObjectionsPage } from './objections-page.tsx';
import { RectifyPage, type RectifyForm } from './rectify-page.tsx';
import { RetentionPage } from './retention-page.tsx';
import { FIELD_OF, subjectFormOf, subjectQueryOf, type SubjectForm } from './subject-form.ts';

type Form = Record<string, string | string[] | undefined>;
const MUNICIPAL = ['municipality'] as const;
const EMPTY_SUBJECT: SubjectForm = { zoekop: 'bsn', bsn: '', postcode: '', huisnummer: '', toevoeging: '', achternaam: '' };

/** A bad BSN or address as the field it belongs to, in the page's language. */
function subjectErrors(e: SubjectQueryError, locale: Locale): Partial<Record<keyof SubjectForm, string>> {
  return { [FIELD_OF[e.field] ?? 'bsn']: textIn(e.text, locale) };
}

/**
 * The privacy officer's screens (issue 21 point 6): access requests answered on screen and as a
 * PDF, rectification, objections, and retention with its tombstones. Every search for a resident
 * is a POST (a BSN never goes into a URL) and goes through the use cases that audit it.
 */
export function registerPrivacyPages(web: WebApp): void {
  web.addNav(
    { href: '/privacy/inzage', label: { nl: 'Inzageverzoeken', en: 'Access requests' }, permission: 'subjects:access', organisationKinds: MUNICIPAL, order: 90 },
    { href: '/privacy/bezwaar', label: { nl: 'Bezwaren', en: 'Objections' }, permission: 'subjects:access', organisationKinds: MUNICIPAL, order: 91 },
    { href: '/privacy/bewaartermijnen', label: { nl: 'Bewaartermijnen', en: 'Retention' }, permission: 'subjects:access', organisationKinds: MUNICIPAL, order: 92 },
    { href: '/beheer/bewaartermijnen', label: { nl: 'Bewaartermijnen', en: 'Retention' }, permission: 'platform:operate', organisationKinds: ['operator'], order: 92 },
  );

  web.get('/privacy/inzage', { permission: 'subjects:access', organisationKinds: MUNICIPAL }, async ({ locale }) => ({
    title: privacyMessages(locale)('accessTitle'),
    body: createElement(AccessPage, { form: EMPTY_SUBJECT, errors: {} }),
  }));

  web.post<Form>('/privacy/inzage', { permission: 'subjects:access', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, body }) => {
    const t = privacyMessages(locale);
    const form = subjectFormOf(body);
    try {
      const result = await answerAccessRequest(deps, ctx, subjectQueryOf(form), locale);
      return { title: t('accessTitle'), body: createElement(AccessPage, { form, errors: {}, result }) };
    } catch (e) {
      if (!(e instanceof SubjectQueryError)) throw e;
      return { status: 400, page: { title: t('accessTitle'), body: createElement(AccessPage, { form, errors: subjectErrors(e, locale) }) } };
    }
  });

  // The answer as a PDF: asked again (and audited again) from the same POSTed query, in the language chosen for the resident.
  const answers = new WeakMap<object, { form: SubjectForm; lang: Locale }>();
  webPdfPost(
    web,
    '/privacy/inzage/antwoord.pdf',
    'subjects:access',
    async (r) => {
      const form = subjectFormOf(r.body);
      try {
        resolveSubjectQuery(subjectQueryOf(form));
      } catch (e) {
        if (e instanceof SubjectQueryError) return undefined;
        throw e;
      }
      const lang = one(r.body.taal);
      answers.set(r, { form, lang: isLocale(lang) ? lang : r.locale });
      return 'inzage-antwoord.pdf';
    },
    async (r, out) => {
      const { form, lang } = answers.get(r)!;
      const { answer } = await answerAccessRequest(web.deps, r.ctx, subjectQueryOf(form), lang);
      await writeAccessAnswerPdf(answer, out);
    },
  );

  const rectifyForm = (q: Form): RectifyForm => ({ signaal: one(q.signaal).trim().slice(0, 20), veld: one(q.veld), waarde: one(q.waarde), reden: one(q.reden) });
  web.get<Form>('/privacy/correctie', { permission: 'objections:register', organisationKinds: MUNICIPAL }, async ({ locale, query }) => ({
    title: privacyMessages(locale)('rectifyTitle'),
    body: createElement(RectifyPage, { form: { ...rectifyForm(query), waarde: '' }, errors: {} }),
  }));

  web.post<Form>('/privacy/correctie', { permission: 'objections:register', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, body }) => {
    const t = privacyMessages(locale);
    const form = rectifyForm(body);
    const page = (errors: Partial<Record<keyof RectifyForm, string>>, done?: Parameters<typeof RectifyPage>[0]['done']) => ({ title: t('rectifyTitle'), body: createElement(RectifyPage, { form, errors, done }) });
    const field = RECTIFIABLE_FIELDS.find((f) => f === form.veld);
    const reason = RECTIFICATION_REASONS.find((r) => r === form.reden);
    if (!/^\d{1,18}$/.test(form.signaal)) return { status: 400, page: page({ signaal: t('err_signal') }) };
    if (!field) return { status: 400, page: page({ veld: t('field') }) };
    if (!reason) return { status: 400, page: page({ reden: t('err_reason') }) };
    try {
      const r = await rectifySignal(deps, ctx, { signalId: form.signaal, field, value: form.waarde, reason });
      if (!r) return { status: 404, page: page({ signaal: t('err_signal') }) };
      return page({}, { field, before: r.before, after: r.after });
    } catch (e) {
      if (!(e instanceof RectificationRefused)) throw e;
      return { status: 400, page: page({ waarde: textIn(e.text, locale) }) };
    }
  });

  const objectionsPage = async (r: { deps: WebApp['deps']; ctx: Parameters<typeof listOwnObjections>[1]; locale: Locale }, extra: { form?: SubjectForm; reason?: string; errors?: Partial<Record<keyof SubjectForm | 'reden', string>>; notice?: string }) => ({
    title: privacyMessages(r.locale)('objectionsTitle'),
    body: createElement(ObjectionsPage, { objections: await listOwnObjections(r.deps, r.ctx), form: extra.form ?? EMPTY_SUBJECT, reason: extra.reason ?? '', errors: extra.errors ?? {}, notice: extra.notice }),
  });
  web.get<Form>('/privacy/bezwaar', { permission: 'objections:register', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, query }) => {
    const t = privacyMessages(locale);
    const notice = one(query.ingetrokken) === '1' ? t('withdrawn') : one(query.signalen) ? t('registered', { s: counted(t, 'signals', one(query.signalen)), d: counted(t, 'cases', one(query.zaken) || '0') }) : undefined;
    return objectionsPage({ deps, ctx, locale }, notice ? { notice } : {});
  });

  web.post<Form>('/privacy/bezwaar', { permission: 'objections:register', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, body }) => {
    const t = privacyMessages(locale);
    const form = subjectFormOf(body);
    const reason = one(body.reden).trim();
    if (!reason || reason.length > 500) return { status: 400, page: await objectionsPage({ deps, ctx, locale }, { form, reason, errors: { reden: t('err_objectionReason') } }) };
    try {
      const r = await registerObjection(deps, ctx, { subject: subjectQueryOf(form), reason });
      return { redirect: `/privacy/bezwaar?signalen=${r.signals}&zaken=${r.casesDeleted}` };
    } catch (e) {
      if (!(e instanceof SubjectQueryError)) throw e;
      return { status: 400, page: await objectionsPage({ deps, ctx, locale }, { form, reason, errors: subjectErrors(e, locale) }) };
    }
  });

  web.post<Form>('/privacy/bezwaar/intrekken', { permission: 'objections:register', organisationKinds: MUNICIPAL }, async ({ deps, ctx, body }) => {
    if (!(await withdrawObjection(deps, ctx, one(body.bezwaar)))) throw new WebNotFound();
    return { redirect: '/privacy/bezwaar?ingetrokken=1' };
  });

  // The municipality's page is open to the privacy officer and whoever sets the terms (the use case
  // checks which); the operator's page shows every municipality's tombstones and the runs.
  const retentionPage = (): Parameters<typeof web.get<Form>>[2] => async ({ deps, ctx, locale, query, user }) => {
    const t = privacyMessages(locale);
    const notice = one(query.opgeslagen) === '1' ? t('termsSaved') : one(query.uitgevoerd) === '1' ? t('ran', { s: counted(t, 'signals', one(query.signalen) || '0'), c: counted(t, 'cases', one(query.zaken) || '0') }) : undefined;
    return { title: t('retentionTitle'), body: createElement(RetentionPage, { overview: await retentionOverview(deps, ctx), canConfigure: !!user?.actor.permissions.has('municipality:configure'), notice }) };
  };
  web.get<Form>('/privacy/bewaartermijnen', { organisationKinds: MUNICIPAL }, retentionPage());
  web.get<Form>('/beheer/bewaartermijnen', { permission: 'platform:operate', organisationKinds: ['operator'] }, retentionPage());

  web.post<Form>('/privacy/bewaartermijnen', { permission: 'municipality:configure', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, body }) => {
    const months = (name: string) => (/^\d{1,4}$/.test(one(body[name]).trim()) ? Number(one(body[name]).trim()) : -1);
    const policy: RetentionPolicy = { unpickedSignalMonths: months('niet-opgepakt'), pickedUpSignalMonths: months('opgepakt'), caseMonthsAfterClosing: months('zaken') };
    try {
      await setOwnRetentionSettings(deps, ctx, policy);
    } catch (e) {
      if (!(e instanceof UnsafeRetention)) throw e;
      const t = privacyMessages(locale);
      const overview = await retentionOverview(deps, ctx);
      const errors = Object.fromEntries(e.issues.map((i) => [i.field, textIn(i.message, locale)]));
      if (overview.policy) overview.policy.terms = policy;
      return { status: 400, page: { title: t('retentionTitle'), body: createElement(RetentionPage, { overview, canConfigure: true, errors }) } };
    }
    return { redirect: '/privacy/bewaartermijnen?opgeslagen=1' };
  });

  web.post('/beheer/bewaartermijnen/nu', { permission: 'platform:operate', organisationKinds: ['operator'] }, async ({ deps, ctx }) => {
    const r = await runRetentionNow(deps, ctx);
    const signals = r.municipalities.reduce((n, m) => n + m.unpickedSignals + m.pickedUpSignals, 0);
    const cases = r.municipalities.reduce((n, m) => n + m.cases, 0);
    return { redirect: `/beheer/bewaartermijnen?uitgevoerd=1&signalen=${signals}&zaken=${cases}` };
  });
}
