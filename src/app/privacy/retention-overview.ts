import { AccessDenied } from '../../domain/access/actor.ts';
import type { Permission } from '../../domain/access/roles.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { tombstoneReasonText } from '../../domain/privacy/tombstone-reasons.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getRetentionSettings } from '../../db/repositories/retention.ts';
import { listTombstones, retentionJobRuns } from '../../db/repositories/retention-log.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { applyRetention, type RetentionRunResult } from './apply-retention.ts';

/** Who may see retention terms and what retention removed: the privacy officer, whoever sets the terms, the operator. */
const MAY_SEE: readonly Permission[] = ['subjects:access', 'municipality:configure', 'platform:operate'];
const LIMIT = 100;

export interface Tombstone {
  at: Date;
  municipality: string | null;
  kind: string;
  /** Why, in both languages (the tombstone keeps the Dutch sentence). */
  reason: LocalizedText;
  signals: number;
  cases: number;
  batchRows: number;
  records: Record<string, number>;
}

export interface RetentionOverview {
  /** The terms in force for the caller's municipality; undefined for the operator (every municipality its own). */
  policy?: { terms: RetentionPolicy; own: boolean; updatedAt: Date | null };
  tombstones: Tombstone[];
  runs: Array<{ startedAt: Date; finishedAt: Date | null; outcome: string | null; detail: unknown }>;
  /** Whether the caller may start a run now (the operator: apply-retention needs platform:operate). */
  mayRun: boolean;
}

/**
 * What retention removed, as tombstones (kind, counts, when, why; never what), and the nightly
 * runs. A municipality's staff see their own municipality's tombstones; the operator sees all.
 * Holds no personal data.
 */
export async function retentionOverview(deps: AppDeps, ctx: CallContext): Promise<RetentionOverview> {
  if (!MAY_SEE.some((p) => ctx.actor.permissions.has(p))) throw new AccessDenied(MAY_SEE.join(' | '));
  const operator = ctx.actor.organisationKind === 'operator';
  const municipality = ctx.actor.organisationKind === 'municipality' ? ctx.actor.organisationId : undefined;
  if (!operator && !municipality) throw new AccessDenied('retention (municipality or operator)');
  const rows = await listTombstones(deps.db, municipality, LIMIT);
  const runs = operator ? await retentionJobRuns(deps.db, 20) : [];
  const stored = municipality ? await getRetentionSettings(deps.db, municipality) : undefined;
  return {
    ...(municipality
      ? {
          policy: stored
            ? { terms: { unpickedSignalMonths: stored.unpickedSignalMonths, pickedUpSignalMonths: stored.pickedUpSignalMonths, caseMonthsAfterClosing: stored.caseMonthsAfterClosing }, own: true, updatedAt: stored.updatedAt }
            : { terms: DEFAULT_RETENTION, own: false, updatedAt: null },
        }
      : {}),
    tombstones: rows.map((r) => ({
      at: new Date(r.occurred_at),
      municipality: r.municipality_code,
      kind: r.kind,
      reason: tombstoneReasonText(r.reason),
      signals: r.signals,
      cases: r.cases,
      batchRows: r.batch_rows,
      records: (typeof r.case_records === 'string' ? JSON.parse(r.case_records) : (r.case_records ?? {})) as Record<string, number>,
    })),
    runs: runs.map((r) => ({ startedAt: new Date(r.started_at), finishedAt: r.finished_at ? new Date(r.finished_at) : null, outcome: r.outcome, detail: r.detail })),
    mayRun: ctx.actor.permissions.has('platform:operate'),
  };
}

/** Retention now, on the operator's request (the nightly job otherwise): the request is recorded, the deletions audit themselves. */
export async function runRetentionNow(deps: AppDeps, ctx: CallContext): Promise<RetentionRunResult> {
  const r = await applyRetention(deps, ctx);
  await appendAudit(deps.db, {
    ...auditBy(ctx),
    activity: 'retention.run',
    outcome: 'success',
    detail: { municipalities: r.municipalities.length, signals: r.municipalities.reduce((n, m) => n + m.unpickedSignals + m.pickedUpSignals, 0), cases: r.municipalities.reduce((n, m) => n + m.cases, 0), batches: r.batches },
  });
  return r;
}
