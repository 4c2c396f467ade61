import type { Kysely } from 'kysely';
import type { Judgement, Refusal } from '../../../domain/rules/judgement.ts';
import type { SignalInput } from '../../../domain/signals/signal.ts';
import { CandidateIndex, decideChunk, intakeAuditDetail, type OtherRow } from '../../../domain/intake/chunk-decision.ts';
import { CONFLICT, isObjected, OBJECTION_REGISTERED } from '../../../domain/intake/row-outcomes.ts';
import type { DB } from '../../../db/schema.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findSignalsByReference, insertSignals } from '../../../db/repositories/signals.ts';
import { toSignalRow, type SignalRow } from '../../../db/signal-row.ts';
import { auditBy, type AppDeps, type CallContext } from '../../context.ts';
import type { Routing } from '../../../domain/routing/routing.ts';

export interface JudgedItem {
  rowNo: number;
  signal: SignalInput;
  judgement: Judgement;
  /** How its municipality was settled (the given code when absent). */
  routing?: Routing;
}

export type RowOutcomeKind = 'accepted' | 'refused' | 'duplicate' | 'conflict';

export interface RowOutcome {
  rowNo: number;
  reference: string;
  outcome: RowOutcomeKind;
  signalId?: string;
  judgement: Judgement;
  refusals: readonly Refusal[];
  /** The municipality the signal goes to, and how routing settled it (absent: the code as sent). */
  municipalityCode?: string;
  routing?: Routing;
}

/**
 * Stores signals delivered over the API, all or nothing, with ONE statement: the new signals, their
 * audit record and their queue entry for matching (insertSignals). Which row became what (accepted,
 * refused for an objection, duplicate, conflict) is decided by decideChunk, as for batch files
 * (store-batch-chunk.ts); only the way of storing differs.
 */
export async function storeSignals(
  db: Kysely<DB>,
  deps: Pick<AppDeps, 'pseudonymize'>,
  ctx: CallContext,
  items: readonly JudgedItem[],
): Promise<RowOutcome[]> {
  const senderOrgId = ctx.actor.organisationId;
  const rows: SignalRow[] = [];
  const index: number[] = [];
  const others: OtherRow<Refusal>[] = [];
  const candidates = new CandidateIndex();
  items.forEach((it, i) => {
    if (it.judgement.decision === 'refused') {
      others.push({ index: i, reference: it.signal.reference, outcome: 'refused', refusals: it.judgement.refusals, objected: isObjected(it.judgement.refusals) });
      return;
    }
    const row = toSignalRow(it.signal, it.judgement, { senderOrgId, batchId: null, rowNo: null, pseudonymize: deps.pseudonymize, ...(it.routing ? { routing: it.routing } : {}) });
    const place = candidates.add(row.reference, row.content_hash);
    if ('of' in place) others.push({ index: i, reference: row.reference, outcome: 'repeat', ...place });
    else {
      rows.push(row);
      index.push(i);
    }
  });

  // What the statement's audit record needs to count as intakeAuditDetail would (see insertSignals).
  const copies = rows.map(() => 1);
  let refusedByRules = 0;
  for (const o of others) {
    if (o.outcome === 'refused') refusedByRules++;
    else if (o.sameContent) copies[o.of]!++;
  }
  const { inserted, objected: objectedRefs } = await insertSignals(db, rows, { ...auditBy(ctx), rows: items.length, refusedByRules, copies });
  // References neither stored now nor objected to were stored before: by an earlier call, or a concurrent one.
  const missing = rows.filter((r) => !inserted.has(r.reference) && !objectedRefs.has(r.reference)).map((r) => r.reference);
  const existing = new Map((await findSignalsByReference(db, senderOrgId, missing)).map((e) => [e.reference, e]));
  const prior = new Map<number, { id: string | null; same: boolean }>();
  const objected = new Set<number>();
  rows.forEach((r, k) => {
    if (inserted.has(r.reference)) return;
    if (objectedRefs.has(r.reference)) objected.add(k);
    else {
      const e = existing.get(r.reference);
      prior.set(k, { id: e?.id ?? null, same: e?.content_hash === r.content_hash });
    }
  });

  const decision = decideChunk(
    { index, references: rows.map((r) => r.reference), idOf: (k) => inserted.get(rows[k]!.reference) ?? '' },
    others,
    { prior, objected },
    { conflict: CONFLICT, objection: OBJECTION_REGISTERED },
  );
  const outcomes: RowOutcome[] = new Array(items.length);
  index.forEach((i, k) => {
    if (decision.isNew(k)) outcomes[i] = outcome(items[i]!, 'accepted', inserted.get(rows[k]!.reference)!, []);
  });
  for (const d of decision.rows) {
    const it = items[d.index]!;
    outcomes[d.index] = outcome(it, d.outcome, d.signalId, d.refusals);
  }

  if (inserted.size === 0 && decision.counts.refused > 0)
    // Refused signals were processed (judged) too; the record says so without keeping their data.
    // (With new signals, insertSignals wrote the record in its statement.)
    await appendAudit(db, {
      ...auditBy(ctx),
      activity: 'signal.intake',
      organisationId: senderOrgId,
      objectType: 'signal',
      outcome: 'refused',
      detail: intakeAuditDetail(null, items.length, decision.counts),
    });
  return outcomes;
}

function outcome(it: JudgedItem, kind: RowOutcomeKind, signalId: string | null, refusals: readonly Refusal[]): RowOutcome {
  // A row refused only now (an objection registered with the municipality) reads as refused in its judgement too.
  const judgement: Judgement = kind === 'refused' && it.judgement.decision !== 'refused' ? { ...it.judgement, decision: 'refused', refusals } : it.judgement;
  return {
    rowNo: it.rowNo,
    reference: it.signal.reference,
    outcome: kind,
    ...(signalId ? { signalId } : {}),
    judgement,
    refusals,
    ...(it.signal.municipalityCode ? { municipalityCode: it.signal.municipalityCode } : {}),
    ...(it.routing && it.routing.by !== 'given' ? { routing: it.routing } : {}),
  };
}
