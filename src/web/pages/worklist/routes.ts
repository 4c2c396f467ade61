import { createElement } from 'react';
import { addNote } from '../../../app/worklist/add-note.ts';
import { assignCases } from '../../../app/worklist/assign-to-colleague.ts';
import { getWorkload } from '../../../app/worklist/workload.ts';
import { getWorklistStatistics } from '../../../app/worklist/worklist-statistics.ts';
import { listWorklist } from '../../../app/worklist/list-worklist.ts';
import { openCase } from '../../../app/worklist/open-case.ts';
import { WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { recordContactAttempt } from '../../../app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../../../app/worklist/record-outcome.ts';
import { setAgeGroup } from '../../../app/worklist/set-age-group.ts';
import { safeRedirectPath } from '../../safe-redirect.ts';
import { many, one, type WebApp, type WebRequest } from '../../web-app.ts';
import { WorkloadPage } from './workload-page.tsx';
import { registerWorklistExports } from './export-routes.ts';
import { CasePage, type CaseForm } from './case-page.tsx';
import { localReasons, worklistMessages } from './messages.ts';
import { ruleDataOf } from './rule-data.ts';
import { WorklistPage } from './worklist-page.tsx';
import { orNotFound } from '../municipal-not-found.ts';
import { referralView } from '../../../app/referrals/referral-view.ts';
import { isReferralResult } from '../../../domain/referrals/eligibility.ts';

const MUNICIPAL = ['municipality'] as const;
type Form = Record<string, string | string[] | undefined>;


/** The worklist, the workload view ("Capaciteit") and the case page with its forms (points 2 and 3 of issue 5). */
export function registerWorklistPages(web: WebApp): void {
  const rules = ruleDataOf(web.ruleBook);
  web.addNav(
    { href: '/werklijst', label: { nl: 'Werklijst', en: 'Worklist' }, permission: 'cases:read', organisationKinds: MUNICIPAL, order: 10 },
    { href: '/capaciteit', label: { nl: 'Capaciteit', en: 'Capacity' }, permission: 'cases:read', organisationKinds: MUNICIPAL, order: 12 },
  );

  web.get('/werklijst', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, query, user }) => {
    const q = query as Form;
    const view = await listWorklist(deps, ctx, {
      queue: one(q.queue),
      status: one(q.status),
      assigned: one(q.assigned),
      overdue: one(q.overdue) === '1',
      crisis: one(q.crisis) === '1',
      signalType: one(q.signalType),
      q: one(q.q),
      sort: one(q.sort),
      page: Number(one(q.page)) || 1,
    });
    const t = worklistMessages(locale);
    const ok = one(q.toegewezen);
    return {
      title: t('worklistTitle'),
      body: createElement(WorklistPage, {
        view,
        rules,
        canWork: !!user?.actor.permissions.has('cases:work'),
        ...(ok ? { notice: t('assignedOk', { n: Number(ok) || 0 }) } : {}),
        ...(one(q.fout) === 'selectie' ? { error: t('selectAtLeastOne') } : {}),
      }),
    };
  });

  web.post('/werklijst/toewijzen', { permission: 'cases:work', organisationKinds: MUNICIPAL }, async ({ deps, ctx, body }) => {
    const b = body as Form;
    const back = safeRedirectPath(one(b.back) || '/werklijst');
    const sep = back.includes('?') ? '&' : '?';
    const ids = many(b.caseIds);
    if (ids.length === 0) return { redirect: `${back}${sep}fout=selectie` };
    try {
      const changed = await assignCases(deps, ctx, { caseIds: ids, userId: one(b.userId) || null });
      return { redirect: `${back}${sep}toegewezen=${changed.length}` };
    } catch (e) {
      if (e instanceof WorklistInputError) return { redirect: `${back}${sep}fout=selectie` };
      throw e;
    }
  });

  web.get('/capaciteit', { permission: 'cases:read', organisationKinds: MUNICIPAL }, async ({ deps, ctx, locale, query }) => {
    const q = query as Form;
    const period = { from: one(q.from), to: one(q.to) };
    const data = await getWorkload(deps, ctx);
    let stats: Awaited<ReturnType<typeof getWorklistStatistics>> | undefined;
    try {
      stats = await getWorklistStatistics(deps, ctx, period);
    } catch (e) {
      if (!(e instanceof WorklistInputError)) throw e;
    }
    const page = { title: worklistMessages(locale)('capacityTitle'), body: createElement(WorkloadPage, { data, stats, period }) };
    return stats ? page : { status: 400, page };
  });
  registerWorklistExports(web, rules);

  const NOTICES: Record<string, Parameters<ReturnType<typeof worklistMessages>>[0]> = {
    contact: 'contactSaved',
    resultaat: 'outcomeSaved',
    notitie: 'noteSaved',
    toegewezen: 'assignSaved',
    leeftijd: 'ageGroupSaved',
  };

  async function renderCase(r: WebRequest<unknown, unknown, { caseId: string }>, failed?: { form: CaseForm; errors: Record<string, string>; values: Record<string, string> }) {
    const view = await orNotFound(openCase(r.deps, r.ctx, r.params.caseId, rules.allowed));
    const t = worklistMessages(r.locale);
    const saved = one((r.query as Form).opgeslagen);
    const referral = view.case.status === 'closed' && isReferralResult(view.case.result) ? await referralView(r.deps, r.ctx, view.case.id) : undefined;
    const page = {
      title: t('caseTitle', { id: view.case.id }),
      body: createElement(CasePage, { view, rules, canWork: !!r.user?.actor.permissions.has('cases:work'), notice: NOTICES[saved] ? t(NOTICES[saved]) : undefined, failed, referral }),
    };
    return failed ? { status: 400, page } : page;
  }

  web.get<Record<string, string>, { caseId: string }>('/zaken/:caseId', { permission: 'cases:read', organisationKinds: MUNICIPAL }, (r) => renderCase(r));

  /** A case form: run the use case, then back to the case page (303), or the page with the form's errors (400). */
  function caseForm(path: string, form: CaseForm, saved: string, run: (r: WebRequest<Record<string, string | undefined>, Form, { caseId: string }>, b: Record<string, string>) => Promise<unknown>) {
    web.post<Form, { caseId: string }>(`/zaken/:caseId/${path}`, { permission: 'cases:work', organisationKinds: MUNICIPAL }, async (r) => {
      const values = Object.fromEntries(Object.entries(r.body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, one(v)]));
      try {
        await orNotFound(run(r, values));
      } catch (e) {
        if (e instanceof WorklistInputError) return renderCase(r, { form, errors: localReasons(e.fields, r.locale), values });
        throw e;
      }
      return { redirect: `/zaken/${r.params.caseId}?opgeslagen=${saved}` };
    });
  }

  caseForm('contactpogingen', 'contact', 'contact', (r, b) => recordContactAttempt(r.deps, r.ctx, r.params.caseId, { contactType: b.contactType ?? '', reached: b.reached ?? '', date: b.date ?? '', partOfDay: b.partOfDay ?? '' }));
  caseForm('resultaat', 'outcome', 'resultaat', (r, b) => recordOutcome(r.deps, r.ctx, r.params.caseId, { result: b.result ?? '' }));
  caseForm('notities', 'note', 'notitie', (r, b) => addNote(r.deps, r.ctx, r.params.caseId, { body: b.body ?? '' }));
  caseForm('leeftijdsgroep', 'age', 'leeftijd', (r, b) => setAgeGroup(r.deps, r.ctx, r.params.caseId, b.ageGroup ?? ''));
  caseForm('toewijzen', 'assign', 'toegewezen', async (r, b) => {
    const changed = await assignCases(r.deps, r.ctx, { caseIds: [r.params.caseId], userId: b.userId || null });
    // Assigning to whoever already has it changes nothing; a case of another municipality is absent.
    if (changed.length === 0) await openCase(r.deps, r.ctx, r.params.caseId, rules.allowed);
  });
}
