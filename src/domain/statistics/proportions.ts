import { errorFunction, gammaln } from 'simple-statistics';

/** Standard normal cumulative distribution, via the error function. */
const normalCdf = (z: number): number => 0.5 * (1 + errorFunction(z / Math.SQRT2));

export interface Interval {
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998 method 3): unlike the
 * textbook "rate ± 1.96·se" it stays within [0, 1] and behaves for small counts and rates near 0 or 1.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054): Interval {
  if (n <= 0) return { rate: 0, low: 0, high: 0 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TestResult {
  test: 'two-proportion-z' | 'fisher-exact';
  /** Two-sided p-value. */
  pValue: number;
  /** z statistic (z-test only). */
  z?: number;
}

/** Two-proportion z-test with pooled variance (equivalent to Pearson's χ² on the 2×2 table without continuity correction). */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { test: 'two-proportion-z', pValue: 1, z: 0 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { test: 'two-proportion-z', pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))), z };
}

const logChoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/**
 * Fisher's exact test on the 2×2 table [[x1, n1−x1], [x2, n2−x2]], two-sided: the summed
 * probability of every table with the same margins that is no more likely than the one observed.
 */
export function fisherExactTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  const successes = x1 + x2;
  const total = n1 + n2;
  const logP = (a: number) => logChoose(n1, a) + logChoose(n2, successes - a) - logChoose(total, successes);
  const observed = logP(x1);
  let p = 0;
  for (let a = Math.max(0, successes - n2); a <= Math.min(n1, successes); a++) {
    const lp = logP(a);
    // relative tolerance, as R's fisher.test, so ties in floating point count as "as extreme"
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return { test: 'fisher-exact', pValue: Math.min(1, p) };
}

/**
 * Compares two proportions with the test that fits the counts: Fisher's exact test when any
 * expected cell count is below 5 (Cochran's rule), the two-proportion z-test otherwise.
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): TestResult {
  const pooled = (x1 + x2) / (n1 + n2);
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  return expected.some((e) => e < 5) ? fisherExactTest(x1, n1, x2, n2) : twoProportionZTest(x1, n1, x2, n2);
}
