import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { lockCaseStatuses, takeOutOfCase, type DueCheck } from '../../db/repositories/brp-checks.ts';
import { appendCaseEvents, closeCase, setStatusOfCaseSignals } from '../../db/repositories/case-work.ts';
import { handOverSignal, signalsById } from '../../db/repositories/signal-moves.ts';
import type { CaseCheckDecision } from '../../domain/brp/case-check.ts';
import { checkCaseTransition } from '../../domain/cases/case-status.ts';
import { decideHandOver, NOT_RESIDENT } from '../../domain/matching/hand-over.ts';
import type { Residence } from '../../domain/routing/person-register.ts';
import { latestSignalDate } from '../../domain/rules/signal-date-bound.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { signalInputFromRow } from '../matching/stored-signal.ts';

/** DDAS status and end result for a resident who has died. */
const DECEASED = 'Inwoner is overleden';

function residenceOf(d: Extract<CaseCheckDecision, { outcome: 'moved_out' }>): Residence | undefined {
  const a = d.address;
  if (!a || d.to === undefined) return undefined;
  const addition = `${a.houseLetter ?? ''}${a.houseNumberAddition ?? ''}`;
  return {
    municipalityCode: d.to,
    postcode: a.postcode,
    houseNumber: a.houseNumber,
    ...(addition ? { houseNumberAddition: addition } : {}),
    ...(a.street ? { street: a.street } : {}),
    ...(a.city ? { city: a.city } : {}),
    since: a.since ?? '0001-01-01',
  };
}

/**
 * What a check's answer does to a case that nobody has worked yet (open, no contact attempt): the
 * resident died — closed with "Inwoner is overleden", its signals with that status; moved out of the
 * municipality — each signal goes to the new municipality where the rules let its sender signal
 * there (judged again as if sent there, matched there as a new signal; routed_from keeps this one),
 * none when the person left the country; the others get "Persoon is geen inwoner (meer) in de gemeente", and the case closes with that
 * result. A case already picked up is left to its worker, who sees the check on the case page.
 * Every case checked gets a line in its timeline.
 */
export async function actOnCheckedCases(
  trx: Transaction<DB>,
  deps: Pick<AppDeps, 'judge' | 'now'>,
  ctx: CallContext,
  municipality: string,
  due: readonly DueCheck[],
  decisions: ReadonlyMap<string, CaseCheckDecision>,
): Promise<{ closed: number; handedOver: number }> {
  const now = deps.now();
  const actor = { actorType: ctx.actor.type, actorId: ctx.actor.id, actorLabel: 'BRP' };
  const events = [];
  const closedCases: string[] = [];
  const handed: Array<{ id: string; to: string }> = [];
  const ending = due.filter((d) => ['deceased', 'moved_out'].includes(decisions.get(d.caseId)!.outcome));
  const current = await lockCaseStatuses(trx, ending.map((d) => d.caseId));
  for (const d of due) {
    const decision = decisions.get(d.caseId)!;
    const locked = current.get(d.caseId);
    const acts = locked !== undefined && locked.status === 'open' && checkCaseTransition(locked, 'closed').allowed;
    events.push({ caseId: d.caseId, municipality, kind: 'brp_check', detail: { outcome: decision.outcome, ...(decision.outcome === 'moved_out' && decision.to ? { movedTo: decision.to } : {}), closed: acts }, ...actor });
    if (!acts) continue;
    if (decision.outcome === 'moved_out') {
      const residence = residenceOf(decision);
      const latest = latestSignalDate(now);
      for (const row of await signalsById(trx, d.signals.map((s) => s.id))) {
        const h = decideHandOver(signalInputFromRow(row), municipality, residence, (moved) => deps.judge.judge(moved, { organisationId: row.sender_org_id, latestSignalDate: latest }));
        if (h.kind !== 'hand_over') continue;
        const a = h.signal.address!;
        await takeOutOfCase(trx, [row.id]);
        await handOverSignal(trx, row.id, { municipality: h.to, addressKey: h.addressKey, street: a.street ?? null, houseNumber: a.houseNumber!, addition: a.houseNumberAddition ?? null, postcode: a.postcode!, city: a.city ?? null });
        handed.push({ id: row.id, to: h.to });
      }
    }
    const result = decision.outcome === 'deceased' ? DECEASED : NOT_RESIDENT;
    await closeCase(trx, municipality, d.caseId, result, now);
    await setStatusOfCaseSignals(trx, d.caseId, result);
    events.push({ caseId: d.caseId, municipality, kind: 'outcome', detail: { result }, ...actor });
    closedCases.push(d.caseId);
  }
  await appendCaseEvents(trx, events);
  if (closedCases.length > 0) {
    const closedSet = new Set(closedCases);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'case.brp-outcome',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'case',
      objectIds: closedCases,
      subjectPseudonyms: [...new Set(due.filter((d) => closedSet.has(d.caseId)).flatMap((d) => [d.bsnPseudonym, ...d.signals.map((s) => s.bsnPseudonym)]).filter((p): p is string => p !== null))],
      outcome: 'success',
      detail: { closed: closedCases.length, handedOver: handed },
    });
  }
  return { closed: closedCases.length, handedOver: handed.length };
}
