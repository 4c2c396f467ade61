import { appendAudit } from '../../db/repositories/audit.ts';
import { findOwnSignal } from '../../db/repositories/creditor-portal.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { feedbackView } from './list-own-signals.ts';
import { ownOrganisation, SIGNAL_ID } from './sender-access.ts';

/** One of the organisation's signals with its feedback; undefined when it is not theirs. The read is audited. */
export async function getOwnSignalView(deps: AppDeps, ctx: CallContext, signalId: string) {
  const org = ownOrganisation(ctx, 'signals:read-own');
  if (!SIGNAL_ID.test(signalId)) return undefined;
  const row = await findOwnSignal(deps.db, org, signalId);
  if (!row) return undefined;
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'signal.read-own', objectType: 'signal', objectIds: [row.id], outcome: 'success' });
  return feedbackView(row);
}
