import { recordedChoices } from '../../db/repositories/resident-reminders.ts';
import { caseArmLabel } from '../../domain/experiments/arms.ts';
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
 * Objections, consents and help requests made on the resident's page, per experiment arm (issue 24):
 * an objection never becomes a case, so the arm is the one the reminder's municipality is in
 * (by_municipality designs, the ones that can ask for prior consent). Counts only, of the running
 * experiments, of the caller's municipalities, made in the period; a count under 10 is suppressed.
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
  const designs = deps.experiments.running().filter((e) => e.design.method === 'by_municipality' && (!filter.experiment || e.id === filter.experiment));
  if (designs.length === 0) return [];
  const out = new Map<string, { arm: string; objected: number; consented: number; help: number }>();
  const today = dutchToday(deps.now());
  // the caller's municipalities only (a municipality sees its own), choices made in the period
  const visible = filter.municipalities ? new Set(filter.municipalities) : null;
  for (const r of await recordedChoices(deps.db, filter)) {
    const m = deps.registers.place(r.postcode, r.house_number ?? undefined, today).municipality;
    if (!m || !r.choice || (visible && !visible.has(m))) continue;
    for (const e of designs) {
      const arm = e.design.arms.find((a) => a.municipalities.includes(m));
      if (!arm) continue;
      const label = caseArmLabel(e.id, arm.code);
      const row = out.get(label) ?? { arm: label, objected: 0, consented: 0, help: 0 };
      row[r.choice]++;
      out.set(label, row);
    }
  }
  return [...out.values()].sort((a, b) => a.arm.localeCompare(b.arm));
}
