import { DIGEST_SECTIONS, digestCaseLabel, digestMessages } from '../../../domain/mail/digest-mail.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { Digest } from '../../../domain/worklist/digest.ts';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../components/index.ts';

/** The daily digest on the start page: the same lists as the e-mail, each case a link to its page. */
export function DigestSection({ digest, locale }: { digest: Digest; locale: Locale }) {
  const t = digestMessages(locale);
  const sections = DIGEST_SECTIONS.filter((s) => digest[s].length > 0);
  return (
    <section aria-labelledby="digest-heading">
      <Heading level={2} id="digest-heading">
        {t('heading')}
      </Heading>
      <Paragraph>{sections.length === 0 ? t('empty') : t('intro')}</Paragraph>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`digest-${s}`}>
          <Heading level={3} id={`digest-${s}`}>
            {t('count', { title: t(s), n: digest[s].length })}
          </Heading>
          <UnorderedList>
            {digest[s].map((e) => (
              <ListItem key={e.id}>
                <Link href={`/zaken/${e.id}`}>{digestCaseLabel(locale, e)}</Link>
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      ))}
      <Paragraph>
        <Link href="/werklijst">{t('openWorklist')}</Link>
      </Paragraph>
    </section>
  );
}
