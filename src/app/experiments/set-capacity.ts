import { listCapacity, replaceCapacity } from '../../db/repositories/experiments.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentInputError } from './errors.ts';

export interface CapacityInput {
  municipalityCode: string;
  capacityPerMonth: number;
  expectedPerMonth?: number | null;
  note?: string;
}

/**
 * States, per municipality, how many signals a month it can act on, and how many senders expect.
 * A municipality participant may state only its own line.
 */
export async function setCapacity(deps: AppDeps, ctx: CallContext, id: string, input: { capacity: CapacityInput[]; reason: string }): Promise<void> {
  const codes = input.capacity.map((c) => c.municipalityCode);
  if (new Set(codes).size !== codes.length) throw new ExperimentInputError([{ name: 'capacity', reason: 'a municipality is listed twice' }]);
  await changeExperiment(deps, ctx, id, { kind: 'capacity', reason: input.reason }, async ({ trx, participants, standing }) => {
    const municipalities = new Set(participants.filter((p) => p.role === 'municipality').map((p) => p.municipality_code));
    const errors = input.capacity.flatMap((c, i) => (municipalities.has(c.municipalityCode) ? [] : [{ name: `capacity.${i}.municipalityCode`, reason: `${c.municipalityCode} does not take part in this experiment` }]));
    const before = await listCapacity(trx, id);
    if (standing === 'participant' && ctx.actor.organisationKind === 'municipality') {
      // A municipality speaks for itself: the other lines must stay as they were.
      const own = participants.find((p) => p.organisation_id === ctx.actor.organisationId)?.municipality_code;
      const others = (list: Array<{ municipalityCode: string; capacityPerMonth: number; expectedPerMonth: number | null }>) =>
        JSON.stringify(list.filter((c) => c.municipalityCode !== own).sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode)));
      const was = before.map((c) => ({ municipalityCode: c.municipality_code, capacityPerMonth: c.capacity_per_month, expectedPerMonth: c.expected_per_month }));
      const now = input.capacity.map((c) => ({ municipalityCode: c.municipalityCode, capacityPerMonth: c.capacityPerMonth, expectedPerMonth: c.expectedPerMonth ?? null }));
      if (others(was) !== others(now)) errors.push({ name: 'capacity', reason: "a municipality may change only its own capacity" });
    }
    if (errors.length > 0) throw new ExperimentInputError(errors);
    await replaceCapacity(
      trx,
      id,
      input.capacity.map((c) => ({ municipality_code: c.municipalityCode, capacity_per_month: c.capacityPerMonth, expected_per_month: c.expectedPerMonth ?? null, note: c.note ?? '' })),
    );
    return { changes: { from: before.map((c) => ({ municipalityCode: c.municipality_code, capacityPerMonth: c.capacity_per_month, expectedPerMonth: c.expected_per_month })), to: input.capacity } };
  });
}
