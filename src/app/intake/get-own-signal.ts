import { sql } from 'kysely';
import type { AppDeps, CallContext } from '../context.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { creditorFeedbackStatus } from '../../domain/feedback/creditor-feedback.ts';
import { NOT_YET_PICKED_UP, signalsWithState } from '../../db/repositories/signal-state.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';

const COLUMNS = [
  'signals.id',
  'signals.reference',
  'signals.signal_type',
  'signals.signal_date',
  'signals.municipality_code',
  'signals.regulation_version',
  'signals.received_at',
  sql<string>`coalesce(signal_states.status, ${NOT_YET_PICKED_UP})`.as('status'),
  'cases.status as case_status',
] as const;

function toFeedback(r: {
  id: string;
  reference: string;
  signal_type: string;
  signal_date: string;
  municipality_code: string;
  regulation_version: string;
  received_at: Date;
  status: string;
  case_status: CaseStatus | null;
}) {
  return {
    id: String(r.id),
    reference: r.reference,
    signalType: r.signal_type,
    signalDate: r.signal_date,
    municipalityCode: r.municipality_code,
    regulationVersion: r.regulation_version,
    receivedAt: new Date(r.received_at).toISOString(),
    status: creditorFeedbackStatus(r.status, r.case_status),
  };
}

/**
 * A sender's view of its own signal: what it sent about (no personal data is echoed back) and the
 * feedback it may see. Visible to the sending organisation and to the creditor a processor sent for.
 */
export async function getOwnSignal(deps: AppDeps, ctx: CallContext, signalId: string) {
  requirePermission(ctx.actor, 'signals:read-own');
  const org = ctx.actor.organisationId;
  const row = await signalsWithState(deps.db)
    .leftJoin('cases', 'cases.id', 'signal_states.case_id')
    .select(COLUMNS)
    .where('signals.id', '=', signalId)
    .where((eb) => eb.or([eb('signals.sender_org_id', '=', org), eb('signals.creditor_org_id', '=', org)]))
    .executeTakeFirst();
  return row ? toFeedback(row) : undefined;
}

export async function findOwnSignalByReference(deps: AppDeps, ctx: CallContext, reference: string) {
  requirePermission(ctx.actor, 'signals:read-own');
  const row = await signalsWithState(deps.db)
    .leftJoin('cases', 'cases.id', 'signal_states.case_id')
    .select(COLUMNS)
    .where('signals.sender_org_id', '=', ctx.actor.organisationId)
    .where('signals.reference', '=', reference)
    .executeTakeFirst();
  return row ? toFeedback(row) : undefined;
}
