import type { readAuditTrail } from '../../../app/audit/read-audit-trail.ts';
import type { AuditVerification } from '../../../app/audit/verify-audit.ts';
import { Alert, Button, Form, FormField, Heading, Link, Paragraph, Select, Table, Textbox, UnorderedList, ListItem } from '../../components/index.ts';
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
  door: string;
  betrokkene: string;
  organisatie: string;
}

export interface AuditPageProps {
  trail: Trail;
  form: AuditForm;
  nextHref?: string | undefined;
  error?: string | undefined;
  showOrganisation: boolean;
  /** Whether this process can check the chain (it was given the key). */
  verifiable: boolean;
  /** The check's result, after the button was pressed. */
  verification?: AuditVerification | undefined;
}

/** The audit trail, read-only: a GET filter form and a table, older records page by page. */
export function AuditPage({ trail, form, nextHref, error, showOrganisation, verifiable, verification }: AuditPageProps) {
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
        <FormField id="door" label={t('actor')} description={t('actorHelp')}>
          <Textbox id="door" name="door" value={form.door} hasDescription />
        </FormField>
        <FormField id="betrokkene" label={t('subject')} description={t('subjectHelp')}>
          <Textbox id="betrokkene" name="betrokkene" value={form.betrokkene} hasDescription />
        </FormField>
        {showOrganisation ? (
          <FormField id="organisatie" label={t('colOrganisation')}>
            <Textbox id="organisatie" name="organisatie" value={form.organisatie} />
          </FormField>
        ) : null}
        <Button>{t('show')}</Button>
      </form>
      {verifiable ? <ChainCheck verification={verification} /> : null}
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

/** The chain's verification status: on request (it reads the whole trail), with the last checkpoint and every finding. */
function ChainCheck({ verification: v }: { verification?: AuditVerification | undefined }) {
  const { locale } = useWeb();
  const t = auditMessages(locale);
  return (
    <section aria-labelledby="keten">
      <Heading level={2} id="keten">
        {t('chain')}
      </Heading>
      {v ? (
        <>
          <Alert type={!v.ok ? 'error' : v.checkpoints === 0 ? 'warning' : 'ok'}>
            <Paragraph>{!v.ok ? t('chainBroken', { n: String(v.checked) }) : v.checkpoints === 0 ? t('chainUnanchored', { n: String(v.checked) }) : t('chainOk', { n: String(v.checked), c: String(v.checkpoints) })}</Paragraph>
            <Paragraph>{v.lastCheckpoint ? t('lastCheckpoint', { seq: v.lastCheckpoint.seq, at: formatDateTime(locale, v.lastCheckpoint.at) }) : t('noCheckpoint')}</Paragraph>
          </Alert>
          {v.findings.length > 0 ? (
            <UnorderedList>
              {v.findings.map((f, i) => (
                <ListItem key={i}>{t('finding', { kind: f.kind, seq: f.seq, detail: f.detail })}</ListItem>
              ))}
            </UnorderedList>
          ) : null}
        </>
      ) : (
        <Paragraph>{t('chainIntro')}</Paragraph>
      )}
      <Form action="/audittrail/controle" label={t('chain')}>
        <Button appearance="secondary-action">{t('verify')}</Button>
      </Form>
    </section>
  );
}
