import type { AssignmentDesign } from '../experiments/arms.ts';

/**
 * Whether an experiment's design makes a signal in this municipality need the resident's prior
 * consent (an arm "with prior consent": withoutPriorConsent === false), in every assignment method:
 *
 * - 'yes' / 'no': settled without knowing the household — by_municipality (the municipality's
 *   arm), or a design whose arms all ask (or none asks) for consent;
 * - 'household': a random or stratified draw between arms with and without consent. The household's
 *   arm decides; intake draws it (or finds it drawn) before the signal is stored, so the arm binds
 *   at intake as it does by municipality (src/app/resident/intake-gate.ts), and matching keeps
 *   that draw.
 */
export type ConsentByDesign = 'yes' | 'no' | 'household';

export function consentByDesign(design: AssignmentDesign, municipalityCode: string): ConsentByDesign {
  if (design.arms.length === 0 || design.method === 'none') return 'no';
  if (design.method === 'by_municipality') return design.arms.find((a) => a.municipalities.includes(municipalityCode))?.withoutPriorConsent === false ? 'yes' : 'no';
  const asking = design.arms.filter((a) => a.withoutPriorConsent === false).length;
  return asking === 0 ? 'no' : asking === design.arms.length ? 'yes' : 'household';
}

/** Whether this arm of the design asks for prior consent. */
export function armAsksConsent(design: AssignmentDesign, armCode: string | null): boolean {
  return armCode !== null && design.arms.find((a) => a.code === armCode)?.withoutPriorConsent === false;
}
