import type { ArmRow, PreselectionRow } from '../../db/repositories/experiments.ts';
import type { ArmDesign } from '../../domain/experiments/arms.ts';
import type { PreselectionRule } from '../../domain/experiments/preselection.ts';

/** Stored rows → domain values (numeric columns arrive as strings from PostgreSQL). */
export function toPreselectionRule(r: PreselectionRow): PreselectionRule {
  return {
    kind: r.kind,
    amount: r.amount === null ? null : Number(r.amount),
    months: r.months,
    mode: r.mode,
    selectedBy: r.selected_by,
    description: r.description,
  };
}

export function toArmDesign(a: ArmRow): ArmDesign {
  return {
    code: a.code,
    weight: a.weight,
    municipalities: a.municipalities,
    combineWithOtherSignals: a.combine_with_other_signals,
    withoutPriorConsent: a.without_prior_consent,
  };
}
