import type { explainRefusalCode } from '../../../app/creditor/get-sending-rights.ts';
import type { RefusalTopic } from '../../../domain/rules/refusal-topics.ts';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { CitationLink, periodText } from './parts.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

type View = Awaited<ReturnType<typeof explainRefusalCode>>;

/** A refusal code: what it means, what to do, and the article behind it in each of the organisation's designations. */
export function RefusalCodePage({ code, topic, view }: { code: string; topic: RefusalTopic; view: View }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  return (
    <>
      <Heading level={1}>{t('codeTitle', { code })}</Heading>
      <Paragraph lead>{t('codeIntro')}</Paragraph>
      <Paragraph>{t(`topic_${topic}`)}</Paragraph>
      <Heading level={2}>{t('whatToDo')}</Heading>
      <Paragraph>{t(`todo_${topic}`)}</Paragraph>
      <Heading level={2}>{t('codeArticles')}</Heading>
      {view.articles.length === 0 ? (
        <Paragraph>{t('codeNoArticles')}</Paragraph>
      ) : (
        <UnorderedList>
          {view.articles.map((a, i) => (
            <ListItem key={i}>
              <strong>{textIn(a.entitlement.label, locale)}</strong>
              {a.onBehalfOf ? ` — ${t('onBehalfOf', { creditor: a.onBehalfOf })}` : ''} ({periodText(a.entitlement.from, a.entitlement.until, locale, t)}):{' '}
              {a.citations.map((c, j) => (
                <span key={j}>
                  {j > 0 ? '; ' : ''}
                  <CitationLink c={c} locale={locale} />
                </span>
              ))}
            </ListItem>
          ))}
        </UnorderedList>
      )}
      <Paragraph>
        <Link href="/wat-mag-ik-aanleveren">{t('maySendTitle')}</Link>
      </Paragraph>
    </>
  );
}
