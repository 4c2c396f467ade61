import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents } from '../../db/repositories/case-work.ts';
import { listDistricts, listQueues, listRules, unclassifiedCases, writeClassification } from '../../db/repositories/worklist.ts';
import { districtOf } from '../../domain/worklist/districts.ts';
import { targetDate } from '../../domain/worklist/deadlines.ts';
import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { firstMatchingRule, type QueueRule } from '../../domain/worklist/queue-rules.ts';
import { conditionsFromJson } from '../../domain/worklist/rule-input.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { placeCasesInDistricts } from '../addresses/place-cases.ts';

const BATCH = 5000;

/**
 * Puts every open case whose facts changed since it was last looked at (new cases, a new signal,
 * a flag, a changed framework or own target) into the queue of the first rule that catches it,
 * and stores when it is due (the earlier of the legal deadline and the own target). Cheap when
 * nothing changed (a partial index finds none), so the worklist runs it before every read.
 * Each batch is one transaction with its audit record and the timeline entries of moved cases.
 */
export async function classifyCases(deps: AppDeps, ctx: CallContext, municipality: string): Promise<number> {
  // Cases matched since get their CBS district first: a rule may name one.
  await placeCasesInDistricts(deps, municipality);
  let total = 0;
  let framework: { rules: QueueRule[]; districts: Awaited<ReturnType<typeof listDistricts>>; queueNames: Map<string, string>; contactTargetDays: number | null } | undefined;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const pending = await unclassifiedCases(trx, municipality, BATCH);
      if (pending.length === 0) return 0;
      if (!framework) {
        const [rules, districts, queues, settings] = await Promise.all([listRules(trx, municipality), listDistricts(trx, municipality), listQueues(trx, municipality), getWorklistSettings(trx, municipality)]);
        framework = {
          rules: rules.map((r) => ({ id: r.id, queueId: r.queueId, position: r.position, conditions: conditionsFromJson(r.conditions) })),
          districts,
          queueNames: new Map(queues.map((q) => [q.id, q.name])),
          contactTargetDays: settings.contactTargetDays,
        };
      }
      const fw = framework;
      const rows = pending.map((c) => {
        // The municipality's own districts where it defined them, else the CBS district of the address.
        const district = districtOf(c.addressKey, fw.districts) ?? (c.districtCode || null);
        const rule = firstMatchingRule(fw.rules, { ...c, district });
        const target = targetDate(c.matchingDate, fw.contactTargetDays);
        const dueDate = target && target < c.deadline ? target : c.deadline;
        return { id: c.id, queueId: rule?.queueId ?? null, ruleId: rule?.id ?? null, amountCents: c.amountCents, district, stamp: c.stamp, dueDate, before: c.queueId };
      });
      await writeClassification(trx, rows);
      await appendCaseEvents(
        trx,
        rows
          .filter((r) => r.queueId !== r.before)
          .map((r) => ({
            caseId: r.id,
            municipality,
            kind: 'classified',
            detail: { queueId: r.queueId, queue: r.queueId ? (fw.queueNames.get(r.queueId) ?? null) : null },
            actorType: 'system',
            actorId: 'worklist',
            actorLabel: 'afwegingskader',
          })),
      );
      await appendAudit(trx, {
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        activity: 'case.classify',
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        organisationId: ctx.actor.organisationId,
        objectType: 'case',
        objectIds: rows.map((r) => r.id),
        outcome: 'success',
        detail: { municipality, cases: rows.length },
      });
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}
