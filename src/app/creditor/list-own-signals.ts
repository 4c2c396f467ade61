import { appendAudit } from '../../db/repositories/audit.ts';
import { pageOwnSignals, type OwnSignalFilter, type OwnSignalRow } from '../../db/repositories/creditor-portal.ts';
import { creditorFeedbackStatus } from '../../domain/feedback/creditor-feedback.ts';
import { storedStatusesFor } from '../../domain/feedback/creditor-status-filter.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { ownOrganisation } from './sender-access.ts';

const SIGNALS_PAGE_SIZE = 50;

export interface OwnSignalQuery {
  /** A status as the creditor sees it (CREDITOR_VISIBLE_STATUSES). */
  status?: string;
  signalType?: string;
  from?: string;
  until?: string;
  reference?: string;
  page?: number;
}

/** What the creditor sees of a signal: what it sent about (no personal data) and the feedback it may see (as GET /v1/signals/{id}). */
export function feedbackView(r: OwnSignalRow) {
  return {
    id: r.id,
    reference: r.reference,
    signalType: r.signal_type,
    signalDate: r.signal_date,
    municipalityCode: r.municipality_code,
    regulationVersion: r.regulation_version,
    ruleId: r.rule_id,
    receivedAt: new Date(r.received_at).toISOString(),
    status: creditorFeedbackStatus(r.status, r.case_status),
    senderOrgId: r.sender_org_id,
    creditorOrgId: r.creditor_org_id,
    batchId: r.batch_id,
    rowNo: r.row_no,
  };
}
export type OwnSignalView = ReturnType<typeof feedbackView>;

/**
 * The organisation's signals (sent by it, or sent for it by a processor), filtered and paged, each
 * with the feedback a creditor may see. Every page read is in the audit trail with the signal ids.
 */
export async function listOwnSignals(deps: AppDeps, ctx: CallContext, q: OwnSignalQuery) {
  const org = ownOrganisation(ctx, 'signals:read-own');
  const status = q.status ? storedStatusesFor(q.status) : undefined;
  const filter: OwnSignalFilter = {
    ...(status ? { status } : {}),
    ...(q.signalType ? { signalType: q.signalType } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.reference ? { reference: q.reference } : {}),
  };
  const page = Math.max(1, q.page ?? 1);
  const { rows, total } = await pageOwnSignals(deps.db, org, filter, page, SIGNALS_PAGE_SIZE);
  await appendAudit(deps.db, {
    ...auditBy(ctx),
    activity: 'signal.read-own',
    objectType: 'signal',
    objectIds: rows.map((r) => r.id),
    outcome: 'success',
    detail: { page, total, filter: { ...filter, status: q.status ?? null } },
  });
  return { rows: rows.map(feedbackView), total, page, pages: Math.max(1, Math.ceil(total / SIGNALS_PAGE_SIZE)) };
}
