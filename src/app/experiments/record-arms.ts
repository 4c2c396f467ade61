import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { assignmentCount, attachAssignmentCases, existingAssignments, insertAssignments, insertFlags, setCaseArms } from '../../db/repositories/experiments.ts';
import { assignArm, caseArmLabel } from '../../domain/experiments/arms.ts';
import { evaluatePreselection } from '../../domain/experiments/preselection.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { coversSignal } from './running-experiments.ts';

/**
 * The matching hook for experiments, in the matching transaction: for the signals just matched
 * that belong to a running experiment, records flag-mode pre-selection misses and assigns each
 * new household to an arm (reproducibly, see domain/experiments/arms.ts), recording the arm on the
 * case. Municipalities without a running experiment cost nothing; others one query per page.
 */
/** What the hook needs of a matched signal (matching has it loaded already). */
export interface MatchedSignalFacts {
  id: string;
  ruleId: string;
  senderOrgId: string;
  creditorOrgId: string;
  amountCents: number | null;
  arrearStartDate: string | null;
  signalDate: string;
}

export async function recordExperimentArms(
  trx: Transaction<DB>,
  deps: Pick<AppDeps, 'experiments' | 'pseudonymize'>,
  ctx: CallContext,
  municipality: string,
  cases: ReadonlyArray<{ dbId: string; addressKey: string }>,
  matched: ReadonlyArray<{ signalId: string; caseId: string }>,
  signals: ReadonlyArray<MatchedSignalFacts>,
): Promise<void> {
  const running = deps.experiments.inMunicipality(municipality);
  if (running.length === 0 || matched.length === 0) return;
  const ruleIds = new Set(running.flatMap((e) => [...e.ruleIds]));
  const facts = signals.filter((f) => ruleIds.has(f.ruleId));
  if (facts.length === 0) return;
  const addressOf = new Map(cases.map((c) => [c.dbId, c.addressKey]));
  const caseOf = new Map(matched.map((m) => [m.signalId, m.caseId]));
  const flags: Array<{ experiment_id: string; signal_id: string; codes: string[] }> = [];
  const caseArms: Array<{ caseId: string; arm: string }> = [];
  let assigned = 0;

  for (const e of running) {
    const mine = facts.filter((f) =>
      coversSignal(e, { ruleId: f.ruleId, municipalityCode: municipality, senderOrgId: f.senderOrgId, creditorOrgId: f.creditorOrgId }),
    );
    if (mine.length === 0) continue;
    for (const f of mine) {
      const r = evaluatePreselection(e.preselection, {
        amountCents: f.amountCents,
        arrearStartDate: f.arrearStartDate,
        signalDate: f.signalDate,
        senderOrgId: f.senderOrgId,
        creditorOrgId: f.creditorOrgId,
      });
      if (r.flags.length > 0) flags.push({ experiment_id: e.id, signal_id: String(f.id), codes: [...new Set(r.flags.map((x) => x.code))] });
    }
    if (e.design.method === 'none' || e.design.arms.length === 0) continue;

    // One household per case; its key is a keyed pseudonym of municipality + address, never the address.
    const households = new Map<string, string>();
    for (const f of mine) {
      const caseId = caseOf.get(String(f.id));
      const address = caseId === undefined ? undefined : addressOf.get(caseId);
      if (caseId === undefined || address === undefined) continue;
      const ref = deps.pseudonymize('household', `${municipality}|${address}`);
      if (!households.has(ref)) households.set(ref, caseId);
    }
    const existing = await existingAssignments(trx, [e.id], [...households.keys()]);
    const known = new Map(existing.map((a) => [a.household_ref, a.arm_code]));
    // A household intake drew already (an arm "with prior consent" binds at intake) has no case yet.
    await attachAssignmentCases(
      trx,
      e.id,
      existing.filter((a) => a.case_id === null).map((a) => ({ ref: a.household_ref, caseId: households.get(a.household_ref)! })),
    );
    const anyNew = [...households.keys()].some((ref) => !known.has(ref));
    let ordinal = anyNew ? await assignmentCount(trx, e.id, municipality) : 0;
    const rows = [];
    // Case-id order makes the ordinals of one run reproducible.
    for (const [ref, caseId] of [...households].sort((a, b) => Number(a[1]) - Number(b[1]))) {
      let arm = known.get(ref);
      if (arm === undefined) {
        const drawn = assignArm(e.design, { ref, municipalityCode: municipality, ordinal });
        if (drawn === null) continue;
        arm = drawn;
        rows.push({ experiment_id: e.id, household_ref: ref, municipality_code: municipality, arm_code: arm, method: e.design.method, seed: e.design.seed ?? '', ordinal, case_id: caseId });
        ordinal++;
      }
      caseArms.push({ caseId, arm: caseArmLabel(e.id, arm) });
    }
    await insertAssignments(trx, rows);
    assigned += rows.length;
  }
  await insertFlags(trx, flags);
  await setCaseArms(trx, caseArms);
  if (flags.length > 0 || caseArms.length > 0)
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'experiment.assign',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'case',
      objectIds: [...new Set(caseArms.map((c) => c.caseId))],
      outcome: 'success',
      detail: { experiments: running.map((e) => e.id), householdsAssigned: assigned, signalsFlagged: flags.length },
    });
}
