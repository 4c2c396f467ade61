/**
 * The simulation's own parameters (src/simulation/params/simulation.params.yaml): how creditors deliver and how
 * municipalities work their queues. Checked here so a wrong number fails with its path.
 */
import { isContactType, isEndResult, isPartOfDay, type ContactType, type EndResult, type PartOfDay } from '../../domain/worklist/ddas.ts';

export interface SimulationParams {
  delivery: { fileShareOfSenders: number; apiChunk: number };
  work: {
    casesPerFtePerMonth: number;
    contactDelayDays: { crisis: readonly [number, number]; other: readonly [number, number] };
    partOfDay: Readonly<Record<PartOfDay, number>>;
    contactType: Readonly<Record<string, ContactType>>;
  };
  outcomes: { reached: Readonly<Partial<Record<EndResult, number>>>; notReached: Readonly<Partial<Record<EndResult, number>>> };
}

export class SimulationParamsError extends Error {}

const fail = (path: string, why: string): never => {
  throw new SimulationParamsError(`src/simulation/params/simulation.params.yaml ${path}: ${why}`);
};
const obj = (v: unknown, path: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, 'expected a mapping'));
const num = (v: unknown, path: string, min = 0, max = Number.POSITIVE_INFINITY): number => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(path, `expected a number from ${min} to ${max}`));
function range(v: unknown, path: string): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2) return fail(path, 'expected [low, high]');
  const lo = num(v[0], `${path}[0]`);
  const hi = num(v[1], `${path}[1]`, lo);
  return [lo, hi];
}
function weights<K extends string>(v: unknown, path: string, isKey: (k: string) => k is K): Partial<Record<K, number>> {
  const o = obj(v, path);
  const out: Partial<Record<K, number>> = {};
  for (const [k, w] of Object.entries(o)) {
    if (!isKey(k)) fail(`${path}.${k}`, 'not a value of the DDAS vocabulary');
    out[k as K] = num(w, `${path}.${k}`);
  }
  if (Object.values(out).reduce((a: number, b) => a + (b as number), 0) <= 0) fail(path, 'weights must have a positive sum');
  return out;
}

export function parseSimulationParams(raw: unknown): SimulationParams {
  const r = obj(raw, '(root)');
  const d = obj(r.delivery, 'delivery');
  const w = obj(r.work, 'work');
  const delay = obj(w.contact_delay_days, 'work.contact_delay_days');
  const o = obj(r.outcomes, 'outcomes');
  const types = obj(w.contact_type, 'work.contact_type');
  const contactType: Record<string, ContactType> = {};
  for (const [channel, t] of Object.entries(types)) contactType[channel] = typeof t === 'string' && isContactType(t) ? t : fail(`work.contact_type.${channel}`, 'not a DDAS contact type');
  return {
    delivery: { fileShareOfSenders: num(d.file_share_of_senders, 'delivery.file_share_of_senders', 0, 1), apiChunk: num(d.api_chunk, 'delivery.api_chunk', 1, 1000) },
    work: {
      casesPerFtePerMonth: num(w.cases_per_fte_per_month, 'work.cases_per_fte_per_month', 1),
      contactDelayDays: { crisis: range(delay.crisis, 'work.contact_delay_days.crisis'), other: range(delay.other, 'work.contact_delay_days.other') },
      partOfDay: weights(w.part_of_day, 'work.part_of_day', isPartOfDay) as Record<PartOfDay, number>,
      contactType,
    },
    outcomes: { reached: weights(o.reached, 'outcomes.reached', isEndResult), notReached: weights(o.not_reached, 'outcomes.not_reached', isEndResult) },
  };
}
