import { appendAudit } from '../../db/repositories/audit.ts';
import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { caseAreas } from '../../db/repositories/worklist-statistics.ts';
import { signalAmountsOfCases } from '../../db/repositories/worklist-export.ts';
import { listQueues, worklistPage } from '../../db/repositories/worklist.ts';
import { caseDeadline, dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from './classify-cases.ts';
import type { AllowedCategories } from './open-case.ts';
import { worklistQueryOf, type WorklistFilters, type WorklistView } from './list-worklist.ts';
import { auditActor, ownMunicipality } from './own-municipality.ts';

/** More than a worker can go through; beyond it the export says it was cut off. */
const EXPORT_MAX_ROWS = 20_000;
const BATCH = 1_000;

export interface WorklistExport {
  today: string;
  rows: Array<WorklistView['rows'][number] & { area: string; district: string | null }>;
  queueNames: Map<string, string>;
  truncated: boolean;
}

/**
 * The cases the worklist shows with the same filters, search and order, all pages at once, for a
 * CSV or XLSX file. Case-level facts as the list shows them and no signal's personal fields; the
 * amount is the sum of only those signals whose rule allowed an amount (as the case page shows
 * them). The audit trail records which cases left the platform, in which format and with which filter.
 */
export async function exportWorklist(deps: AppDeps, ctx: CallContext, f: Omit<WorklistFilters, 'page'>, format: 'csv' | 'xlsx', allowed: AllowedCategories): Promise<WorklistExport> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  await classifyCases(deps, ctx, municipality);
  const today = dutchToday(deps.now());
  const settings = await getWorklistSettings(deps.db, municipality);
  const { filters, query } = worklistQueryOf(ctx, municipality, today, settings.contactTargetDays, { ...f, page: 1 }, { limit: BATCH });
  const rows: WorklistExport['rows'] = [];
  let truncated = false;
  for (let offset = 0; ; offset += BATCH) {
    const batch = await worklistPage(deps.db, { ...query, offset, limit: Math.min(BATCH, EXPORT_MAX_ROWS + 1 - rows.length) });
    const ids = batch.map((r) => r.id);
    const [areas, amounts] = await Promise.all([caseAreas(deps.db, municipality, ids), allowedAmounts(deps, municipality, ids, allowed)]);
    for (const r of batch) {
      if (rows.length === EXPORT_MAX_ROWS) {
        truncated = true;
        break;
      }
      const a = areas.get(r.id);
      rows.push({ ...r, amountCents: amounts.get(r.id) ?? null, due: caseDeadline({ status: r.status, legalDeadline: r.deadline, matchingDate: r.matchingDate }, settings.contactTargetDays, today, settings.dueSoonDays), area: a?.area ?? '', district: a?.district ?? null });
    }
    if (truncated || batch.length < BATCH) break;
  }
  const queues = await listQueues(deps.db, municipality);
  // The filter (never the search text: it may be a surname) and which cases were exported.
  const { q, ...filter } = filters;
  await appendAudit(deps.db, {
    ...auditActor(ctx),
    activity: 'worklist.export',
    objectType: 'case',
    objectIds: rows.map((r) => r.id),
    outcome: 'success',
    detail: { municipality, format, count: rows.length, truncated, filter: { ...filter, searched: q !== '' } },
  });
  return { today, rows, queueNames: new Map(queues.map((x) => [x.id, x.name])), truncated };
}

/** Per case the sum of the amounts its signals' rules allowed (no entry: no allowed amount). */
async function allowedAmounts(deps: AppDeps, municipality: string, caseIds: readonly string[], allowed: AllowedCategories): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const s of await signalAmountsOfCases(deps.db, municipality, caseIds)) {
    if (s.amountCents === null || !allowed(s.regulationVersion, s.ruleId)?.includes('arrear_amount')) continue;
    sums.set(s.caseId, (sums.get(s.caseId) ?? 0) + s.amountCents);
  }
  return sums;
}
