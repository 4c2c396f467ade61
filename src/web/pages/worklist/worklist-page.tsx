import type { WorklistView } from '../../../app/worklist/list-worklist.ts';
import { Alert, Button, Checkbox, Form, FormField, Heading, Link, Paragraph, Select, Table, Textbox, type Column } from '../../components/index.ts';
import { formatMoneyCents, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { worklistMessages } from './messages.ts';
import { addressOfKey, DueCell, FlagBadges, rowClassOf } from './parts.tsx';
import { WarmTransferBadge } from '../resident/warm-transfer-badge.tsx';
import type { RuleData } from './rule-data.ts';

type Row = WorklistView['rows'][number];

/** Keeps the current filters in links (queue tabs, pages) while changing one of them. */
function worklistHref(f: WorklistView['filters'], change: Record<string, string | number | boolean>): string {
  const p = new URLSearchParams();
  const all = { ...f, ...change } as Record<string, string | number | boolean>;
  for (const [k, v] of Object.entries(all)) {
    if (v === '' || v === false || (k === 'queue' && v === 'all') || (k === 'status' && v === 'active') || (k === 'sort' && v === 'due') || (k === 'page' && v === 1)) continue;
    p.set(k, v === true ? '1' : String(v));
  }
  const s = p.toString();
  return s ? `/werklijst?${s}` : '/werklijst';
}

export function WorklistPage({ view, rules, canWork, notice, error }: { view: WorklistView; rules: RuleData; canWork: boolean; notice?: string; error?: string }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const f = view.filters;
  const queueTabs = [
    { id: 'all', name: t('allQueues'), open: view.queues.reduce((n, q) => n + q.open, 0) + view.unqueued.open, overdue: view.queues.reduce((n, q) => n + q.overdue, 0) + view.unqueued.overdue },
    ...view.queues.map((q) => ({ id: q.id, name: `${q.name} (${t(`approach_${q.approach}`)})`, open: q.open, overdue: q.overdue })),
    ...(view.unqueued.open > 0 ? [{ id: 'none', name: t('unqueued'), open: view.unqueued.open, overdue: view.unqueued.overdue }] : []),
  ];
  const queueName = new Map(view.queues.map((q) => [q.id, q.name]));
  const columns: Column<Row>[] = [
    ...(canWork
      ? [{ key: 'select', header: <span className="vs-visually-hidden">{t('colSelect')}</span>, cell: (r: Row) => <Checkbox id={`case-${r.id}`} name="caseIds" value={r.id} ariaLabel={t('selectCase', { id: r.id })} /> }]
      : []),
    { key: 'case', header: t('colCase'), cell: (r) => <Link href={`/zaken/${r.id}`}>{r.id}</Link> },
    { key: 'address', header: t('colAddress'), cell: (r) => addressOfKey(r.addressKey) },
    { key: 'signals', header: t('colSignals'), cell: (r) => r.signalTypes.map((s) => rules.label(s, locale)).join(', ') },
    { key: 'amount', header: t('colAmount'), numeric: true, cell: (r) => formatMoneyCents(locale, r.amountCents) },
    {
      key: 'flags',
      header: t('colFlags'),
      cell: (r) => (
        <>
          <FlagBadges c={r} t={t} />
          {r.warmTransfer ? <WarmTransferBadge /> : null}
        </>
      ),
    },
    { key: 'due', header: t('colDue'), cell: (r) => <DueCell due={r.due} t={t} locale={locale} /> },
    { key: 'assigned', header: t('colAssigned'), cell: (r) => r.assignedName ?? '—' },
    { key: 'queue', header: t('colQueue'), cell: (r) => (r.queueId ? (queueName.get(r.queueId) ?? '—') : t('unqueued')) },
  ];
  const table = (
    <Table
      caption={t('casesCaption', { total: formatNumber(locale, view.total), page: view.page, pages: view.pages })}
      columns={columns}
      rows={view.rows}
      rowKey={(r) => r.id}
      rowClass={(r) => rowClassOf(r.due)}
      empty={t('noCases')}
    />
  );
  return (
    <>
      <Heading level={1}>{t('worklistTitle')}</Heading>
      <Paragraph>{t('worklistIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {error ? <Alert type="error">{error}</Alert> : null}
      <nav aria-labelledby="queues-heading">
        <Heading level={2} id="queues-heading">
          {t('queues')}
        </Heading>
        <ul className="vs-queues">
          {queueTabs.map((q) => (
            <li key={q.id} data-current={f.queue === q.id ? 'true' : 'false'}>
              <Link href={worklistHref(f, { queue: q.id, page: 1 })} current={f.queue === q.id}>
                {q.name}
              </Link>
              <br />
              <span>{t('openCount', { n: formatNumber(locale, q.open) })}</span>
              {q.overdue > 0 ? <strong className="vs-overdue-text">{` · ${t('overdueCount', { n: formatNumber(locale, q.overdue) })}`}</strong> : null}
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="filters-heading" className="vs-section">
        <Heading level={2} id="filters-heading">
          {t('filters')}
        </Heading>
        <Form action="/werklijst" method="get" label={t('filters')}>
          <input type="hidden" name="queue" value={f.queue} />
          <div className="vs-filters">
            <FormField id="q" label={t('search')} description={t('searchHelp')}>
              <Textbox id="q" name="q" type="search" value={f.q} hasDescription />
            </FormField>
            <FormField id="status" label={t('status')}>
              <Select id="status" name="status" value={f.status} options={[{ value: 'active', label: t('statusActive') }, { value: 'open', label: t('statusOpen') }, { value: 'picked_up', label: t('statusPickedUp') }]} />
            </FormField>
            <FormField id="assigned" label={t('assignedTo')}>
              <Select
                id="assigned"
                name="assigned"
                value={f.assigned}
                options={[{ value: '', label: t('anyone') }, { value: 'me', label: t('me') }, { value: 'none', label: t('nobody') }, ...view.workers.map((w) => ({ value: w.id, label: w.name }))]}
              />
            </FormField>
            <FormField id="signalType" label={t('signalType')}>
              <Select id="signalType" name="signalType" value={f.signalType} options={[{ value: '', label: t('allTypes') }, ...rules.signalTypes.map((s) => ({ value: s, label: rules.label(s, locale) }))]} />
            </FormField>
            <FormField id="sort" label={t('sort')}>
              <Select id="sort" name="sort" value={f.sort} options={[{ value: 'due', label: t('sortDue') }, { value: 'opened', label: t('sortOpened') }, { value: 'amount', label: t('sortAmount') }, { value: 'signals', label: t('sortSignals') }]} />
            </FormField>
            <FormField id="overdue" label={t('overdueOnly')} kind="checkbox">
              <Checkbox id="overdue" name="overdue" value="1" checked={f.overdue} />
            </FormField>
            <FormField id="crisis" label={t('crisisOnly')} kind="checkbox">
              <Checkbox id="crisis" name="crisis" value="1" checked={f.crisis} />
            </FormField>
            <Button appearance="secondary-action">{t('applyFilters')}</Button>
          </div>
        </Form>
      </section>
      <ExportLinks f={f} t={t} />
      {canWork ? (
        <Form action="/werklijst/toewijzen" label={t('bulkAssign')}>
          <input type="hidden" name="back" value={worklistHref(f, { page: view.page })} />
          {table}
          <div className="vs-filters">
            <FormField id="bulk-user" label={t('assignTo')}>
              <Select id="bulk-user" name="userId" options={[...view.workers.map((w) => ({ value: w.id, label: w.name })), { value: '', label: t('unassign') }]} />
            </FormField>
            <Button>{t('bulkAssign')}</Button>
          </div>
        </Form>
      ) : (
        table
      )}
      <nav className="utrecht-pagination" aria-label={t('pagination')}>
        {view.page > 1 ? (
          <a className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" href={worklistHref(f, { page: view.page - 1 })}>
            {t('previous')}
          </a>
        ) : null}{' '}
        <span>
          {view.page} / {view.pages}
        </span>{' '}
        {view.page < view.pages ? (
          <a className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" href={worklistHref(f, { page: view.page + 1 })}>
            {t('next')}
          </a>
        ) : null}
      </nav>
    </>
  );
}

/** The list with its current filters as a file (all pages; issue 20, point 4). */
function ExportLinks({ f, t }: { f: WorklistView['filters']; t: ReturnType<typeof worklistMessages> }) {
  const search = worklistHref(f, {}).replace(/^\/werklijst/, '');
  return (
    <section aria-labelledby="export-heading" className="vs-section">
      <Heading level={2} id="export-heading">
        {t('exportHeading')}
      </Heading>
      <Paragraph>{t('exportWorklistHelp')}</Paragraph>
      <ul className="vs-links">
        <li>
          <Link href={`/werklijst/export.csv${search}`}>{t('exportCsv')}</Link>
        </li>
        <li>
          <Link href={`/werklijst/export.xlsx${search}`}>{t('exportXlsx')}</Link>
        </li>
      </ul>
    </section>
  );
}
