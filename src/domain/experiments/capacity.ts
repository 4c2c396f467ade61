/**
 * Capacity check (deck Q&A): the municipality must act on every signal, so the signals it can
 * expect per month must fit the capacity it states. Compares, per participating municipality, the
 * stated capacity with the expected signals per month and, once running, with the busiest month
 * actually received.
 */
export interface CapacityEntry {
  municipalityCode: string;
  capacityPerMonth: number;
  expectedPerMonth: number | null;
}

export interface ObservedMonth {
  municipalityCode: string;
  /** 'YYYY-MM' */
  month: string;
  signals: number;
}

export type CapacityVerdict = 'fits' | 'over_capacity' | 'capacity_missing' | 'expected_missing';

export interface CapacityLine {
  municipalityCode: string;
  capacityPerMonth: number | null;
  expectedPerMonth: number | null;
  /** The busiest month received so far, if any. */
  observedMaxPerMonth: number | null;
  observedMaxMonth: string | null;
  /** The larger of expected and observed, divided by capacity. */
  utilisation: number | null;
  verdict: CapacityVerdict;
}

export interface CapacityCheck {
  fits: boolean;
  lines: CapacityLine[];
}

export function checkCapacity(municipalities: readonly string[], entries: readonly CapacityEntry[], observed: readonly ObservedMonth[] = []): CapacityCheck {
  const byCode = new Map(entries.map((e) => [e.municipalityCode, e]));
  const codes = [...new Set([...municipalities, ...entries.map((e) => e.municipalityCode)])].sort();
  const lines = codes.map((code): CapacityLine => {
    const e = byCode.get(code);
    const peak = observed.filter((o) => o.municipalityCode === code).reduce<ObservedMonth | null>((m, o) => (m === null || o.signals > m.signals ? o : m), null);
    const observedMax = peak?.signals ?? null;
    const demand = Math.max(e?.expectedPerMonth ?? -1, observedMax ?? -1);
    const base = { municipalityCode: code, capacityPerMonth: e?.capacityPerMonth ?? null, expectedPerMonth: e?.expectedPerMonth ?? null, observedMaxPerMonth: observedMax, observedMaxMonth: peak?.month ?? null };
    if (!e) return { ...base, utilisation: null, verdict: 'capacity_missing' };
    if (demand < 0) return { ...base, utilisation: null, verdict: 'expected_missing' };
    const utilisation = e.capacityPerMonth === 0 ? (demand === 0 ? 0 : Number.POSITIVE_INFINITY) : demand / e.capacityPerMonth;
    return { ...base, utilisation: Number.isFinite(utilisation) ? Math.round(utilisation * 1000) / 1000 : null, verdict: demand > e.capacityPerMonth ? 'over_capacity' : 'fits' };
  });
  return { fits: lines.length > 0 && lines.every((l) => l.verdict === 'fits'), lines };
}
