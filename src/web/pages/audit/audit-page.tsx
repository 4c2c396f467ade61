import type { readAuditTrail } from '../../../app/audit/read-audit-trail.ts';
import { Alert, Button, FormField, Heading, Link, Paragraph, Select, Table, Textbox } from '../../components/index.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { auditMessages } from './messages.ts';

type Trail = Awaited<ReturnType<typeof readAuditTrail>>;
type Row = Trail['records'][number];
export interface AuditForm {
  van: string;
  tot: string;
  activiteit: string;
  uitkomst: string;
}

/** The audit trail, read-only: a GET filter form and a table, older records page by page. */
export function AuditPage({ trail, form, nextHref, error, showOrganisation }: { trail: Trail; form: AuditForm; nextHref?: string | undefined; error?: string | undefined; showOrganisation: boolean }) {
  const { locale } = useWeb();
  const t = auditMessages(locale);
  const actor = (r: Row) => r.actor_name ?? `${t(`a_${r.actor_type}`)} ${r.actor_id}`;
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph>{t('intro')}</Paragraph>
      {error ? <Alert type="error">{error}</Alert> : null}
      <form className="utrecht-form vs-filters" action="/audittrail" method="get" aria-label={t('filter')}>
        <FormField id="van" label={t('from')}>
          <Textbox id="van" name="van" type="date" value={form.van} />
        </FormField>
        <FormField id="tot" label={t('to')}>
          <Textbox id="tot" name="tot" type="date" value={form.tot} />
        </FormField>
        <FormField id="activiteit" label={t('activity')} description={t('activityHelp')}>
          <Textbox id="activiteit" name="activiteit" value={form.activiteit} hasDescription />
        </FormField>
        <FormField id="uitkomst" label={t('outcome')}>
          <Select
            id="uitkomst"
            name="uitkomst"
            value={form.uitkomst}
            options={[
              { value: '', label: t('any') },
              { value: 'success', label: t('o_success') },
              { value: 'refused', label: t('o_refused') },
              { value: 'error', label: t('o_error') },
            ]}
          />
        </FormField>
        <Button>{t('show')}</Button>
      </form>
      <Table<Row>
        caption={t('caption')}
        rows={trail.records}
        rowKey={(r) => r.id}
        empty={t('none')}
        columns={[
          { key: 'time', header: t('colTime'), cell: (r) => formatDateTime(locale, r.occurred_at) },
          { key: 'activity', header: t('colActivity'), cell: (r) => <code>{r.activity}</code> },
          { key: 'actor', header: t('colActor'), cell: actor },
          ...(showOrganisation ? [{ key: 'org', header: t('colOrganisation'), cell: (r: Row) => r.organisation_id ?? '' }] : []),
          { key: 'outcome', header: t('colOutcome'), cell: (r) => t(`o_${r.outcome}`) },
          { key: 'object', header: t('colObject'), cell: (r) => (r.object_type ? t('objects', { type: r.object_type, n: String(r.object_ids.length) }) : '') },
        ]}
      />
      {nextHref ? (
        <Paragraph>
          <Link href={nextHref}>{t('next')}</Link>
        </Paragraph>
      ) : null}
    </>
  );
}
