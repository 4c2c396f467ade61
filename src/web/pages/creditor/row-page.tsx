import type { explainBatchRow } from '../../../app/creditor/explain-batch-row.ts';
import { fieldName } from '../../../domain/rules/refusal-messages.ts';
import { refusalTopic } from '../../../domain/rules/refusal-topics.ts';
import { Alert, DataList, Heading, Link, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { CitationLink, OutcomeBadge } from './parts.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

type View = NonNullable<Awaited<ReturnType<typeof explainBatchRow>>>;

/** "Why was this row refused?": each reason as stored with the row, its article, and what the sender can do. */
export function RowPage({ view }: { view: View }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const { batch, row } = view;
  const name = batch.filename ?? t('noFilename');
  return (
    <>
      <Heading level={1}>{t('rowTitle', { row: row.row, name })}</Heading>
      <Paragraph lead>{t('rowIntro')}</Paragraph>
      <Paragraph>
        <Link href={`/aanleveren/batches/${batch.id}`}>{t('backToBatch')}</Link>
      </Paragraph>
      <DataList
        items={[
          { key: t('colReference'), value: row.reference ?? t('noReference') },
          { key: t('colOutcome'), value: <OutcomeBadge outcome={row.outcome} t={t} /> },
        ]}
      />
      {row.outcome === 'accepted' ? <Alert type="ok">{t('rowAccepted')}</Alert> : null}
      {row.outcome === 'duplicate' ? <Alert type="info">{t('duplicateText')}</Alert> : null}
      {row.refusals.map((r, i) => {
        const topic = refusalTopic(r.code);
        return (
          <section className="vs-section" key={i} aria-labelledby={`refusal-${i}`}>
            <Heading level={2} id={`refusal-${i}`}>
              {t('refusalHeading', { n: i + 1, code: r.code })}
            </Heading>
            <Paragraph>{textIn(r.message, locale)}</Paragraph>
            <DataList
              items={[
                ...(r.field ? [{ key: t('field'), value: `${textIn(fieldName(r.field), locale)} (${r.field})` }] : []),
                { key: t('article'), value: r.citation ? <CitationLink c={r.citation} locale={locale} /> : t('noArticle') },
              ]}
            />
            <Heading level={3}>{t('whatToDo')}</Heading>
            <Paragraph>
              {t(`topic_${topic}`)} {t(`todo_${topic}`)}
            </Paragraph>
            <Paragraph>
              <Link href={`/wat-mag-ik-aanleveren/weigeringen/${encodeURIComponent(r.code)}`}>{t('aboutCode', { code: r.code })}</Link>
            </Paragraph>
          </section>
        );
      })}
    </>
  );
}
