import { createElement } from 'react';
import { readAuditTrail, type AuditQuery } from '../../../app/audit/read-audit-trail.ts';
import { amsterdamDayStart } from '../../../domain/audit/amsterdam-day.ts';
import { one, type WebApp } from '../../web-app.ts';
import { AuditPage, type AuditForm, type AuditPageProps } from './audit-page.tsx';
import { verifyAuditTrailOnRequest } from '../../../app/audit/verify-on-request.ts';
import type { CallContext } from '../../../app/context.ts';
import type { Locale } from '../../i18n/locale.ts';
import { auditMessages } from './messages.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OUTCOMES = ['success', 'refused', 'error'] as const;
/** The next-page cursor's time, as the trail wrote it (UTC, microseconds). */
const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z$/;

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The query from the filter form; undefined when a date is not one. */
function queryOf(form: AuditForm, before: string): AuditQuery | undefined {
  if ((form.van && !DATE.test(form.van)) || (form.tot && !DATE.test(form.tot))) return undefined;
  const [at, id] = before.split('_');
  const outcome = OUTCOMES.find((o) => o === form.uitkomst);
  return {
    from: form.van ? amsterdamDayStart(form.van) : undefined,
    to: form.tot ? amsterdamDayStart(nextDay(form.tot)) : undefined,
    activity: form.activiteit.trim().slice(0, 100) || undefined,
    outcome,
    actor: form.door.trim().slice(0, 100) || undefined,
    subject: form.betrokkene.trim().slice(0, 200) || undefined,
    organisation: form.organisatie.trim().slice(0, 100) || undefined,
    before: at && id && /^\d+$/.test(id) && EXACT_TIME.test(at) ? { at, id } : undefined,
  };
}

/** /audittrail: the audit trail for auditors and privacy officers (audit:read). */
export function registerAuditPages(web: WebApp): void {
  web.addNav({ href: '/audittrail', label: { nl: 'Audittrail', en: 'Audit trail' }, permission: 'audit:read', order: 93 });
  const page = async ({ deps, ctx, locale, query }: { deps: WebApp['deps']; ctx: CallContext; locale: Locale; query: unknown }, verification?: AuditPageProps['verification']) => {
    const t = auditMessages(locale);
    const q = query as Record<string, string | undefined>;
    const form: AuditForm = { van: one(q.van), tot: one(q.tot), activiteit: one(q.activiteit), uitkomst: one(q.uitkomst), door: one(q.door), betrokkene: one(q.betrokkene), organisatie: one(q.organisatie) };
    const parsed = queryOf(form, one(q.voor));
    const trail = await readAuditTrail(deps, ctx, parsed ?? { from: undefined, to: undefined, activity: undefined, outcome: undefined, before: undefined });
    const next = trail.next ? `/audittrail?${new URLSearchParams({ ...form, voor: `${trail.next.at}_${trail.next.id}` }).toString()}` : undefined;
    const body = createElement(AuditPage, { trail, form, nextHref: next, error: parsed ? undefined : t('err_date'), showOrganisation: ctx.actor.organisationKind === 'operator', verifiable: !!deps.audit, verification });
    return parsed ? { title: t('title'), body } : { status: 400, page: { title: t('title'), body } };
  };
  web.get('/audittrail', { permission: 'audit:read' }, (r) => page(r));
  // The chain's check reads the whole trail: only when asked, as a POST.
  web.post('/audittrail/controle', { permission: 'audit:read' }, async (r) => page({ ...r, query: {} }, await verifyAuditTrailOnRequest(r.deps, r.ctx)));
}
