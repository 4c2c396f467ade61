import type { ArmComparisonReport } from '../../../app/evaluation/compare-experiment-arms.ts';
import type { Column, ColumnType, EvaluationTable, TableRow } from '../../../domain/evaluation/tables.ts';
import type { CostBenefit } from '../../../domain/statistics/costs.ts';
import type { Locale } from '../../i18n/locale.ts';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * The arm comparison and the cost-benefit account in the shape of an evaluation table, so that the
 * screen and the CSV (src/http/routes/evaluation-csv.ts) show them exactly as the other tables:
 * same columns, "<10" where a figure is suppressed.
 */
type Key = Parameters<ReturnType<typeof dashboardMessages>>[0];
const text = (msg: Key) => ({ nl: dashboardMessages('nl')(msg), en: dashboardMessages('en')(msg) });
const col = (key: string, msg: Key, type: ColumnType): Column => ({ key, type, label: text(msg) });
/** A row with the columns it hides ("<10"). */
const row = (values: Record<string, string | number | null>, suppressed: string[] = []): TableRow => ({ ...values, suppressed }) as TableRow;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function armRatesTable(report: ArmComparisonReport, locale: Locale, armLabel: (arm: string) => string): EvaluationTable {
  const rows = report.outcomes.flatMap((o) =>
    o.arms.map((a) => {
      // No households: nothing to hide, nothing to show ("–"); otherwise what compareArms withheld is "<10".
      const suppressed = a.n === 0 ? [] : a.n === null ? ['n', 'successes', 'rate', 'low', 'high'] : a.rate === null ? ['successes', 'rate', 'low', 'high'] : [];
      return row(
        {
          group: textIn(o.label, locale),
          arm: armLabel(a.arm),
          n: a.n,
          successes: a.successes,
          rate: a.rate ? r4(a.rate.rate) : null,
          low: a.rate ? r4(a.rate.low) : null,
          high: a.rate ? r4(a.rate.high) : null,
        },
        suppressed,
      );
    }),
  );
  return {
    key: 'arm-rates',
    title: text('ratesCaption'),
    dimension: 'arm',
    columns: [col('group', 'outcome', 'dimension'), col('arm', 'arm', 'dimension'), col('n', 'households', 'count'), col('successes', 'withOutcome', 'count'), col('rate', 'rate', 'share'), col('low', 'low', 'share'), col('high', 'high', 'share')],
    rows,
    notes: [],
  };
}

export function armTestsTable(report: ArmComparisonReport, locale: Locale, armLabel: (arm: string) => string): EvaluationTable {
  const t = dashboardMessages(locale);
  const rows = report.outcomes.flatMap((o) =>
    o.comparisons.map((c) =>
      row({
      group: textIn(o.label, locale),
      arm: armLabel(c.arm),
      reference: armLabel(c.reference),
      difference: c.difference === null ? null : Math.round(c.difference * 1000) / 10,
      test: c.test ? t(c.test.test === 'fisher-exact' ? 'testFisher' : 'testZ') : t('notTested'),
      pValue: c.test ? r4(c.test.pValue) : null,
      significant: c.significant === null ? t('notTested') : t(c.significant ? 'yes' : 'no'),
      reading: textIn(c.reading, locale),
      warnings: c.warnings.map((w) => textIn(w, locale)).join(' '),
    })),
  );
  return {
    key: 'arm-tests',
    title: text('testsCaption'),
    dimension: 'arm',
    columns: [
      col('group', 'outcome', 'dimension'),
      col('arm', 'arm', 'dimension'),
      col('reference', 'reference', 'dimension'),
      col('difference', 'difference', 'number'),
      col('test', 'test', 'dimension'),
      col('pValue', 'pValue', 'number'),
      col('significant', 'significant', 'dimension'),
      col('reading', 'reading', 'dimension'),
      col('warnings', 'warnings', 'dimension'),
    ],
    rows,
    notes: [],
  };
}

/** The residents' choices on their own page per arm (issue 24): what the consent question did. */
export function residentChoicesTable(report: ArmComparisonReport, armLabel: (arm: string) => string): EvaluationTable {
  const hidden = (c: ArmComparisonReport['residentChoices'][number]) => (['objected', 'consented', 'help'] as const).filter((k) => c[k] === null);
  return {
    key: 'arm-choices',
    title: text('choicesCaption'),
    dimension: 'arm',
    columns: [col('group', 'arm', 'dimension'), col('objected', 'choiceObjected', 'count'), col('consented', 'choiceConsented', 'count'), col('help', 'choiceHelp', 'count')],
    rows: report.residentChoices.map((c) => row({ group: armLabel(c.arm), objected: c.objected, consented: c.consented, help: c.help }, hidden(c))),
    notes: [{ nl: dashboardMessages('nl')('choicesNote'), en: dashboardMessages('en')('choicesNote') }],
  };
}

export function costsTable(cb: CostBenefit, locale: Locale): EvaluationTable {
  const t = dashboardMessages(locale);
  const party = { municipality: t('partyMunicipality'), creditor: t('partyCreditor'), society: t('partySociety') };
  const total = (msg: Key, amount: number | null) => row({ group: t(msg), party: '', kind: '', quantity: null, unitAmount: null, amount });
  return {
    key: 'costs',
    title: text('costsTitle'),
    dimension: 'total',
    columns: [col('group', 'item', 'dimension'), col('party', 'party', 'dimension'), col('kind', 'kind', 'dimension'), col('quantity', 'quantity', 'number'), col('unitAmount', 'unit', 'amount'), col('amount', 'amount', 'amount')],
    rows: [
      ...cb.lines.map((l) => row({ group: textIn(l.label, locale), party: party[l.party], kind: t(l.kind === 'cost' ? 'kindCost' : 'kindBenefit'), quantity: l.quantity, unitAmount: l.unitAmount, amount: l.amount })),
      total('totalCosts', cb.totalCosts),
      total('totalBenefits', cb.totalBenefits),
      total('net', cb.net),
      total('ratio', cb.benefitCostRatio),
    ],
    notes: [],
  };
}
