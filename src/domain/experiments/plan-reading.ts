import type { LocalizedText } from '../rules/judgement.ts';
import { MIN_CELL } from '../statistics/suppress.ts';
import { OUTCOME_LABELS, QUESTION_LABELS, type AnalysisPlan, type QuestionVerdict } from './analysis-plan.ts';

/**
 * The report's reading of the pre-registered plan against what happened: the plan as frozen, and
 * per deck question whether the experiment had the households to answer it. Counts below the
 * small-cell threshold are not shown, as everywhere in the report.
 */
const pct = (x: number, lang: 'nl' | 'en') => (lang === 'nl' ? String(Math.round(x * 10) / 10).replace('.', ',') : String(Math.round(x * 10) / 10));
const count = (n: number) => (n > 0 && n < MIN_CELL ? `< ${MIN_CELL}` : String(n));

export function planReading(plan: AnalysisPlan, frozenOn: string | null, verdicts: readonly QuestionVerdict[]): LocalizedText[] {
  const lines: LocalizedText[] = [
    {
      nl: `Vooraf geregistreerd${frozenOn ? `, vastgelegd sinds de start (${frozenOn})` : ' (nog niet vastgelegd: het experiment is niet gestart)'}: primaire uitkomst "${OUTCOME_LABELS[plan.primaryOutcome].nl}"; kleinste relevante verschil ${pct(plan.minimalEffectPts, 'nl')} procentpunt bij ${pct(plan.baselinePct, 'nl')}% in de referentiegroep; nodig ${plan.neededPerArm} huishoudens per groep (alfa 0,05, power 0,8).`,
      en: `Pre-registered${frozenOn ? `, frozen since the start (${frozenOn})` : ' (not frozen yet: the experiment has not started)'}: primary outcome "${OUTCOME_LABELS[plan.primaryOutcome].en}"; smallest difference that matters ${pct(plan.minimalEffectPts, 'en')} percentage points at ${pct(plan.baselinePct, 'en')} % in the reference group; ${plan.neededPerArm} households needed per group (alpha 0.05, power 0.8).`,
    },
  ];
  for (const v of verdicts) {
    const q = QUESTION_LABELS[v.question];
    if (v.verdict === 'not_in_design' || !v.observed) {
      lines.push({ nl: `${q.nl}: geen experimentgroepen die dit vergelijken; dit experiment beantwoordt de vraag niet.`, en: `${q.en}: no experiment groups compare this; this experiment does not answer the question.` });
      continue;
    }
    const power = Math.round((v.power ?? 0) * 100);
    const groups = { nl: `${v.arm} (${count(v.observed.arm)}) tegenover ${v.reference} (${count(v.observed.reference)} huishoudens)`, en: `${v.arm} (${count(v.observed.arm)}) against ${v.reference} (${count(v.observed.reference)} households)` };
    const shown = v.differencePts !== null && Math.min(v.observed.arm, v.observed.reference) >= MIN_CELL;
    const found = shown
      ? {
          nl: ` Gevonden verschil: ${pct(v.differencePts!, 'nl')} procentpunt, ${v.reachesMinimalEffect ? 'minstens' : 'kleiner dan'} het kleinste relevante verschil.`,
          en: ` Difference found: ${pct(v.differencePts!, 'en')} percentage points, ${v.reachesMinimalEffect ? 'at least' : 'less than'} the smallest difference that matters.`,
        }
      : { nl: '', en: '' };
    lines.push(
      v.verdict === 'answerable'
        ? { nl: `${q.nl}: ${groups.nl} — genoeg om het geplande verschil te vinden (power ${power}%).${found.nl}`, en: `${q.en}: ${groups.en} — enough to find the planned difference (power ${power} %).${found.en}` }
        : {
            nl: `${q.nl}: ${groups.nl} — te weinig: met deze aantallen had het experiment ${power}% kans het geplande verschil te vinden; de vraag is niet te beantwoorden.${found.nl}`,
            en: `${q.en}: ${groups.en} — too few: with these numbers the experiment had a ${power} % chance to find the planned difference; the question cannot be answered.${found.en}`,
          },
    );
  }
  return lines;
}
