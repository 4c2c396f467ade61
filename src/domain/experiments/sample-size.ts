import { errorFunction, probit } from 'simple-statistics';

/**
 * How many households each arm needs to detect a difference between two proportions with a
 * two-sided test (Fleiss, Statistical Methods for Rates and Proportions, 2nd ed., §3.2): the
 * normal-approximation size, and the size with Fleiss's continuity correction, which the
 * z-test or Fisher test of the report needs in practice. Pure arithmetic; equal arms.
 */
const ALPHA = 0.05;
const POWER = 0.8;

export interface SampleSizeInput {
  /** The outcome rate expected in the reference arm (0 < p < 1). */
  baseline: number;
  /** The other arm's rate: the smallest difference that matters, as a rate (0 < p < 1, ≠ baseline). */
  compared: number;
  alpha?: number;
  power?: number;
}

export interface SampleSize {
  /** Per arm, normal approximation without continuity correction. */
  uncorrected: number;
  /** Per arm, with Fleiss's continuity correction: the figure to plan with. */
  perArm: number;
}

const normalCdf = (z: number): number => 0.5 * (1 + errorFunction(z / Math.SQRT2));

function check(baseline: number, compared: number, alpha: number, power: number): void {
  const rate = (x: number) => Number.isFinite(x) && x > 0 && x < 1;
  if (!rate(baseline) || !rate(compared)) throw new RangeError('rates must lie strictly between 0 and 1');
  if (baseline === compared) throw new RangeError('the rates must differ');
  if (!rate(alpha) || !rate(power)) throw new RangeError('alpha and power must lie strictly between 0 and 1');
}

export function sampleSizePerArm({ baseline: p1, compared: p2, alpha = ALPHA, power = POWER }: SampleSizeInput): SampleSize {
  check(p1, p2, alpha, power);
  const za = probit(1 - alpha / 2);
  const zb = probit(power);
  const pBar = (p1 + p2) / 2;
  const d = Math.abs(p1 - p2);
  const n = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / d ** 2;
  const corrected = (n / 4) * (1 + Math.sqrt(1 + 4 / (n * d))) ** 2;
  // A fraction of a household cannot be sampled: round up, after trimming floating-point noise.
  const up = (x: number) => Math.ceil(x - 1e-9);
  return { uncorrected: up(n), perArm: up(corrected) };
}

/**
 * The power a comparison had with n1 and n2 households in the arms (normal approximation, no
 * continuity correction): the chance it would have found the difference if it is really there.
 */
export function powerOf({ baseline: p1, compared: p2, alpha = ALPHA }: Omit<SampleSizeInput, 'power'>, n1: number, n2: number): number {
  check(p1, p2, alpha, POWER);
  if (n1 <= 0 || n2 <= 0) return 0;
  const za = probit(1 - alpha / 2);
  const pBar = (n1 * p1 + n2 * p2) / (n1 + n2);
  const seNull = Math.sqrt(pBar * (1 - pBar) * (1 / n1 + 1 / n2));
  const seAlt = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return normalCdf((Math.abs(p1 - p2) - za * seNull) / seAlt);
}
