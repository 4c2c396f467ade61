import type { SsoRefused } from '../../../app/identity/sso-login.ts';
import { Alert, Heading, Link, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { identityMessages } from './messages.ts';

export function SsoRefusedPage({ reason }: { reason: SsoRefused }) {
  const t = identityMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('r_title')}</Heading>
      <Alert type="error">{t(`r_${reason}`)}</Alert>
      <Paragraph>
        <Link href="/inloggen">{t('r_again')}</Link>
      </Paragraph>
    </div>
  );
}

/** Shown for a moment after the provider: the meta refresh moves on, the link is there if it does not. */
export function SsoContinuePage({ next }: { next: string }) {
  const t = identityMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('continueTitle')}</Heading>
      <Paragraph>
        <Link href={next}>{t('continueLink')}</Link>
      </Paragraph>
    </div>
  );
}
