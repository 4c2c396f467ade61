import { createElement } from 'react';
import type { Locale } from '../../i18n/locale.ts';
import type { PageContent } from '../../render.ts';
import { Alert, Heading, Link, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { identityMessages } from './messages.ts';

function LevelTooLow({ level }: { level: string }) {
  const t = identityMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('levelTooLowTitle')}</Heading>
      <Alert type="warning">{t('levelTooLow', { level })}</Alert>
      <Paragraph>
        <Link href="/signalen">{t('levelTooLowBack')}</Link>
      </Paragraph>
    </div>
  );
}

/** The page for a delivery right the person's role gives but their eHerkenning level does not. */
export function levelTooLowPage(locale: Locale, level: string): PageContent {
  return { title: identityMessages(locale)('levelTooLowTitle'), body: createElement(LevelTooLow, { level }) };
}
