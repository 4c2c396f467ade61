import type { CalibrationStatus } from '../../../app/capacity/calibration-report.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { Heading, Link, Paragraph, Table } from '../../components/index.ts';
import { formatNumber, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { calibrationMessages } from './calibration-messages.ts';

type CalibrationReport = CalibrationStatus['reports'][number];
type CalibrationRow = CalibrationReport['rows'][number];

const pct = (locale: Locale, v: number) => `${formatNumber(locale, Math.round(v * 1000) / 10)} %`;
const valueText = (locale: Locale, v: number, unit: CalibrationRow['unit']) => (unit === 'share' ? pct(locale, v) : formatNumber(locale, Math.round(v * 100) / 100));
const signed = (locale: Locale, v: number) => `${v >= 0 ? '+' : '−'}${pct(locale, Math.abs(v))}`;

function FiguresTable({ report, locale }: { report: CalibrationReport; locale: Locale }) {
  const t = calibrationMessages(locale);
  const band = report.band * 100;
  return (
    <Table<CalibrationRow>
      caption={t('figuresCaption', { year: report.year, seed: report.seed, signals: formatNumber(locale, report.signals), cases: formatNumber(locale, report.cases) })}
      rows={report.rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'figure', header: t('figure'), cell: (r) => textIn(r.label, locale) },
        { key: 'public', header: t('publicValue'), numeric: true, cell: (r) => valueText(locale, r.value, r.unit) },
        { key: 'simulated', header: t('simulated'), numeric: true, cell: (r) => valueText(locale, r.simulated, r.unit) },
        { key: 'difference', header: t('difference'), numeric: true, cell: (r) => signed(locale, r.relativeDifference) },
        { key: 'within', header: t('within', { band }), cell: (r) => (r.withinBand ? t('yes') : t('no')) },
        { key: 'source', header: t('source'), cell: (r) => r.source },
        { key: 'definition', header: t('definition'), cell: (r) => textIn(r.definition, locale) },
      ]}
    />
  );
}

function InflowTable({ report, locale }: { report: CalibrationReport; locale: Locale }) {
  const t = calibrationMessages(locale);
  const rows = Object.entries(report.inflow.byType)
    .map(([type, n]) => ({ type, n, total: n.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  const ratio = (n: number[]) => {
    const summer = n[5]! + n[6]! + n[7]!;
    return summer > 0 ? formatNumber(locale, Math.round(((n[0]! + n[1]! + n[11]!) / summer) * 100) / 100) : '—';
  };
  return (
    <Table<(typeof rows)[number]>
      caption={t('inflowCaption', { year: report.year, seed: report.seed })}
      rows={rows}
      rowKey={(r) => r.type}
      columns={[
        { key: 'type', header: t('signalType'), cell: (r) => r.type },
        ...report.inflow.months.map((m, i) => ({ key: m, header: m, numeric: true, cell: (r: (typeof rows)[number]) => formatNumber(locale, r.n[i]!) })),
        { key: 'ratio', header: t('winterSummer'), numeric: true, cell: (r) => ratio(r.n) },
      ]}
    />
  );
}

/** The calibration report for coordinators (issue 25): public figures beside the simulated year, per seed, and the inflow per type and month. */
export function CalibrationPage({ status }: { status: CalibrationStatus }) {
  const { locale } = useWeb();
  const t = calibrationMessages(locale);
  const band = status.band * 100;
  const first = status.reports[0];
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('intro', { municipalities: status.municipalities.join(', '), scale: status.scale, band })}</Paragraph>
      <Paragraph>{t('notCalibrated')}</Paragraph>
      {status.reports.map((r) => (
        <section key={r.seed} className="vs-section" aria-labelledby={`seed-${r.seed}`}>
          <Heading level={2} id={`seed-${r.seed}`}>
            {t('seedHeading', { seed: r.seed })}
          </Heading>
          <FiguresTable report={r} locale={locale} />
          <Paragraph>{t('summary', { within: r.rows.filter((x) => x.withinBand).length, figures: r.rows.length, band })}</Paragraph>
          <Paragraph small>{t('command', { seed: r.seed, scale: status.scale })}</Paragraph>
        </section>
      ))}
      {first ? (
        <section className="vs-section" aria-labelledby="instroom">
          <Heading level={2} id="instroom">
            {t('inflowHeading')}
          </Heading>
          <InflowTable report={first} locale={locale} />
          <Paragraph small>{t('inflowNote')}</Paragraph>
        </section>
      ) : null}
      <Paragraph>
        <Link href="/wat-als">{t('back')}</Link>
      </Paragraph>
    </>
  );
}
