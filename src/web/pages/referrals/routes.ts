import { Readable } from 'node:stream';
import { createElement } from 'react';
import { referralEndpointSettings, saveReferralEndpointSettings } from '../../../app/referrals/endpoint-settings.ts';
import { handOffCase } from '../../../app/referrals/hand-off-case.ts';
import { referralSummary, referralView } from '../../../app/referrals/referral-view.ts';
import { renderReferralPdf } from '../../../app/referrals/render-pdf.ts';
import { WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { webDownload } from '../creditor/download-route.ts';
import { one, type WebApp } from '../../web-app.ts';
import { orNotFound } from '../municipal-not-found.ts';
import { HandOffPage } from './hand-off-page.tsx';
import { referralMessages } from './messages.ts';
import { ReferralSettingsPage } from './settings-page.tsx';

type Form = Record<string, string | string[] | undefined>;
const MUNICIPAL = ['municipality'] as const;

/** Hand-off to debt help (issue 20 point 5): the case's hand-off page, its PDF, and the coordinator's connection settings. */
export function registerReferralPages(web: WebApp): void {
  web.addNav({ href: '/instellingen/schuldhulp', label: { nl: 'Schuldhulp', en: 'Debt help' }, permission: 'municipality:configure', organisationKinds: MUNICIPAL, order: 46 });

  web.get<Form, { caseId: string }>('/zaken/:caseId/overdracht', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, query, user }) => {
    const view = await orNotFound(referralView(deps, ctx, params.caseId));
    const t = referralMessages(locale);
    return { title: t('handOffTitle', { id: view.caseId }), body: createElement(HandOffPage, { view, canWork: !!user?.actor.permissions.has('cases:work'), notice: one(query.verzonden) === '1' ? t('handedOff') : undefined }) };
  });

  web.post<Form, { caseId: string }>('/zaken/:caseId/overdracht', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, body }) => {
    try {
      await orNotFound(handOffCase(deps, ctx, params.caseId, { consent: one(body.consent) }));
    } catch (e) {
      if (!(e instanceof WorklistInputError)) throw e;
      const view = await orNotFound(referralView(deps, ctx, params.caseId));
      const t = referralMessages(locale);
      const reasons: Record<string, string> = { 'already handed off': t('err_already'), 'not eligible': t('notEligible'), 'no endpoint': t('noEndpoint') };
      const error = reasons[e.fields.consent ?? ''] ?? t('err_consent');
      return { status: 400, page: { title: t('handOffTitle', { id: view.caseId }), body: createElement(HandOffPage, { view, canWork: true, error }) } };
    }
    return { redirect: `/zaken/${params.caseId}/overdracht?verzonden=1` };
  });

  webDownload(web, '/zaken/:caseId/overdracht.pdf', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ ctx, locale, params }) => {
    const s = await referralSummary(web.deps, ctx, params.caseId ?? '');
    if (!s) return undefined;
    const pdf = await renderReferralPdf(s.payload, s.state, locale);
    return { filename: `overdracht-zaak-${s.payload.caseId}.pdf`, contentType: 'application/pdf', body: Readable.from([pdf]) };
  });

  web.get<Form>('/instellingen/schuldhulp', { permission: 'municipality:configure', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, query }) => {
    const s = await referralEndpointSettings(deps, ctx);
    const t = referralMessages(locale);
    return { title: t('settingsTitle'), body: createElement(ReferralSettingsPage, { url: s.url ?? '', updatedAt: s.updatedAt, notice: one(query.opgeslagen) === '1' ? t('saved') : undefined, errors: {} }) };
  });

  web.post<Form>('/instellingen/schuldhulp', { permission: 'municipality:configure', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, body }) => {
    const url = one(body.url);
    try {
      await saveReferralEndpointSettings(deps, ctx, { url, secret: one(body.secret) });
    } catch (e) {
      if (!(e instanceof WorklistInputError)) throw e;
      const t = referralMessages(locale);
      const s = await referralEndpointSettings(deps, ctx);
      const errors: Record<string, string> = {};
      if (e.fields.url) errors.url = t('err_url');
      if (e.fields.secret) errors.secret = t('err_secret');
      return { status: 400, page: { title: t('settingsTitle'), body: createElement(ReferralSettingsPage, { url, updatedAt: s.updatedAt, errors }) } };
    }
    return { redirect: '/instellingen/schuldhulp?opgeslagen=1' };
  });
}
