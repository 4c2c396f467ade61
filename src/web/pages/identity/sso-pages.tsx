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

/** After the platform's own logout: on to the provider's, by meta refresh, with the link if that does not happen. */
export function ToProviderPage({ url }: { url: string }) {
  const t = identityMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('toProviderTitle')}</Heading>
      <Paragraph>{t('toProviderText')}</Paragraph>
      <Paragraph>
        <Link href={url}>{t('toProviderLink')}</Link>
      </Paragraph>
    </div>
  );
}
