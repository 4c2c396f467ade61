import { appendAudit } from '../../db/repositories/audit.ts';
import { dueBrpChecks, markBrpChecked, markBrpUnavailable, queueNewCasesForBrp, type CheckedRow, type DueCheck } from '../../db/repositories/brp-checks.ts';
import { compositionOf, decideCaseCheck, nextTryAfter, type CaseCheckDecision, type CaseToCheck } from '../../domain/brp/case-check.ts';
import { BrpUnavailable, type BrpRegister } from '../../domain/routing/brp-register.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { askBrp, emptyQueries, type BrpQueries } from './ask-brp.ts';
import { actOnCheckedCases } from './act-on-check.ts';

export interface BrpCheckRun {
  municipality: string;
  checked: number;
  /** Checks that found the BRP down: they wait for their next try. */
  unavailable: number;
  outcomes: Record<string, number>;
  /** Cases closed because the resident died or moved out of the municipality; signals handed over. */
  closed: number;
  handedOver: number;
}

/** Cases asked about at once: a day's new cases of a large municipality in a few batches. */
const CASES_PER_BATCH = 2000;

function caseToCheck(municipality: string, d: DueCheck): CaseToCheck {
  const names = new Map<string, { surname: string; initial?: string }>();
  for (const s of d.signals) {
    if (!s.surname) continue;
    const initial = (s.initials ?? s.givenName ?? '').trim().slice(0, 1);
    names.set(`${s.surname}|${initial}`, { surname: s.surname, ...(initial ? { initial } : {}) });
  }
  return {
    caseId: d.caseId,
    municipality,
    addressKey: d.addressKey,
    bsns: [...new Set(d.signals.map((s) => s.bsn).filter((b): b is string => b !== null))],
    names: [...names.values()],
    date: d.date,
  };
}

const pseudonymsOf = (due: readonly DueCheck[], cases?: ReadonlySet<string>) => [
  ...new Set(due.filter((d) => !cases || cases.has(d.caseId)).flatMap((d) => [d.bsnPseudonym, ...d.signals.map((s) => s.bsnPseudonym)]).filter((p): p is string => p !== null)),
];

/** Every BRP query is a processing of personal data: one audit record per kind of query, with the cases it concerned. */
async function auditQueries(trx: Parameters<typeof appendAudit>[0], ctx: CallContext, municipality: string, due: readonly DueCheck[], q: BrpQueries, outcome: 'success' | 'error'): Promise<void> {
  const kinds = [
    ['brp.persons', q.persons],
    ['brp.residents-at-address', q.residentsAt],
    ['brp.occupancy', q.occupancy],
  ] as const;
  for (const [activity, k] of kinds) {
    if (k.cases.size === 0) continue;
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'case',
      objectIds: [...k.cases],
      subjectPseudonyms: pseudonymsOf(due, k.cases),
      outcome,
      detail: { purpose: 'case-check', asked: k.asked, found: k.found },
    });
  }
}

/** A batch the BRP did not answer: every check waits for its next try (5 minutes, doubling, at most 6 hours). */
async function waitForBrp(deps: AppDeps, ctx: CallContext, municipality: string, due: readonly DueCheck[], q: BrpQueries, error: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await markBrpUnavailable(trx, due.map((d) => ({ caseId: d.caseId, nextTryAt: nextTryAfter(d.attempts + 1, now) })), error);
    await auditQueries(trx, ctx, municipality, due, q, 'error');
  });
}

async function checkBatch(deps: AppDeps, ctx: CallContext, municipality: string, brp: BrpRegister, due: readonly DueCheck[], run: BrpCheckRun): Promise<'ok' | 'down'> {
  const cases = due.map((d) => caseToCheck(municipality, d));
  const queries = emptyQueries();
  let evidence;
  try {
    ({ evidence } = await askBrp(brp, cases, queries));
  } catch (e) {
    // A query the BRP refused (4xx) would fail the same way every minute: it waits like the BRP being down, with its reason.
    if (!(e instanceof BrpUnavailable) && !(e instanceof Error && e.name === 'BrpRequestRefused')) throw e;
    await waitForBrp(deps, ctx, municipality, due, queries, (e as Error).message);
    run.unavailable += due.length;
    return 'down';
  }
  const decisions = new Map<string, CaseCheckDecision>();
  const rows: CheckedRow[] = cases.map((c) => {
    const e = evidence.get(c.caseId)!;
    const d = decideCaseCheck(c, e);
    decisions.set(c.caseId, d);
    run.outcomes[d.outcome] = (run.outcomes[d.outcome] ?? 0) + 1;
    // Composition belongs with the household the case is about: shown only when it lives there.
    const comp = d.outcome === 'match' ? compositionOf(e.occupancy) : undefined;
    return {
      caseId: c.caseId,
      peildatum: c.date,
      outcome: d.outcome,
      movedTo: d.outcome === 'moved_out' ? (d.to ?? null) : null,
      residentCount: comp?.residentCount ?? null,
      minorsPresent: comp?.minorsPresent ?? null,
    };
  });
  await deps.db.transaction().execute(async (trx) => {
    await markBrpChecked(trx, rows, deps.now());
    const acted = await actOnCheckedCases(trx, deps, ctx, municipality, due, decisions);
    run.closed += acted.closed;
    run.handedOver += acted.handedOver;
    await auditQueries(trx, ctx, municipality, due, queries, 'success');
  });
  run.checked += due.length;
  return 'ok';
}

/**
 * The BRP checks of one municipality's new cases: open cases without a check get one, and every
 * check that is due is asked in batches. When the BRP does not answer, the batch — and every other
 * due check of the municipality, without asking again — waits with status brp_unavailable and a
 * next try; the cases stay as they are, open, and nothing is lost.
 */
export async function checkMunicipalityCases(deps: AppDeps, ctx: CallContext, municipality: string, brp: BrpRegister, batchSize = CASES_PER_BATCH): Promise<BrpCheckRun> {
  const run: BrpCheckRun = { municipality, checked: 0, unavailable: 0, outcomes: {}, closed: 0, handedOver: 0 };
  await queueNewCasesForBrp(deps.db, municipality, deps.now());
  let down: string | undefined;
  for (;;) {
    const due = await dueBrpChecks(deps.db, municipality, deps.now(), batchSize);
    if (due.length === 0) break;
    if (down !== undefined) {
      await waitForBrp(deps, ctx, municipality, due, emptyQueries(), down);
      run.unavailable += due.length;
      continue;
    }
    if ((await checkBatch(deps, ctx, municipality, brp, due, run)) === 'down') down = 'BRP did not answer during this run';
  }
  return run;
}

/** One round over every municipality that has the BRP switched on (the job after matching). */
export async function checkNewCasesWithBrp(deps: AppDeps, ctx: CallContext): Promise<BrpCheckRun[]> {
  const out: BrpCheckRun[] = [];
  for (const municipality of deps.brp?.municipalities ?? []) {
    const brp = deps.brp!.forMunicipality(municipality);
    if (brp) out.push(await checkMunicipalityCases(deps, ctx, municipality, brp));
  }
  return out;
}
