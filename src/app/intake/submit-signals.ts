import { requirePermission } from '../../domain/access/actor.ts';
import { latestSignalDate } from '../../domain/rules/signal-date-bound.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { routeAndJudge } from './judging/judge-signal.ts';
import { storeSignals, type JudgedItem, type RowOutcome } from './storing/store-signals.ts';
import { subjectPseudonymOf } from '../../domain/intake/subject.ts';
import { refuseObjected } from './storing/check-objections.ts';
import { isObjected } from '../../domain/intake/row-outcomes.ts';
import { closeRemindersOf, judgeByChoices, residentGate } from '../resident/intake-gate.ts';

/**
 * Delivers signals over the API: each is judged; the accepted ones are stored in one transaction
 * with their audit record. With dryRun nothing is stored — only the fact that a check ran.
 */
export async function submitSignals(
  deps: AppDeps,
  ctx: CallContext,
  signals: readonly SignalInput[],
  opts: { dryRun: boolean },
): Promise<RowOutcome[]> {
  requirePermission(ctx.actor, 'signals:submit');
  const orgId = ctx.actor.organisationId;
  const sender = { organisationId: orgId, latestSignalDate: latestSignalDate(deps.now()) };
  // The residents' choices on their own page (issue 24) refuse what they refuse, dry run or not.
  const residents = residentGate(deps);
  const judged: JudgedItem[] = await judgeByChoices(
    deps.db,
    residents,
    deps.pseudonymize,
    orgId,
    signals.map((s, i) => ({ rowNo: i + 1, ...routeAndJudge(s, sender, deps.judge, deps.registers) })),
    { record: !opts.dryRun },
  );
  if (opts.dryRun) {
    // A dry run says what intake would: also that a resident objected with the municipality.
    const items = await refuseObjected(deps.db, deps.pseudonymize, judged);
    await appendAudit(deps.db, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'signal.check',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: orgId,
      // Not even a pseudonym of a resident who objected is kept (TR art. 1.2 d).
      subjectPseudonyms: items
        .filter((it) => !isObjected(it.judgement.refusals))
        .map((it) => subjectPseudonymOf(it.signal, deps.pseudonymize)),
      outcome: 'success',
      detail: { signals: items.length, dryRun: true },
    });
    return items.map((it) => ({
      rowNo: it.rowNo,
      reference: it.signal.reference,
      outcome: it.judgement.decision,
      judgement: it.judgement,
      refusals: it.judgement.refusals,
    }));
  }
  // One statement stores the signals with their audit record: atomic on its own.
  const outcomes = await storeSignals(deps.db, deps, ctx, judged);
  await closeRemindersOf(
    deps.db,
    residents,
    orgId,
    outcomes.filter((o) => o.outcome === 'accepted' && o.signalId).map((o) => o.signalId!),
    deps.now(),
  );
  return outcomes;
}
