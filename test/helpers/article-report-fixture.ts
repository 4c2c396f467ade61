import type { ArticleReport } from '../../src/app/evaluation/build-article-report.ts';
import type { EvaluationCells } from '../../src/domain/evaluation/cells.ts';
import { buildEvaluationTables, type EvaluationTable, type TableRow } from '../../src/domain/evaluation/tables.ts';
import { reportDue } from '../../src/domain/evaluation/report-due.ts';
import { compareArms } from '../../src/domain/statistics/compare-arms.ts';
import { computeCostBenefit } from '../../src/domain/statistics/costs.ts';

const NO_CELLS: EvaluationCells = { signals: [], refused: [], reasons: [], cases: [], firstContactBasis: 'contact_attempts' };

/**
 * The report's real tables (titles, columns, notes as the domain defines them) with made-up
 * figures in their rows: `groups` rows per table, the last of them suppressed when `suppressLast`.
 */
function withFigures(tables: EvaluationTable[], groups: string[], suppressLast: boolean): EvaluationTable[] {
  return tables.map((t) => ({
    ...t,
    rows: groups.map((group, g): TableRow => {
      const small = suppressLast && g === groups.length - 1;
      const values: Record<string, string | number | null> = { group };
      const suppressed: string[] = [];
      t.columns.slice(1).forEach((c, j) => {
        if (c.type === 'dimension') values[c.key] = t.key === 'refusals' ? (j === 0 ? 'SIGNAL_TYPE_NOT_ALLOWED' : 'TR art. 2') : group;
        else if (small && c.type === 'count') {
          values[c.key] = null;
          suppressed.push(c.key);
        } else values[c.key] = small ? null : c.type === 'share' ? 0.1 + 0.07 * j : c.type === 'amount' ? 1234.56 : 40 + 17 * (8 - j) + 11 * g;
      });
      return Object.assign(values, { suppressed }) as TableRow;
    }),
  }));
}

/**
 * An art. 1.3 report with the domain's table definitions and made-up figures (three
 * municipalities, one suppressed; two arms), without a database: for rendering tests and the
 * PDF screenshot.
 */
export function articleReportFixture(): ArticleReport {
  const partnerOf = () => 'Huur' as const;
  return {
    subject: { id: 'exp', name: { nl: 'Proef huurachterstand zonder toestemming', en: 'Rent arrears trial without consent' }, signalTypes: ['rent'], municipalities: ['GM0363', 'GM0344', 'GM0599'], arms: [] },
    regulation: { id: 'tijdelijke-regeling', title: 'Tijdelijke regeling signaal betalingsachterstanden', url: 'https://wetten.overheid.nl/BWBR0046426', inForceFrom: '2022-01-01' },
    due: reportDue('2022-01-01', '2024-11-15'),
    period: { from: '2025-01-01', to: '2025-12-31' },
    generatedAt: '2026-01-05T10:00:00.000Z',
    tables: withFigures(buildEvaluationTables(NO_CELLS, 'total', partnerOf), ['totaal'], false),
    byMunicipality: withFigures(buildEvaluationTables(NO_CELLS, 'municipality', partnerOf).filter((t) => t.key === 'overlap' || t.key === 'funnel'), ['GM0344', 'GM0363', 'GM0599'], true),
    comparisons: [
      compareArms('reached', { nl: 'Bereikt', en: 'Reached' }, [
        { arm: 'exp/a', n: 52, successes: 36 },
        { arm: 'exp/b', n: 48, successes: 31 },
      ]),
    ],
    costs: computeCostBenefit({ signalsDelivered: 92, signalsHandled: 61, creditorOrganisations: 2 }),
    costsAreDefaults: true,
  };
}
