import { recordedChoices } from '../../db/repositories/resident-reminders.ts';
import { caseArmLabel } from '../../domain/experiments/arms.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';

export interface ArmChoices {
  /** experiment/arm, as cases carry it. */
  arm: string;
  objected: number;
  consented: number;
  help: number;
}

/**
 * Objections, consents and help requests made on the resident's page, per experiment arm (issue 24):
 * an objection never becomes a case, so the arm is the one the reminder's municipality is in
 * (by_municipality designs, the ones that can ask for prior consent). Counts only, of the running
 * experiments.
 */
export async function residentChoicesPerArm(deps: AppDeps): Promise<ArmChoices[]> {
  const designs = deps.experiments.running().filter((e) => e.design.method === 'by_municipality');
  if (designs.length === 0) return [];
  const out = new Map<string, ArmChoices>();
  const today = dutchToday(deps.now());
  for (const r of await recordedChoices(deps.db)) {
    const m = deps.registers.place(r.postcode, r.house_number ?? undefined, today).municipality;
    if (!m || !r.choice) continue;
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
