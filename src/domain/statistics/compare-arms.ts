import type { LocalizedText } from '../rules/judgement.ts';
import { compareProportions, wilsonInterval, type Interval, type TestResult } from './proportions.ts';
import { MIN_CELL } from './suppress.ts';

/** Below this many per arm a comparison is shown, with a warning that it cannot carry a conclusion. */
const SMALL_GROUP = 30;
const ALPHA = 0.05;

export interface ArmCount {
  arm: string;
  /** Cases in the arm (the denominator). */
  n: number;
  /** Cases with the outcome. */
  successes: number;
}

export interface ArmRate {
  arm: string;
  /** Null when suppressed (cell below 10). */
  n: number | null;
  successes: number | null;
  rate: Interval | null;
}

export interface ArmComparison {
  arm: string;
  reference: string;
  /** Difference in rate (arm − reference), null when either side is suppressed. */
  difference: number | null;
  test: TestResult | null;
  significant: boolean | null;
  warnings: LocalizedText[];
  reading: LocalizedText;
}

export interface OutcomeComparison {
  outcome: string;
  label: LocalizedText;
  arms: ArmRate[];
  comparisons: ArmComparison[];
}

const pct = (x: number, lang: 'nl' | 'en') => `${(x * 100).toFixed(0)}%`.replace('.', lang === 'nl' ? ',' : '.');
const pval = (p: number, lang: 'nl' | 'en') => {
  const s = p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
  return lang === 'nl' ? s.replace('.', ',') : s;
};
const hidden = (c: ArmCount) => c.n < MIN_CELL || (c.successes > 0 && c.successes < MIN_CELL) || (c.n - c.successes > 0 && c.n - c.successes < MIN_CELL);

function rateOf(c: ArmCount): ArmRate {
  if (hidden(c)) return { arm: c.arm, n: c.n < MIN_CELL && c.n > 0 ? null : c.n, successes: null, rate: null };
  return { arm: c.arm, n: c.n, successes: c.successes, rate: wilsonInterval(c.successes, c.n) };
}

/** How a reading names an arm: its own name where the caller knows it, else its key. */
type ArmNamer = (arm: string) => LocalizedText;
const byKey: ArmNamer = (arm) => ({ nl: arm, en: arm });

function describe(label: LocalizedText, a: ArmCount, r: ArmCount, test: TestResult, lang: 'nl' | 'en', showRates: boolean, name: ArmNamer): string {
  const ia = wilsonInterval(a.successes, a.n);
  const ir = wilsonInterval(r.successes, r.n);
  const diff = Math.round((ia.rate - ir.rate) * 100);
  const sig = test.pValue < ALPHA;
  if (lang === 'nl') {
    const rates = showRates
      ? `${label.nl}: in groep ${name(a.arm).nl} ${pct(ia.rate, 'nl')} (95%-betrouwbaarheidsinterval ${pct(ia.low, 'nl')}–${pct(ia.high, 'nl')}), in referentiegroep ${name(r.arm).nl} ${pct(ir.rate, 'nl')} (${pct(ir.low, 'nl')}–${pct(ir.high, 'nl')}). `
      : `${label.nl}: de aantallen zijn te klein om te tonen. `;
    const verdict = sig
      ? `Het verschil${showRates ? ` van ${Math.abs(diff)} procentpunt ${diff >= 0 ? 'hoger' : 'lager'}` : ''} is statistisch significant (p ${pval(test.pValue, 'nl')}): het is onwaarschijnlijk dat het alleen door toeval komt.`
      : `Er is geen statistisch significant verschil (p ${pval(test.pValue, 'nl')}); dat bewijst niet dat er geen verschil is, alleen dat deze gegevens het niet aantonen.`;
    return rates + verdict;
  }
  const rates = showRates
    ? `${label.en}: in group ${name(a.arm).en} ${pct(ia.rate, 'en')} (95% confidence interval ${pct(ia.low, 'en')}–${pct(ia.high, 'en')}), in reference group ${name(r.arm).en} ${pct(ir.rate, 'en')} (${pct(ir.low, 'en')}–${pct(ir.high, 'en')}). `
    : `${label.en}: the counts are too small to show. `;
  const verdict = sig
    ? `The difference${showRates ? ` of ${Math.abs(diff)} percentage points ${diff >= 0 ? 'higher' : 'lower'}` : ''} is statistically significant (p ${pval(test.pValue, 'en')}): it is unlikely to be due to chance alone.`
    : `There is no statistically significant difference (p ${pval(test.pValue, 'en')}); that does not prove there is none, only that these data do not show one.`;
  return rates + verdict;
}

/**
 * Compares an outcome rate between experiment arms: each arm against the reference arm, with
 * Wilson intervals, the fitting test, a plain-language reading (Dutch and English) and warnings
 * where groups are too small. Counts and rates under 10 are not shown (suppression). The texts name
 * each arm by `name` (the experiment's own group names), by its key without it.
 */
export function compareArms(outcome: string, label: LocalizedText, counts: readonly ArmCount[], reference?: string, name: ArmNamer = byKey): OutcomeComparison {
  const ref = counts.find((c) => c.arm === reference) ?? counts[0];
  const arms = counts.map(rateOf);
  const comparisons: ArmComparison[] = [];
  if (ref)
    for (const a of counts) {
      if (a.arm === ref.arm) continue;
      const warnings: LocalizedText[] = [];
      if (a.n < MIN_CELL || ref.n < MIN_CELL) {
        warnings.push({
          nl: `Groep ${name(a.n < MIN_CELL ? a.arm : ref.arm).nl} heeft minder dan ${MIN_CELL} huishoudens: er valt niets te concluderen en er wordt niets getoond.`,
          en: `Group ${name(a.n < MIN_CELL ? a.arm : ref.arm).en} has fewer than ${MIN_CELL} households: nothing can be concluded and nothing is shown.`,
        });
        comparisons.push({ arm: a.arm, reference: ref.arm, difference: null, test: null, significant: null, warnings, reading: { nl: warnings[0]!.nl, en: warnings[0]!.en } });
        continue;
      }
      const test = compareProportions(a.successes, a.n, ref.successes, ref.n);
      if (a.n < SMALL_GROUP || ref.n < SMALL_GROUP)
        warnings.push({
          nl: `Kleine groepen (minder dan ${SMALL_GROUP}): de uitkomst is onzeker; trek er geen conclusie uit zonder meer gegevens.`,
          en: `Small groups (fewer than ${SMALL_GROUP}): the result is uncertain; do not draw a conclusion without more data.`,
        });
      if (test.test === 'fisher-exact')
        warnings.push({
          nl: 'Weinig gevallen met of zonder deze uitkomst: daarom is de exacte toets van Fisher gebruikt.',
          en: "Few cases with or without this outcome: Fisher's exact test was used.",
        });
      const showRates = !hidden(a) && !hidden(ref);
      comparisons.push({
        arm: a.arm,
        reference: ref.arm,
        difference: showRates ? a.successes / a.n - ref.successes / ref.n : null,
        test,
        significant: test.pValue < ALPHA,
        warnings,
        reading: { nl: describe(label, a, ref, test, 'nl', showRates, name), en: describe(label, a, ref, test, 'en', showRates, name) },
      });
    }
  return { outcome, label, arms, comparisons };
}
