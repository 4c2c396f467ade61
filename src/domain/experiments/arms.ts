import { createHash } from 'node:crypto';

/**
 * Experiment groups (deck, "Aanvullende informatie over vereisten"): e.g. the new signal alone
 * (its stand-alone value) versus combined with other signals, or with versus without prior
 * consent. Households are assigned reproducibly:
 *
 * - random: arm = f(sha256(seed, household)) by the arms' weights. Anyone with the recorded seed
 *   and household pseudonym can recompute it.
 * - stratified: per municipality, permuted blocks: the n-th household of a municipality takes
 *   position n of a block shuffled by sha256(seed, municipality, block number). Arms stay balanced
 *   within every municipality (at most one block apart); the ordinal is recorded with the assignment.
 * - by_municipality: every household of a municipality goes to the arm that lists it.
 */
export type AssignmentMethod = 'none' | 'random' | 'stratified' | 'by_municipality';

export interface ArmDesign {
  code: string;
  weight: number;
  municipalities: readonly string[];
  /** The worklist shows the household's other signals with the new one; false: the new signal alone. */
  combineWithOtherSignals: boolean;
  /** Contact without the resident's prior consent (second research question); null: not varied. */
  withoutPriorConsent: boolean | null;
}

export interface AssignmentDesign {
  method: AssignmentMethod;
  seed: string | null;
  arms: readonly ArmDesign[];
}

export interface HouseholdDraw {
  /** A stable, non-identifying key of the household (a keyed pseudonym). */
  ref: string;
  municipalityCode: string;
  /** 0-based: how many households of this experiment in this municipality were assigned before. */
  ordinal: number;
}

const MIN_BLOCK = 4;

function unit(...parts: string[]): number {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  // 48 bits are plenty and stay exact in a double.
  return h.readUIntBE(0, 6) / 2 ** 48;
}

function byWeight(arms: readonly ArmDesign[], u: number): string {
  const total = arms.reduce((s, a) => s + a.weight, 0);
  let x = u * total;
  for (const a of arms) {
    if (x < a.weight) return a.code;
    x -= a.weight;
  }
  return arms[arms.length - 1]!.code;
}

function repeats(arms: readonly ArmDesign[]): number {
  return Math.max(1, Math.ceil(MIN_BLOCK / arms.reduce((s, a) => s + a.weight, 0)));
}

/** Households per block: the weights' sum, repeated until it is at least MIN_BLOCK. */
export function blockSize(arms: readonly ArmDesign[]): number {
  return arms.reduce((s, a) => s + a.weight, 0) * repeats(arms);
}

/** The arm codes of one block, in shuffled order. */
function stratifiedBlock(design: AssignmentDesign, municipalityCode: string, block: number): string[] {
  const reps = repeats(design.arms);
  const cells = design.arms.flatMap((a) => Array.from({ length: a.weight * reps }, () => a.code));
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(unit(design.seed ?? '', municipalityCode, String(block), String(i)) * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  return cells;
}

/** The arm of one household, or null when the design puts it in none (no arms, or its municipality is in no arm). */
export function assignArm(design: AssignmentDesign, h: HouseholdDraw): string | null {
  if (design.arms.length === 0 || design.method === 'none') return null;
  switch (design.method) {
    case 'random':
      return byWeight(design.arms, unit(design.seed ?? '', h.ref));
    case 'stratified': {
      const size = blockSize(design.arms);
      return stratifiedBlock(design, h.municipalityCode, Math.floor(h.ordinal / size))[h.ordinal % size]!;
    }
    case 'by_municipality':
      return design.arms.find((a) => a.municipalities.includes(h.municipalityCode))?.code ?? null;
  }
}

/** Problems with a design (for the API's input checks). */
export function armDesignErrors(design: AssignmentDesign): string[] {
  const errors: string[] = [];
  const codes = new Set<string>();
  for (const a of design.arms) {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(a.code)) errors.push(`arm code '${a.code}': lowercase letters, digits and hyphens`);
    if (codes.has(a.code)) errors.push(`arm code '${a.code}' is used twice`);
    codes.add(a.code);
    if (!Number.isInteger(a.weight) || a.weight < 1 || a.weight > 100) errors.push(`arm '${a.code}': weight is a whole number from 1 to 100`);
  }
  if (design.arms.length === 0) return design.method === 'none' ? errors : [...errors, `method '${design.method}' needs arms`];
  if (design.method === 'none') errors.push("arms need an assignment method ('random', 'stratified' or 'by_municipality')");
  if ((design.method === 'random' || design.method === 'stratified') && design.arms.length < 2) errors.push(`method '${design.method}' needs at least two arms`);
  if ((design.method === 'random' || design.method === 'stratified') && !design.seed) errors.push(`method '${design.method}' needs a seed, recorded so the assignment can be recomputed`);
  if (design.method === 'by_municipality') {
    const seen = new Map<string, string>();
    for (const a of design.arms) {
      if (a.municipalities.length === 0) errors.push(`arm '${a.code}': by_municipality needs its municipalities`);
      for (const m of a.municipalities) {
        const other = seen.get(m);
        if (other) errors.push(`municipality ${m} is in arms '${other}' and '${a.code}'`);
        seen.set(m, a.code);
      }
    }
  }
  return errors;
}

/** How the worklist treats a case in this arm. */
export function armTreatment(arm: Pick<ArmDesign, 'combineWithOtherSignals' | 'withoutPriorConsent'>): { showOtherSignals: boolean; contactWithoutPriorConsent: boolean } {
  return { showOtherSignals: arm.combineWithOtherSignals, contactWithoutPriorConsent: arm.withoutPriorConsent === true };
}

/** The value stored in cases.experiment_arm: experiment and arm, so a case names both. */
export function caseArmLabel(experimentId: string, armCode: string): string {
  return `${experimentId}/${armCode}`;
}
