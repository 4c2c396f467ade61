import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assignmentCount, existingAssignments, insertAssignments } from '../../db/repositories/experiments.ts';
import { assignArm } from '../../domain/experiments/arms.ts';
import type { AppDeps } from '../context.ts';
import type { RunningExperiment } from './running-experiments.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The household's keyed pseudonym, as matching assigns arms by it: municipality and address key, never the address. */
export function householdRef(deps: Pick<AppDeps, 'pseudonymize'>, municipality: string, addressKey: string): string {
  return deps.pseudonymize('household', `${municipality}|${addressKey}`);
}

/**
 * The arm of each household in one experiment, before matching: the recorded assignment, else the
 * draw matching would make. A random draw depends on the household alone, so it is recomputed
 * (matching records the same). A stratified draw depends on how many households came before, so
 * with `record` it is recorded now (without a case; matching finds it and keeps it), under the same
 * lock per experiment and municipality as matching's; without (a dry run) it is the draw as it
 * would be made now. Null: the design puts the household in no arm.
 */
export async function householdArms(
  db: Executor,
  e: RunningExperiment,
  households: ReadonlyArray<{ ref: string; municipality: string }>,
  opts: { record: boolean },
): Promise<Map<string, string | null>> {
  const refs = [...new Set(households.map((h) => h.ref))];
  const out = new Map<string, string | null>((await existingAssignments(db, [e.id], refs)).map((a) => [a.household_ref, a.arm_code]));
  const missing = new Map<string, string>();
  for (const h of households) if (!out.has(h.ref)) missing.set(h.ref, h.municipality);
  if (missing.size === 0) return out;
  if (e.design.method !== 'stratified') {
    for (const [ref, municipality] of missing) out.set(ref, assignArm(e.design, { ref, municipalityCode: municipality, ordinal: 0 }));
    return out;
  }
  const byMunicipality = new Map<string, string[]>();
  for (const [ref, m] of missing) byMunicipality.set(m, [...(byMunicipality.get(m) ?? []), ref]);
  const draw = async (trx: Executor) => {
    // Municipalities in order: two intakes never wait on each other's locks crosswise.
    for (const [municipality, list] of [...byMunicipality].sort((a, b) => a[0].localeCompare(b[0]))) {
      let ordinal = await assignmentCount(trx, e.id, municipality);
      const rows = [];
      // Sorted refs: the ordinals of one call do not depend on the order the signals came in.
      for (const ref of list.sort()) {
        const arm = assignArm(e.design, { ref, municipalityCode: municipality, ordinal });
        out.set(ref, arm);
        if (arm !== null) rows.push({ experiment_id: e.id, household_ref: ref, municipality_code: municipality, arm_code: arm, method: e.design.method, seed: e.design.seed ?? '', ordinal: ordinal++, case_id: null });
      }
      if (!opts.record) continue;
      await insertAssignments(trx, rows);
      // Another intake may have drawn one of them meanwhile: its record stands.
      for (const a of await existingAssignments(trx, [e.id], list)) out.set(a.household_ref, a.arm_code);
    }
  };
  if (!opts.record || db.isTransaction) await draw(db);
  else await db.transaction().execute(draw);
  return out;
}
