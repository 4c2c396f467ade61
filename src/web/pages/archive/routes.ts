import { createElement } from 'react';
import { WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { caseToReopen, reopenCase } from '../../../app/worklist/reopen-case.ts';
import { searchArchive, type ArchiveResult } from '../../../app/worklist/search-archive.ts';
import { one, type WebApp } from '../../web-app.ts';
import { ArchivePage, type ArchiveFormValues } from './archive-page.tsx';
import { archiveMessages, archiveReason } from './messages.ts';
import { ReopenPage } from './reopen-page.tsx';
import { orNotFound } from '../municipal-not-found.ts';

type Form = Record<string, string | string[] | undefined>;
const MUNICIPAL = ['municipality'] as const;

/** The archive of closed cases and re-opening a case with a reason (issue 20 point 3). */
export function registerArchivePages(web: WebApp): void {
  web.addNav({ href: '/archief', label: { nl: 'Archief', en: 'Archive' }, permission: 'cases:read', organisationKinds: MUNICIPAL, order: 11 });

  web.get<Form>('/archief', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, query }) => {
    const t = archiveMessages(locale);
    const values: ArchiveFormValues = { caseId: one(query.caseId), postcode: one(query.postcode), name: one(query.name), from: one(query.from), to: one(query.to) };
    const searched = Object.values(values).some((v) => v.trim() !== '') || query.caseId !== undefined;
    let result: ArchiveResult | undefined;
    let errors: Record<string, string> = {};
    if (searched) {
      try {
        result = await searchArchive(deps, ctx, values);
      } catch (e) {
        if (!(e instanceof WorklistInputError)) throw e;
        errors = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, archiveReason(t, v)]));
      }
    }
    const page = { title: t('archiveTitle'), body: createElement(ArchivePage, { values, result, errors }) };
    return Object.keys(errors).length > 0 ? { status: 400, page } : page;
  });

  web.get<Form, { caseId: string }>('/zaken/:caseId/heropenen', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params }) => {
    const c = await orNotFound(caseToReopen(deps, ctx, params.caseId));
    const t = archiveMessages(locale);
    return { title: t('reopenTitle', { id: c.id }), body: createElement(ReopenPage, { caseId: c.id, result: c.result, reason: '', ...(c.status !== 'closed' ? { error: t('err_notClosed') } : {}) }) };
  });

  web.post<Form, { caseId: string }>('/zaken/:caseId/heropenen', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, params, body }) => {
    const reason = one(body.reason);
    try {
      await orNotFound(reopenCase(deps, ctx, params.caseId, { reason }));
    } catch (e) {
      if (!(e instanceof WorklistInputError)) throw e;
      const c = await orNotFound(caseToReopen(deps, ctx, params.caseId));
      const t = archiveMessages(locale);
      return { status: 400, page: { title: t('reopenTitle', { id: c.id }), body: createElement(ReopenPage, { caseId: c.id, result: c.result, reason, error: archiveReason(t, e.fields.reason ?? '') }) } };
    }
    return { redirect: `/zaken/${params.caseId}` };
  });
}
