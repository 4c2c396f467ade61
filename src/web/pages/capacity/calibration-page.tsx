import type { CalibrationStatus } from '../../../app/capacity/calibration-report.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { Button, Checkbox, Fieldset, Form, FormField, Heading, Link, Paragraph, ProblemsAlert, Table } from '../../components/index.ts';
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

function InflowTable({ report, locale, typeName }: { report: CalibrationReport; locale: Locale; typeName: (type: string) => string }) {
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
        { key: 'type', header: t('signalType'), cell: (r) => typeName(r.type) },
        ...report.inflow.months.map((m, i) => ({ key: m, header: m, numeric: true, cell: (r: (typeof rows)[number]) => formatNumber(locale, r.n[i]!) })),
        { key: 'ratio', header: t('winterSummer'), numeric: true, cell: (r) => ratio(r.n) },
      ]}
    />
  );
}

export interface CalibrationPageProps {
  /** Null when the chosen set was refused (problems say why). */
  status: CalibrationStatus | null;
  /** The municipalities that can be chosen, and those ticked. */
  municipalities: Array<{ code: string; name: string }>;
  chosen: readonly string[];
  problems: string[];
  /** A signal type's name from the rule book in the page's language. */
  typeName: (type: string) => string;
}

/** The calibration report for coordinators (issue 25): public figures beside the simulated year, per seed, and the inflow per type and month, for a set of municipalities. */
export function CalibrationPage({ status, municipalities, chosen, problems, typeName }: CalibrationPageProps) {
  const { locale } = useWeb();
  const t = calibrationMessages(locale);
  const first = status?.reports[0];
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('lead')}</Paragraph>
      <Paragraph>{t('notCalibrated')}</Paragraph>
      <ProblemsAlert lead={`${t('problems')}:`} problems={problems} />
      <section className="vs-section" aria-labelledby="set">
        <Heading level={2} id="set">
          {t('setHeading')}
        </Heading>
        <Form action="/wat-als/kalibratie" method="get" label={t('setHeading')}>
          <Fieldset legend={t('municipalities')} description={t('municipalitiesHelp')}>
            {municipalities.map((m) => (
              <FormField key={m.code} id={`municipality-${m.code}`} label={`${m.name} (${m.code})`} kind="checkbox">
                <Checkbox id={`municipality-${m.code}`} name="municipality" value={m.code} checked={chosen.includes(m.code)} />
              </FormField>
            ))}
          </Fieldset>
          <Button type="submit">{t('submit')}</Button>
        </Form>
      </section>
      {status ? (
        <Paragraph>
          {t(status.representative ? 'intro' : 'introChosen', {
            municipalities: status.municipalities.map((c) => municipalities.find((m) => m.code === c)?.name ?? c).join(', '),
            scale: formatNumber(locale, status.scale),
            band: status.band * 100,
          })}
        </Paragraph>
      ) : null}
      {status?.reports.map((r) => (
        <section key={r.seed} className="vs-section" aria-labelledby={`seed-${r.seed}`}>
          <Heading level={2} id={`seed-${r.seed}`}>
            {t('seedHeading', { seed: r.seed })}
          </Heading>
          <FiguresTable report={r} locale={locale} />
          <Paragraph>{t('summary', { within: r.rows.filter((x) => x.withinBand).length, figures: r.rows.length, band: status.band * 100 })}</Paragraph>
          <Paragraph small>{t('command', { seed: r.seed, scale: status.scale, municipalities: status.municipalities.join(',') })}</Paragraph>
        </section>
      ))}
      {first ? (
        <section className="vs-section" aria-labelledby="instroom">
          <Heading level={2} id="instroom">
            {t('inflowHeading')}
          </Heading>
          <InflowTable report={first} locale={locale} typeName={typeName} />
          <Paragraph small>{t('inflowNote')}</Paragraph>
        </section>
      ) : null}
      <Paragraph>
        <Link href="/wat-als">{t('back')}</Link>
      </Paragraph>
    </>
  );
}
