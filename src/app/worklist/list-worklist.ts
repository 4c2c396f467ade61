import { appendAudit } from '../../db/repositories/audit.ts';
import { warmTransferCases } from '../../db/repositories/resident-reminders.ts';
import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { caseWorkers, listQueues, queueCounts, worklistCount, worklistPage, type QueueRow, type WorklistQuery, type WorklistRow } from '../../db/repositories/worklist.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import { surnameKey } from '../../domain/matching/normalise-address.ts';
import { caseDeadline, dutchToday, type CaseDeadline } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from './classify-cases.ts';
import { auditActor, ownMunicipality } from './own-municipality.ts';

export const PAGE_SIZE = 50;
const SORTS = ['due', 'opened', 'amount', 'signals'] as const;
const STATUSES = ['active', 'open', 'picked_up'] as const;

export interface WorklistFilters {
  queue?: string;
  status?: string;
  assigned?: string;
  overdue?: boolean;
  crisis?: boolean;
  signalType?: string;
  q?: string;
  sort?: string;
  page?: number;
}

export interface WorklistView {
  municipality: string;
  today: string;
  queues: Array<QueueRow & { open: number; overdue: number }>;
  unqueued: { open: number; overdue: number };
  // warmTransfer: on the page only (the export has no column for it).
  rows: Array<WorklistRow & { due: CaseDeadline; warmTransfer?: boolean }>;
  total: number;
  page: number;
  pages: number;
  workers: Array<{ id: string; name: string }>;
  filters: Required<Omit<WorklistFilters, 'page'>>;
  contactTargetDays: number | null;
}

/** What the search box means: a case number, a postcode (prefix), or a surname. */
function parseSearch(q: string): WorklistQuery['search'] {
  const t = q.trim();
  if (!t) return undefined;
  if (/^\d{1,12}$/.test(t) && !/^\d{4}$/.test(t)) return { caseId: t };
  const pc = t.replace(/\s+/g, '').toUpperCase();
  if (/^\d{4}([A-Z]{0,2})$/.test(pc)) return { postcodePrefix: normalisePostcode(pc) ?? pc };
  const key = surnameKey('', t);
  return key ? { surnameKey: key } : undefined;
}

/**
 * The filters as the list understood them (anything unknown falls back to its default) and the
 * query they make; the export runs the same query without the page.
 */
export function worklistQueryOf(ctx: CallContext, municipality: string, today: string, contactTargetDays: number | null, f: WorklistFilters, window: { limit: number }) {
  const filters = {
    queue: f.queue && /^(all|none|\d{1,18})$/.test(f.queue) ? f.queue : 'all',
    status: (STATUSES as readonly string[]).includes(f.status ?? '') ? f.status! : 'active',
    assigned: f.assigned === 'me' ? ctx.actor.id : f.assigned && /^(none|[0-9a-f-]{36})$/i.test(f.assigned) ? f.assigned : '',
    overdue: !!f.overdue,
    crisis: !!f.crisis,
    signalType: f.signalType && /^[a-z_]{1,40}$/.test(f.signalType) ? f.signalType : '',
    q: (f.q ?? '').slice(0, 100),
    sort: (SORTS as readonly string[]).includes(f.sort ?? '') ? f.sort! : 'due',
  };
  const page = Math.max(1, Math.min(100_000, Math.floor(f.page ?? 1)));
  const query: WorklistQuery = {
    municipality,
    today,
    contactTargetDays,
    queue: filters.queue,
    status: filters.status as WorklistQuery['status'],
    assignedTo: filters.assigned,
    overdueOnly: filters.overdue,
    crisisOnly: filters.crisis,
    signalType: filters.signalType,
    search: parseSearch(filters.q),
    sort: filters.sort as WorklistQuery['sort'],
    limit: window.limit,
    offset: (page - 1) * window.limit,
  };
  return { filters, query, page };
}

/**
 * The municipality's worklist: queues with their open and overdue counts, and one page of cases
 * filtered, searched and sorted. Classifies changed cases first, so queues are never stale.
 */
export async function listWorklist(deps: AppDeps, ctx: CallContext, f: WorklistFilters): Promise<WorklistView> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  await classifyCases(deps, ctx, municipality);
  const today = dutchToday(deps.now());
  const settings = await getWorklistSettings(deps.db, municipality);
  const { filters, query, page } = worklistQueryOf(ctx, municipality, today, settings.contactTargetDays, f, { limit: PAGE_SIZE });
  const [queues, counts, rows, workers] = await Promise.all([
    listQueues(deps.db, municipality),
    queueCounts(deps.db, municipality, today, settings.contactTargetDays),
    worklistPage(deps.db, query),
    caseWorkers(deps.db, ctx.actor.organisationId),
  ]);
  // The resident asked on their own page to be contacted now (issue 24): flagged like a crisis.
  const warm = await warmTransferCases(deps.db, rows.map((r) => r.id));
  const countOf = (id: string | null) => counts.find((c) => c.queueId === id) ?? { open: 0, overdue: 0 };
  // Only the queue narrows the list: its count is already known, no second scan needed.
  const onlyQueue = filters.status === 'active' && !filters.assigned && !filters.overdue && !filters.crisis && !filters.signalType && !query.search;
  const total = onlyQueue
    ? filters.queue === 'all'
      ? counts.reduce((n, c) => n + c.open, 0)
      : countOf(filters.queue === 'none' ? null : filters.queue).open
    : await worklistCount(deps.db, query);
  // Reading the list shows addresses and amounts: the audit trail records which cases were shown.
  await appendAudit(deps.db, { ...auditActor(ctx), activity: 'worklist.read', objectType: 'case', objectIds: rows.map((r) => r.id), outcome: 'success', detail: { municipality, page, total } });
  return {
    municipality,
    today,
    queues: queues.map((q) => ({ ...q, ...countOf(q.id) })),
    unqueued: countOf(null),
    rows: rows.map((r) => ({ ...r, warmTransfer: warm.has(r.id), due: caseDeadline({ status: r.status, legalDeadline: r.deadline, matchingDate: r.matchingDate }, settings.contactTargetDays, today, settings.dueSoonDays) })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    workers,
    filters: { ...filters, assigned: f.assigned === 'me' ? 'me' : filters.assigned },
    contactTargetDays: settings.contactTargetDays,
  };
}
