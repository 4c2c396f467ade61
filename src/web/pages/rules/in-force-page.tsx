import type { InForceEntry, InForceView } from '../../../domain/rules/in-force.ts';
import { Alert, Button, DataList, Form, FormField, Heading, ListItem, Paragraph, StatusBadge, Table, Textbox, UnorderedList } from '../../components/index.ts';
import { formatDate, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { CitationLink } from '../creditor/parts.tsx';
import { ConditionList } from './condition-list.tsx';
import { rulesMessages, type RulesText } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

function period(e: InForceEntry, locale: Locale): string {
  const from = e.period.from ? formatDate(locale, e.period.from) : '…';
  const until = e.period.until ? formatDate(locale, e.period.until) : '…';
  return `${from} – ${until}`;
}

function municipalities(e: InForceEntry, t: RulesText): string {
  const list = e.municipalities.list.map((m) => `${m.name} (${m.code})`).join(', ');
  if (e.municipalities.all) return t('allMunicipalities');
  return e.municipalities.onlyCollectedBySender ? t('ownMunicipality', { list }) : list;
}

/** One designation in force: every value with its article, and what is not verified. */
function EntrySection({ e }: { e: InForceEntry }) {
  const { locale } = useWeb();
  const t = rulesMessages(locale);
  const id = `rule-${e.ruleId}-${e.regulation.version.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <section className="vs-section" aria-labelledby={id}>
      <Heading level={3} id={id}>
        {textIn(e.label, locale)} <StatusBadge status={e.verified ? 'safe' : 'warning'}>{t(e.verified ? 'verified' : 'unverified')}</StatusBadge>
        {e.basis === 'transitional' ? (
          <>
            {' '}
            <StatusBadge status="active">{t('transitionalBadge')}</StatusBadge>
          </>
        ) : null}
      </Heading>
      <DataList
        items={[
          { key: t('signalType'), value: <code>{e.signalType}</code> },
          { key: t('regulation'), value: `${e.regulation.title} (${e.regulation.version.split('/')[1]})` },
          { key: t('designation'), value: <CitationLink c={e.designation} locale={locale} /> },
          {
            key: t('period'),
            value: (
              <>
                {period(e, locale)}
                {e.transitional ? (
                  <>
                    {'. '}
                    {t('transitional', { reminderBy: formatDate(locale, e.transitional.reminderBy), signalsUntil: formatDate(locale, e.transitional.signalsUntil) })}{' '}
                    <CitationLink c={e.transitional.citation} locale={locale} />
                  </>
                ) : null}
              </>
            ),
          },
          ...(e.transitional ? [{ key: t('interpretation'), value: textIn(e.transitional.interpretation, locale) }] : []),
          {
            key: t('senders'),
            value: (
              <>
                {e.senders.list.map((s) => textIn(s.label, locale)).join(', ')} — <CitationLink c={e.senders.citation} locale={locale} />
              </>
            ),
          },
          {
            key: t('municipalities'),
            value: (
              <>
                {municipalities(e, t)} — <CitationLink c={e.municipalities.citation} locale={locale} />
              </>
            ),
          },
          {
            key: t('data'),
            value: (
              <>
                {e.data.categories.map((c) => t(`category_${c}`)).join(', ')} — <CitationLink c={e.data.citation} locale={locale} />
              </>
            ),
          },
          {
            key: t('conditions'),
            value: <ConditionList conditions={e.conditions} none={t('noConditions')} locale={locale} />,
          },
          {
            key: t('social'),
            value: (
              <UnorderedList>
                {e.socialCollection.map((s) => (
                  <ListItem key={s.step}>
                    {t(`step_${s.step}`)} <CitationLink c={s.citation} locale={locale} />
                  </ListItem>
                ))}
              </UnorderedList>
            ),
          },
          {
            key: t('amount'),
            value: t('amountRule', {
              required: t(e.plausibility.amountRequired ? 'amountRequired' : 'amountOptional'),
              max: `€ ${e.plausibility.maxAmount.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB')}`,
            }),
          },
          { key: t('ddas'), value: e.ddasPartner },
        ]}
      />
      {e.verify.length > 0 ? (
        <Table
          caption={`${t('verifyHeading')}: ${textIn(e.label, locale)}`}
          columns={[
            { key: 'part', header: t('verifyPart'), cell: (n) => t(`part_${n.part}`) },
            { key: 'note', header: t('verifyNote'), cell: (n) => n.note },
          ]}
          rows={e.verify}
          rowKey={(n) => `${n.part}|${n.note}`}
        />
      ) : null}
    </section>
  );
}

/** "Regels in werking": what may be sent on a date, by the rule data, with what is not verified. */
export function InForcePage({ view, dateValue, dateError }: { view: InForceView; dateValue: string; dateError: boolean }) {
  const { locale } = useWeb();
  const t = rulesMessages(locale);
  const date = formatDate(locale, view.date);
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph lead>{t('intro')}</Paragraph>
      <Form action="/regels" method="get" label={t('title')}>
        <div className="vs-filters">
          <FormField id="datum" label={t('dateLabel')} description={t('dateHelp')} error={dateError ? t('dateInvalid') : undefined}>
            <Textbox id="datum" name="datum" value={dateValue} hasDescription error={dateError ? t('dateInvalid') : undefined} />
          </FormField>
          <Button appearance="secondary-action">{t('show')}</Button>
        </div>
      </Form>
      <section className="vs-section" aria-labelledby="in-force">
        <Heading level={2} id="in-force">
          {t('inForceHeading', { date, count: view.entries.length })}
        </Heading>
        {view.entries.length === 0 ? <Alert type="info">{t('noneInForce')}</Alert> : null}
        {view.entries.map((e) => (
          <EntrySection key={`${e.ruleId}-${e.regulation.version}`} e={e} />
        ))}
      </section>
      {view.notInForce.length > 0 ? (
        <section className="vs-section" aria-labelledby="not-in-force">
          <Heading level={2} id="not-in-force">
            {t('notInForceHeading', { date, count: view.notInForce.length })}
          </Heading>
          <Table
            caption={t('notInForceCaption')}
            columns={[
              { key: 'signal', header: t('colSignal'), cell: (n) => `${textIn(n.label, locale)} (${n.signalType})` },
              { key: 'reason', header: t('colReason'), cell: (n) => t(`reason_${n.reason}`, { since: n.since ? formatDate(locale, n.since) : '—' }) },
              { key: 'article', header: t('colArticle'), cell: (n) => (n.citation ? <CitationLink c={n.citation} locale={locale} /> : '—') },
            ]}
            rows={view.notInForce}
            rowKey={(n) => n.signalType}
          />
        </section>
      ) : null}
      <Paragraph small>{t('api', { date: view.date })}</Paragraph>
    </>
  );
}
