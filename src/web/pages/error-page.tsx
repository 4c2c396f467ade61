import { commonMessages } from '../i18n/common.ts';
import { useWeb } from '../web-context.ts';
import { Heading, Link, Paragraph } from '../components/index.ts';

export function ErrorPage({ title, text }: { title: string; text: string }) {
  const { locale } = useWeb();
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <Link href="/">{commonMessages(locale)('backHome')}</Link>
      </Paragraph>
    </>
  );
}
