import type { RetentionOverview, Tombstone } from '../../../app/privacy/retention-overview.ts';
import type { RetentionPolicy } from '../../../domain/privacy/retention.ts';
import { Alert, Button, DataList, Form, FormField, Heading, Paragraph, Table, Textbox } from '../../components/index.ts';
import { formatDate, formatDateTime } from '../../i18n/locale.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { useWeb } from '../../web-context.ts';
import { counted, privacyMessages } from './messages.ts';

type Key = Parameters<ReturnType<typeof privacyMessages>>[0];
type Run = RetentionOverview['runs'][number];
const TERMS: Array<[keyof RetentionPolicy, Key, string]> = [
  ['unpickedSignalMonths', 'unpicked', 'niet-opgepakt'],
  ['pickedUpSignalMonths', 'pickedUp', 'opgepakt'],
  ['caseMonthsAfterClosing', 'caseMonths', 'zaken'],
];

/** /privacy/bewaartermijnen: the terms (editable by whoever configures the municipality), the runs, the tombstones, and for the operator a run now. */
export function RetentionPage({ overview, canConfigure, notice, errors }: { overview: RetentionOverview; canConfigure: boolean; notice?: string | undefined; errors?: Partial<Record<string, string>> }) {
  const { locale } = useWeb();
  const t = privacyMessages(locale);
  const kind = (k: string) => (`k_${k}` in privacyMessages.messages.nl ? t(`k_${k}` as Key) : k);
  const detail = (r: Run) => {
    const d = (r.detail ?? {}) as { unpickedSignals?: number; pickedUpSignals?: number; cases?: number };
    return t('runDetail', { s: counted(t, 'signals', (d.unpickedSignals ?? 0) + (d.pickedUpSignals ?? 0)), c: counted(t, 'cases', d.cases ?? 0) });
  };
  const p = overview.policy;
  return (
    <>
      <Heading level={1}>{t('retentionTitle')}</Heading>
      <Paragraph>{t('retentionIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {p ? (
        <>
          <Heading level={2}>{t('terms')}</Heading>
          <Paragraph>{p.own && p.updatedAt ? t('termsOwn', { d: formatDate(locale, p.updatedAt) }) : t('termsDefault')}</Paragraph>
          {canConfigure ? (
            <Form action="/privacy/bewaartermijnen" label={t('terms')}>
              {TERMS.map(([k, label, name]) => (
                <FormField key={k} id={name} label={t(label)} error={errors?.[k]}>
                  <Textbox id={name} name={name} type="number" min={0} max={1200} value={p.terms[k]} required error={errors?.[k]} />
                </FormField>
              ))}
              <Button>{t('saveTerms')}</Button>
            </Form>
          ) : (
            <DataList items={TERMS.map(([k, label]) => ({ key: t(label), value: String(p.terms[k]) }))} />
          )}
        </>
      ) : null}
      {overview.mayRun ? (
        <>
          <Heading level={2}>{t('runs')}</Heading>
          <Table<Run>
            caption={t('runsCaption')}
            rows={overview.runs}
            rowKey={(r) => r.startedAt.toISOString()}
            empty={t('noRuns')}
            columns={[
              { key: 'start', header: t('colStarted'), cell: (r) => formatDateTime(locale, r.startedAt) },
              { key: 'end', header: t('colFinished'), cell: (r) => (r.finishedAt ? formatDateTime(locale, r.finishedAt) : '—') },
              { key: 'outcome', header: t('colOutcome'), cell: (r) => t(r.outcome === 'success' ? 'outcome_success' : r.outcome === 'error' ? 'outcome_error' : 'outcome_running') },
              { key: 'detail', header: t('colDetail'), cell: detail },
            ]}
          />
          <Form action="/beheer/bewaartermijnen/nu" label={t('runNow')}>
            <Paragraph>{t('runNowHelp')}</Paragraph>
            <Button appearance="secondary-action">{t('runNow')}</Button>
          </Form>
        </>
      ) : null}
      <Heading level={2}>{t('tombstones')}</Heading>
      <Table<Tombstone>
        caption={t('tombstonesCaption')}
        rows={overview.tombstones}
        rowKey={(r) => `${r.at.toISOString()}-${r.kind}-${r.municipality ?? ''}-${overview.tombstones.indexOf(r)}`}
        empty={t('noTombstones')}
        columns={[
          { key: 'at', header: t('colWhen'), cell: (r) => formatDateTime(locale, r.at) },
          ...(overview.policy ? [] : [{ key: 'm', header: t('colMunicipality'), cell: (r: Tombstone) => r.municipality ?? '—' }]),
          { key: 'kind', header: t('colKind'), cell: (r) => kind(r.kind) },
          { key: 'why', header: t('colWhy'), cell: (r) => textIn(r.reason, locale) },
          {
            key: 'n',
            header: t('colCounts'),
            cell: (r) => [t('counts', { s: counted(t, 'signals', r.signals), c: counted(t, 'cases', r.cases), b: counted(t, 'batchRows', r.batchRows) }), ...Object.entries(r.records).map(([k, v]) => `${k}: ${v}`)].join('; '),
          },
        ]}
      />
    </>
  );
}
