import type { AssignmentDesign } from '../experiments/arms.ts';

/**
 * Whether a signal needs the resident's prior consent because of an experiment arm "with prior
 * consent" (withoutPriorConsent === false). The arm must be known when the reminder letter is
 * written (the letter asks for consent or not), so only an arm that follows from the municipality
 * binds at intake: by_municipality designs, or designs whose every arm asks for consent. A random
 * or stratified draw between arms with and without consent happens at matching, too late for the
 * letter; such a design does not make intake ask for consent (README, "The resident's own page").
 */
export function armNeedsConsent(design: AssignmentDesign, municipalityCode: string): boolean {
  if (design.arms.length === 0 || design.method === 'none') return false;
  if (design.method === 'by_municipality') return design.arms.find((a) => a.municipalities.includes(municipalityCode))?.withoutPriorConsent === false;
  return design.arms.every((a) => a.withoutPriorConsent === false);
}
