import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decideHandOver, NOT_RESIDENT } from '../../domain/matching/hand-over.ts';
import { latestSignalDate } from '../../domain/rules/signal-date-bound.ts';
import { appendAudit, appendAuditOfMany } from '../../db/repositories/audit.ts';
import { handOverSignal, markSignalsStatus, signalsById } from '../../db/repositories/signal-moves.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { signalInputFromRow } from './stored-signal.ts';

/**
 * Before a page of signals is matched: asks the person register where the subjects with a BSN live
 * on the matching date, and takes out the signals of those who live elsewhere: at another address
 * in the municipality (matched there), or in another municipality — handed over where the rules
 * allow, otherwise ended as "Persoon is geen inwoner (meer) in de gemeente". Returns the ids taken out. Each look-up and each move is in the audit trail.
 */
export async function handOverMovers(
  trx: Transaction<DB>,
  deps: Pick<AppDeps, 'registers' | 'judge' | 'now'>,
  ctx: CallContext,
  municipality: string,
  signals: ReadonlyArray<{ id: string; bsn: string | null; bsnPseudonym: string | null }>,
  today: string,
): Promise<Set<string>> {
  const withBsn = signals.filter((s): s is typeof s & { bsn: string } => s.bsn !== null);
  if (withBsn.length === 0) return new Set();
  const residences = await deps.registers.residencesOn([...new Set(withBsn.map((s) => s.bsn))], today);
  // A page's worth of ids and pseudonyms: sent as one string each, not as arrays of as many parameters.
  await appendAuditOfMany(trx, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'person.residence-lookup',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: municipality,
    objectType: 'signal',
    objectIds: withBsn.map((s) => s.id).join(','),
    subjectPseudonyms: [...new Set(withBsn.map((s) => s.bsnPseudonym).filter((p): p is string => p !== null))].join(','),
    outcome: 'success',
    detail: { asked: withBsn.length, found: residences.size },
  });

  const elsewhere = withBsn.filter((s) => residences.has(s.bsn));
  if (elsewhere.length === 0) return new Set();

  const rows = await signalsById(trx, elsewhere.map((s) => s.id));
  const ended: string[] = [];
  const taken: string[] = [];
  const handed: Array<{ id: string; to: string }> = [];
  const latest = latestSignalDate(deps.now());
  for (const row of rows) {
    const residence = residences.get(row.bsn!);
    const decision = decideHandOver(signalInputFromRow(row), municipality, residence, (moved) => deps.judge.judge(moved, { organisationId: row.sender_org_id, latestSignalDate: latest }));
    if (decision.kind === 'stay') continue;
    taken.push(row.id);
    if (decision.kind === 'hand_over' || decision.kind === 'relocate') {
      const a = decision.signal.address!;
      await handOverSignal(trx, row.id, {
        municipality: decision.kind === 'hand_over' ? decision.to : undefined,
        addressKey: decision.addressKey,
        street: a.street ?? null,
        houseNumber: a.houseNumber!,
        addition: a.houseNumberAddition ?? null,
        postcode: a.postcode!,
        city: a.city ?? null,
      });
      if (decision.kind === 'hand_over') handed.push({ id: row.id, to: decision.to });
    } else ended.push(row.id);
  }
  if (taken.length === 0) return new Set();
  await markSignalsStatus(trx, ended, NOT_RESIDENT);
  await appendAudit(trx, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'signal.hand-over',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: municipality,
    objectType: 'signal',
    objectIds: taken,
    subjectPseudonyms: [...new Set(rows.filter((r) => taken.includes(r.id)).map((r) => r.bsn_pseudonym).filter((p): p is string => p !== null))],
    outcome: 'success',
    detail: { handedOver: handed, relocated: taken.length - handed.length - ended.length, notResident: ended.length },
  });
  return new Set(taken);
}
