import { commonMessages } from '../../i18n/common.ts';
import type { NavItem } from '../../nav.ts';
import { useWeb } from '../../web-context.ts';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../components/index.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import type { Digest } from '../../../domain/worklist/digest.ts';
import { DigestSection } from './digest-section.tsx';

export function HomePage({ items, digest }: { items: NavItem[]; digest?: Digest }) {
  const { locale, user } = useWeb();
  const t = commonMessages(locale);
  return (
    <>
      <Heading level={1}>{t('homeTitle', { name: user?.displayName ?? '' })}</Heading>
      <Paragraph>{t('homeIntro')}</Paragraph>
      {digest ? <DigestSection digest={digest} locale={locale} /> : null}
      <UnorderedList>
        {items.map((i) => (
          <ListItem key={i.href}>
            <Link href={i.href}>{textIn(i.label, locale)}</Link>
          </ListItem>
        ))}
      </UnorderedList>
    </>
  );
}
