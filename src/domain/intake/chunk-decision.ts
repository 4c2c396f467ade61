import type { RefusedRowFacts } from './row-outcomes.ts';

/**
 * A judged chunk of signals, as both intake paths hand it to storage: the API (a few signals,
 * stored by one INSERT statement) and batch files (thousands per chunk, stored by binary COPY).
 * Only the storage method differs; what a row's outcome is, is decided here, once.
 *
 * Rows the rules accepted whose reference is new in the chunk are the chunk's **candidates**
 * (numbered k = 0…n-1, in row order); every other row is an `OtherRow`: refused by the rules, or a
 * repeat of a candidate's reference further down the chunk.
 */
export type OtherRow<R> =
  | { index: number; reference: string; outcome: 'refused'; refusals: readonly R[]; objected: boolean; facts?: RefusedRowFacts | null }
  | { index: number; reference: string; outcome: 'repeat'; of: number; sameContent: boolean };

/** What storing the candidates found, per candidate k (anything not named here was stored as new). */
export interface StoreFindings<R = never> {
  /** The sender used the reference before (an earlier upload, or a concurrent one): the stored signal's id and whether its content is the same. */
  prior: ReadonlyMap<number, { id: string | null; same: boolean }>;
  /** About a resident who objected with the municipality (art. 21 AVG): not stored, nothing of it kept. */
  objected: ReadonlySet<number>;
  /** Refused for the resident's choice on their own page (issue 24): its own reasons; `objected` keeps nothing of the row. */
  refused?: ReadonlyMap<number, { refusals: readonly R[]; objected: boolean }>;
}

export type DecidedOutcome = 'refused' | 'duplicate' | 'conflict';

/** A row that did not become a new signal, as the sender is told and a batch keeps it. */
export interface DecidedRow<R> {
  index: number;
  /** Null when a resident objected: not even the sender's reference is kept (TR art. 1.2 d; art. 21 AVG). */
  reference: string | null;
  outcome: DecidedOutcome;
  /** The stored signal a duplicate or conflict refers to. */
  signalId: string | null;
  refusals: readonly R[];
  /** What the evaluation counts a refused row by (refused by the rules only). */
  facts?: RefusedRowFacts | null;
}

export interface ChunkCounts {
  accepted: number;
  refused: number;
  /** Duplicates and conflicts: rows whose reference the sender had used already. */
  duplicate: number;
}

export interface ChunkDecision<R> {
  counts: ChunkCounts;
  /** Every row that is not a new signal (candidates first, then the other rows). */
  rows: DecidedRow<R>[];
  /** Whether candidate k became a new signal. */
  isNew(k: number): boolean;
}

export interface Candidates {
  /** Row index within the chunk of candidate k. */
  index: ArrayLike<number>;
  references: readonly string[];
  /** The id candidate k was stored under, when it was (a repeat of it points there). */
  idOf(k: number): string;
}

/**
 * The outcome of every row that did not become a new signal, and the chunk's counts. A repeat of
 * a candidate within the chunk is measured against that candidate: a copy of one refused for an
 * objection goes the same way; other content under its reference is a conflict (nothing is stored
 * under it); a copy of one that conflicts with a stored signal conflicts too.
 */
export function decideChunk<R>(
  candidates: Candidates,
  others: readonly OtherRow<R>[],
  found: StoreFindings<R>,
  reasons: { conflict: R; objection: R },
): ChunkDecision<R> {
  const { prior, objected } = found;
  const chosen = found.refused ?? new Map<number, { refusals: readonly R[]; objected: boolean }>();
  const n = candidates.references.length;
  const counts: ChunkCounts = { accepted: n - prior.size - objected.size - chosen.size, refused: objected.size + chosen.size, duplicate: prior.size };
  const rows: DecidedRow<R>[] = [];
  const objection = [reasons.objection];
  const conflict = [reasons.conflict];
  for (const k of objected) rows.push({ index: candidates.index[k]!, reference: null, outcome: 'refused', signalId: null, refusals: objection });
  for (const [k, c] of chosen) rows.push({ index: candidates.index[k]!, reference: c.objected ? null : candidates.references[k]!, outcome: 'refused', signalId: null, refusals: c.refusals });
  for (const [k, p] of prior)
    rows.push({
      index: candidates.index[k]!,
      reference: candidates.references[k]!,
      outcome: p.same ? 'duplicate' : 'conflict',
      signalId: p.id,
      refusals: p.same ? [] : conflict,
    });
  for (const o of others) {
    if (o.outcome === 'refused') {
      counts.refused++;
      rows.push({ index: o.index, reference: o.objected ? null : o.reference || null, outcome: 'refused', signalId: null, refusals: o.refusals, facts: o.facts ?? null });
      continue;
    }
    const byChoice = chosen.get(o.of);
    if (objected.has(o.of) || byChoice) {
      if (o.sameContent) {
        counts.refused++;
        rows.push({ index: o.index, reference: byChoice && !byChoice.objected ? o.reference : null, outcome: 'refused', signalId: null, refusals: byChoice ? byChoice.refusals : objection });
      } else {
        counts.duplicate++;
        rows.push({ index: o.index, reference: o.reference, outcome: 'conflict', signalId: null, refusals: conflict });
      }
      continue;
    }
    counts.duplicate++;
    const first = prior.get(o.of);
    const same = o.sameContent && (!first || first.same);
    rows.push({
      index: o.index,
      reference: o.reference,
      outcome: same ? 'duplicate' : 'conflict',
      signalId: first ? first.id : candidates.idOf(o.of),
      refusals: same ? [] : conflict,
    });
  }
  return { counts, rows, isNew: (k) => !prior.has(k) && !objected.has(k) && !chosen.has(k) };
}

/**
 * Sorts a chunk's rows as they are judged: the first row accepted under a reference becomes a
 * candidate, a later one under the same reference a repeat of it.
 */
export class CandidateIndex {
  private readonly firstByReference = new Map<string, number>();
  readonly contentHashes: string[] = [];

  /** Candidate number k of a new reference, or the repeat of an earlier candidate. */
  add(reference: string, contentHash: string): { k: number } | { of: number; sameContent: boolean } {
    const first = this.firstByReference.get(reference);
    if (first !== undefined) return { of: first, sameContent: this.contentHashes[first] === contentHash };
    const k = this.contentHashes.length;
    this.firstByReference.set(reference, k);
    this.contentHashes.push(contentHash);
    return { k };
  }

  /** Takes back the last candidate (a row that could not be encoded after all). */
  dropLast(reference: string): void {
    this.firstByReference.delete(reference);
    this.contentHashes.pop();
  }
}

/** The detail of a chunk's intake audit record: how many rows, and what became of them (never what they held). */
export function intakeAuditDetail(batchId: string | null, rows: number, counts: ChunkCounts) {
  return { batchId, rows, accepted: counts.accepted, refused: counts.refused, duplicate: counts.duplicate };
}
