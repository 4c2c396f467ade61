import type { AppDeps, CallContext } from '../context.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { creditorVisibleStatus } from '../../domain/feedback/creditor-feedback.ts';

const COLUMNS = ['id', 'reference', 'signal_type', 'signal_date', 'municipality_code', 'regulation_version', 'received_at', 'status'] as const;

function toFeedback(r: { id: string; reference: string; signal_type: string; signal_date: string; municipality_code: string; regulation_version: string; received_at: Date; status: string }) {
  return {
    id: String(r.id),
    reference: r.reference,
    signalType: r.signal_type,
    signalDate: r.signal_date,
    municipalityCode: r.municipality_code,
    regulationVersion: r.regulation_version,
    receivedAt: new Date(r.received_at).toISOString(),
    status: creditorVisibleStatus(r.status),
  };
}

/**
 * A sender's view of its own signal: what it sent about (no personal data is echoed back) and the
 * feedback it may see. Visible to the sending organisation and to the creditor a processor sent for.
 */
export async function getOwnSignal(deps: AppDeps, ctx: CallContext, signalId: string) {
  requirePermission(ctx.actor, 'signals:read-own');
  const org = ctx.actor.organisationId;
  const row = await deps.db
    .selectFrom('signals')
    .select(COLUMNS)
    .where('id', '=', signalId)
    .where((eb) => eb.or([eb('sender_org_id', '=', org), eb('creditor_org_id', '=', org)]))
    .executeTakeFirst();
  return row ? toFeedback(row) : undefined;
}

export async function findOwnSignalByReference(deps: AppDeps, ctx: CallContext, reference: string) {
  requirePermission(ctx.actor, 'signals:read-own');
  const row = await deps.db
    .selectFrom('signals')
    .select(COLUMNS)
    .where('sender_org_id', '=', ctx.actor.organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row ? toFeedback(row) : undefined;
}
