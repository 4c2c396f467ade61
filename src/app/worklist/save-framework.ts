import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  deleteQueue as deleteQueueRow,
  deleteRule as deleteRuleRow,
  forgetClassification,
  insertQueue,
  insertRule,
  listQueues,
  listRules,
  queueNameTaken,
  renumberRules,
  updateQueue,
  updateRule,
} from '../../db/repositories/worklist.ts';
import { isApproach, type Approach } from '../../domain/worklist/ddas.ts';
import { orderRules } from '../../domain/worklist/queue-rules.ts';
import { parseRuleForm, type RuleForm } from '../../domain/worklist/rule-input.ts';
import { ruleDistrictNames } from './district-names.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from './classify-cases.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, WorklistInputError } from './own-municipality.ts';

/**
 * Changes to the weighing framework. Each change is one transaction with its audit record; it
 * marks every open case for classification, which then runs at once so queues show the new order.
 */
async function change(deps: AppDeps, ctx: CallContext, what: string, work: (municipality: string, trx: Transaction<DB>) => Promise<Record<string, unknown>>): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  await deps.db.transaction().execute(async (trx) => {
    const detail = await work(municipality, trx);
    await forgetClassification(trx, municipality);
    await appendAudit(trx, { ...auditActor(ctx), activity: `worklist.${what}`, objectType: 'worklist-framework', objectIds: [municipality], outcome: 'success', detail });
  });
  await classifyCases(deps, ctx, municipality);
}

function checkQueue(input: { name: string; approach: string }): { name: string; approach: Approach } {
  const name = input.name.trim();
  const errors: Record<string, string> = {};
  if (name.length < 1 || name.length > 100) errors.name = 'give the queue a name of 1 to 100 characters';
  if (!isApproach(input.approach)) errors.approach = 'choose letter, phone or home visit';
  if (Object.keys(errors).length) throw new WorklistInputError(errors);
  return { name, approach: input.approach as Approach };
}

export async function saveQueue(deps: AppDeps, ctx: CallContext, input: { id?: string; name: string; approach: string }): Promise<void> {
  const q = checkQueue(input);
  await change(deps, ctx, input.id ? 'queue.update' : 'queue.create', async (m, trx) => {
    if (await queueNameTaken(trx, m, q.name, input.id)) throw new WorklistInputError({ name: 'another queue has this name' });
    const queues = await listQueues(trx, m);
    if (input.id) {
      const existing = queues.find((x) => x.id === input.id);
      if (!existing || !(await updateQueue(trx, m, input.id, { ...q, position: existing.position }))) throw new NotFoundInMunicipality(`queue ${input.id}`);
      return { queueId: input.id, ...q };
    }
    const id = await insertQueue(trx, m, { ...q, position: (queues.at(-1)?.position ?? 0) + 10 });
    return { queueId: id, ...q };
  });
}

/** A queue that rules still send cases to cannot go: the coordinator moves those rules first. */
export async function deleteQueue(deps: AppDeps, ctx: CallContext, id: string): Promise<void> {
  await change(deps, ctx, 'queue.delete', async (m, trx) => {
    const rules = await listRules(trx, m);
    if (rules.some((r) => r.queueId === id)) throw new WorklistInputError({ queue: 'rules still send cases to this queue; change or delete them first' });
    if (!(await deleteQueueRow(trx, m, id))) throw new NotFoundInMunicipality(`queue ${id}`);
    return { queueId: id };
  });
}

export async function saveRule(deps: AppDeps, ctx: CallContext, input: { id?: string; queueId: string; form: RuleForm; signalTypes: readonly string[] }): Promise<void> {
  await change(deps, ctx, input.id ? 'rule.update' : 'rule.create', async (m, trx) => {
    const [queues, districts, rules] = await Promise.all([listQueues(trx, m), ruleDistrictNames(trx, m), listRules(trx, m)]);
    const errors: Record<string, string> = {};
    if (!queues.some((q) => q.id === input.queueId)) errors.queueId = 'choose one of your queues';
    const parsed = parseRuleForm(input.form, { signalTypes: new Set(input.signalTypes), districts: new Set(districts) });
    Object.assign(errors, parsed.errors);
    if (Object.keys(errors).length) throw new WorklistInputError(errors);
    if (input.id) {
      const existing = rules.find((r) => r.id === input.id);
      if (!existing || !(await updateRule(trx, m, input.id, { queueId: input.queueId, position: existing.position, conditions: parsed.conditions }))) throw new NotFoundInMunicipality(`rule ${input.id}`);
      return { ruleId: input.id, queueId: input.queueId, conditions: parsed.conditions };
    }
    // A new rule goes just before the last rule when that one is a catch-all, else at the end.
    const ordered = orderRules(rules);
    const id = await insertRule(trx, m, { queueId: input.queueId, position: (ordered.at(-1)?.position ?? 0) + 10, conditions: parsed.conditions });
    const last = ordered.at(-1);
    const lastIsCatchAll = last && JSON.stringify(last.conditions) === '{}';
    await renumberRules(trx, m, lastIsCatchAll ? [...ordered.slice(0, -1).map((r) => r.id), id, last.id] : [...ordered.map((r) => r.id), id]);
    return { ruleId: id, queueId: input.queueId, conditions: parsed.conditions };
  });
}

export async function deleteRule(deps: AppDeps, ctx: CallContext, id: string): Promise<void> {
  await change(deps, ctx, 'rule.delete', async (m, trx) => {
    if (!(await deleteRuleRow(trx, m, id))) throw new NotFoundInMunicipality(`rule ${id}`);
    return { ruleId: id };
  });
}

export async function moveRule(deps: AppDeps, ctx: CallContext, id: string, direction: 'up' | 'down'): Promise<void> {
  await change(deps, ctx, 'rule.move', async (m, trx) => {
    const ordered = orderRules(await listRules(trx, m)).map((r) => r.id);
    const i = ordered.indexOf(id);
    if (i < 0) throw new NotFoundInMunicipality(`rule ${id}`);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < ordered.length) [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
    await renumberRules(trx, m, ordered);
    return { ruleId: id, direction };
  });
}
