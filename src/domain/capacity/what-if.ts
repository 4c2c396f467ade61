/**
 * The capacity what-if (issue 9 point 3): the expected signals per month per municipality under the
 * current and a proposed selection (or with a new signal type), against the capacity each
 * municipality states. The verdict per line is the experiments' own capacity check
 * (src/domain/experiments/capacity.ts), so the what-if and the experiment page never disagree.
 */
import { checkCapacity, type CapacityVerdict } from '../experiments/capacity.ts';
import type { Forecast, ForecastNote } from './forecast.ts';

/** One line of an experiment's capacity data: what a municipality says it can act on per month. */
export interface CapacityStatement {
  experimentId: string;
  /** The experiment's signal type: its capacity is stated for these signals. Null: for any signal (stated by hand). */
  signalType: string | null;
  municipalityCode: string;
  capacityPerMonth: number;
}

export interface StatedCapacity {
  capacityPerMonth: number;
  /** The experiments the figure comes from. */
  experiments: string[];
}

/**
 * Which stated capacity applies: with an experiment chosen, that experiment's figures; otherwise
 * the figures of every experiment whose signal is among the signal types of the what-if, summed per
 * municipality (each experiment states the capacity for its own signal).
 */
export function statedCapacity(statements: readonly CapacityStatement[], scope: { experimentId?: string | undefined; signalTypes: readonly string[] }): Map<string, StatedCapacity> {
  const types = new Set(scope.signalTypes);
  const out = new Map<string, StatedCapacity>();
  for (const s of statements) {
    const applies = scope.experimentId ? s.experimentId === scope.experimentId : s.signalType === null || types.has(s.signalType);
    if (!applies) continue;
    const c = out.get(s.municipalityCode) ?? { capacityPerMonth: 0, experiments: [] };
    c.capacityPerMonth += s.capacityPerMonth;
    if (!c.experiments.includes(s.experimentId)) c.experiments.push(s.experimentId);
    out.set(s.municipalityCode, c);
  }
  return out;
}

export interface WhatIfCell {
  key: string;
  perMonth: number;
  peakPerMonth: number;
  peakMonth: string;
  /** Lowest and highest per month over the forecast's seeds; absent with one run. */
  interval?: { low: number; high: number };
  /** perMonth divided by the capacity; null without a stated capacity. */
  utilisation: number | null;
  verdict: CapacityVerdict;
  /** The mean fits but the busiest month does not. */
  peakOverCapacity: boolean;
}

export interface WhatIfRow {
  municipalityCode: string;
  name: string;
  capacity: StatedCapacity | null;
  cells: WhatIfCell[];
  /** Change of the last scenario against the first, signals per month. */
  change: number;
}

export interface WhatIfResult {
  months: string[];
  scenarios: string[];
  /** The seeds the forecast was repeated on (one entry: no interval). */
  seeds: number[];
  rows: WhatIfRow[];
  notes: ForecastNote[];
  /** Municipalities without a stated capacity: said explicitly, never a silent blank. */
  withoutCapacity: string[];
}

export function compareWithCapacity(forecast: Forecast, capacity: ReadonlyMap<string, StatedCapacity>): WhatIfResult {
  const codes = forecast.municipalities.map((m) => m.municipalityCode);
  const keys = forecast.municipalities[0]?.scenarios.map((s) => s.key) ?? [];
  const checks = keys.map((_, k) =>
    checkCapacity(
      codes,
      codes.flatMap((code) => {
        const c = capacity.get(code);
        const f = forecast.municipalities.find((m) => m.municipalityCode === code)!;
        return c ? [{ municipalityCode: code, capacityPerMonth: c.capacityPerMonth, expectedPerMonth: Math.round(f.scenarios[k]!.perMonth) }] : [];
      }),
    ),
  );
  const rows = forecast.municipalities.map((m): WhatIfRow => {
    const c = capacity.get(m.municipalityCode) ?? null;
    const cells = m.scenarios.map((s, k): WhatIfCell => {
      const line = checks[k]!.lines.find((l) => l.municipalityCode === m.municipalityCode)!;
      return {
        key: s.key,
        perMonth: s.perMonth,
        peakPerMonth: s.peakPerMonth,
        peakMonth: s.peakMonth,
        ...(s.interval ? { interval: s.interval } : {}),
        utilisation: line.utilisation,
        verdict: line.verdict,
        peakOverCapacity: c !== null && line.verdict === 'fits' && s.peakPerMonth > c.capacityPerMonth,
      };
    });
    const firstN = cells[0]?.perMonth ?? 0;
    const lastN = cells[cells.length - 1]?.perMonth ?? 0;
    return { municipalityCode: m.municipalityCode, name: m.name, capacity: c, cells, change: Math.round((lastN - firstN) * 10) / 10 };
  });
  return { months: forecast.months, scenarios: keys, seeds: forecast.seeds ?? [forecast.seed], rows, notes: forecast.notes, withoutCapacity: rows.filter((r) => r.capacity === null).map((r) => r.municipalityCode) };
}
