import type { AppDeps, CallContext } from '../context.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { creditorFeedbackStatus } from '../../domain/feedback/creditor-feedback.ts';
import { findSignalSentByOrFor, findSignalSentByReference, type OwnSignalState } from '../../db/repositories/own-signals.ts';

function toFeedback(r: OwnSignalState) {
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
  const row = await findSignalSentByOrFor(deps.db, ctx.actor.organisationId, signalId);
  return row ? toFeedback(row) : undefined;
}

export async function findOwnSignalByReference(deps: AppDeps, ctx: CallContext, reference: string) {
  requirePermission(ctx.actor, 'signals:read-own');
  const row = await findSignalSentByReference(deps.db, ctx.actor.organisationId, reference);
  return row ? toFeedback(row) : undefined;
}
