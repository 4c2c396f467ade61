import { recordedChoices } from '../../db/repositories/resident-reminders.ts';
import { existingAssignments } from '../../db/repositories/experiments.ts';
import { assignArm, caseArmLabel } from '../../domain/experiments/arms.ts';
import { addressKey } from '../../domain/matching/normalise-address.ts';
import type { ResidentChoice } from '../../domain/resident/choice.ts';
import type { RunningExperiment } from '../experiments/running-experiments.ts';
import { householdRef } from '../experiments/household-arms.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';
import type { EvaluationFilter } from '../../domain/evaluation/cells.ts';
import { publishable } from '../../domain/statistics/suppress.ts';

export interface ArmChoices {
  /** experiment/arm, as cases carry it. */
  arm: string;
  /** Null: fewer than 10 (suppressed, as every evaluation count). */
  objected: number | null;
  consented: number | null;
  help: number | null;
}

/**
 * Objections, consents and help requests made on the resident's page, per experiment arm (issue 24),
 * in every assignment method. By municipality: the arm the reminder's municipality is in. Drawn per
 * household (random, stratified): the household's arm — by the signal that arrived after the choice,
 * else by the reminder's postcode and house number (an objection never becomes a signal); a random
 * draw is recomputed, a stratified one counts once the household was drawn (at intake or matching).
 * Counts only, of the running experiments, of the caller's municipalities, made in the period; a
 * count under 10 is suppressed.
 */
export async function residentChoicesPerArm(deps: AppDeps, filter: ChoiceFilter): Promise<ArmChoices[]> {
  return (await countChoicesPerArm(deps, filter)).map((c) => ({
    arm: c.arm,
    objected: publishable(c.objected, c.objected),
    consented: publishable(c.consented, c.consented),
    help: publishable(c.help, c.help),
  }));
}

type ChoiceFilter = Pick<EvaluationFilter, 'from' | 'to' | 'municipalities' | 'experiment'>;

/** The same counts before suppression (for the tests that check them exactly). */
export async function countChoicesPerArm(deps: AppDeps, filter: ChoiceFilter): Promise<Array<{ arm: string; objected: number; consented: number; help: number }>> {
  const designs = deps.experiments.running().filter((e) => e.design.method !== 'none' && e.design.arms.length > 0 && (!filter.experiment || e.id === filter.experiment));
  if (designs.length === 0) return [];
  const out = new Map<string, { arm: string; objected: number; consented: number; help: number }>();
  const count = (e: RunningExperiment, armCode: string | null | undefined, choice: ResidentChoice) => {
    if (!armCode) return;
    const label = caseArmLabel(e.id, armCode);
    const row = out.get(label) ?? { arm: label, objected: 0, consented: 0, help: 0 };
    row[choice]++;
    out.set(label, row);
  };
  const today = dutchToday(deps.now());
  // the caller's municipalities only (a municipality sees its own), choices made in the period
  const visible = filter.municipalities ? new Set(filter.municipalities) : null;
  const drawn = new Map<RunningExperiment, Array<{ ref: string; municipality: string; choice: ResidentChoice }>>();
  for (const r of await recordedChoices(deps.db, filter)) {
    const m = r.municipality_code ?? deps.registers.place(r.postcode, r.house_number ?? undefined, today).municipality;
    if (!m || !r.choice || (visible && !visible.has(m))) continue;
    const key = r.address_key ?? addressKey(r.postcode, r.house_number, null);
    for (const e of designs) {
      if (e.municipalities.size > 0 && !e.municipalities.has(m)) continue;
      if (e.design.method === 'by_municipality') count(e, e.design.arms.find((a) => a.municipalities.includes(m))?.code, r.choice);
      else if (key) drawn.set(e, [...(drawn.get(e) ?? []), { ref: householdRef(deps, m, key), municipality: m, choice: r.choice }]);
    }
  }
  for (const [e, list] of drawn) {
    const recorded = new Map((await existingAssignments(deps.db, [e.id], [...new Set(list.map((x) => x.ref))])).map((a) => [a.household_ref, a.arm_code]));
    for (const x of list) count(e, recorded.get(x.ref) ?? (e.design.method === 'random' ? assignArm(e.design, { ref: x.ref, municipalityCode: x.municipality, ordinal: 0 }) : null), x.choice);
  }
  return [...out.values()].sort((a, b) => a.arm.localeCompare(b.arm));
}
