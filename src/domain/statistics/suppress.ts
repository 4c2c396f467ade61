/**
 * Statistical disclosure control for the evaluation: every published count below MIN_CELL (10) is
 * suppressed, and so is every figure derived from such a count (rates, means, medians). Zero is
 * shown: it tells nothing about a person. Within a column that adds up to a total, a single
 * suppressed cell could be recovered by subtraction, so the next smallest cell is suppressed with it.
 * Known limit: differences between nested stages of one row (cases − contacted) are not protected.
 */
export const MIN_CELL = 10;

export interface SuppressionSpec<R> {
  /** Count columns: suppressed when 0 < value < min. */
  counts: ReadonlyArray<keyof R & string>;
  /** Derived columns and the count column(s) they rest on: suppressed when any base is. */
  derived?: Partial<Record<keyof R & string, ReadonlyArray<keyof R & string>>>;
  /** Protect the column totals against subtraction (rows are parts of one whole). */
  complementary?: boolean;
}

export type SuppressedRow<R> = { [K in keyof R]: R[K] | null } & { suppressed: string[] };

const isSmall = (v: unknown, min: number) => typeof v === 'number' && v > 0 && v < min;

export function suppressRows<R extends object>(rows: readonly R[], spec: SuppressionSpec<R>, min = MIN_CELL): Array<SuppressedRow<R>> {
  const hidden: Array<Set<string>> = rows.map(() => new Set<string>());
  for (const col of spec.counts) rows.forEach((r, i) => isSmall(r[col], min) && hidden[i]!.add(col));

  if (spec.complementary && rows.length > 1)
    for (const col of spec.counts) {
      const hit = rows.map((_, i) => i).filter((i) => hidden[i]!.has(col));
      if (hit.length !== 1) continue;
      // The smallest other non-zero cell: the least information lost for the protection gained.
      let best = -1;
      rows.forEach((r, i) => {
        const v = r[col];
        if (hidden[i]!.has(col) || typeof v !== 'number' || v <= 0) return;
        if (best < 0 || v < (rows[best]![col] as number)) best = i;
      });
      if (best >= 0) hidden[best]!.add(col);
    }

  for (const [col, bases] of Object.entries(spec.derived ?? {}) as Array<[string, ReadonlyArray<string>]>)
    rows.forEach((_, i) => bases.some((b) => hidden[i]!.has(b)) && hidden[i]!.add(col));

  return rows.map((r, i) => {
    const out = { ...r } as Record<string, unknown>;
    for (const col of hidden[i]!) out[col] = null;
    return Object.assign(out, { suppressed: [...hidden[i]!].sort() }) as SuppressedRow<R>;
  });
}

/** One figure: the value when the count it rests on is at least `min`, else null. */
export function publishable<T>(value: T, basedOnCount: number, min = MIN_CELL): T | null {
  return basedOnCount > 0 && basedOnCount < min ? null : value;
}
