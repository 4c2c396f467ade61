import { Alert, Button, ButtonLink, FormField, Heading, Link, Paragraph, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { LINK_PATHS } from '../../../app/auth/email-links.ts';
import type { EmailTokenPurpose } from '../../../domain/access/email-tokens.ts';
import { recoveryMessages } from './messages.ts';

type LinkKind = EmailTokenPurpose;

/** Choose a password through a link from a mail: a reset, or accepting an invitation. */
export function SetPasswordPage({ kind, token, formToken, errors = {} }: { kind: LinkKind; token: string; formToken: string; errors?: { password?: string | undefined; repeat?: string | undefined; form?: string | undefined } }) {
  const { locale } = useWeb();
  const t = recoveryMessages(locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{kind === 'reset' ? t('resetTitle') : t('inviteTitle')}</Heading>
      {errors.form ? <Alert type="error">{errors.form}</Alert> : null}
      <Paragraph>{kind === 'reset' ? t('resetIntro') : t('inviteIntro')}</Paragraph>
      <form className="utrecht-form" action={LINK_PATHS[kind]} method="post">
        <input type="hidden" name="_form" value={formToken} />
        <input type="hidden" name="token" value={token} />
        <FormField id="password" label={t('newPassword')} description={t('passwordHelp')} error={errors.password}>
          <Textbox id="password" name="password" type="password" autoComplete="new-password" required hasDescription error={errors.password} />
        </FormField>
        <FormField id="password2" label={t('repeatPassword')} error={errors.repeat}>
          <Textbox id="password2" name="password2" type="password" autoComplete="new-password" required error={errors.repeat} />
        </FormField>
        <Button>{t('savePassword')}</Button>
      </form>
    </div>
  );
}

/** Why a link does not work, and what to do instead. */
export function LinkProblemPage({ kind, reason }: { kind: LinkKind; reason: 'unknown' | 'used' | 'expired' }) {
  const { locale } = useWeb();
  const t = recoveryMessages(locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('linkTitle')}</Heading>
      <Alert type="warning">{reason === 'used' ? t('linkUsed') : reason === 'expired' ? t('linkExpired') : t('linkUnknown')}</Alert>
      {kind === 'reset' ? (
        <Paragraph>
          <Link href="/wachtwoord-vergeten">{t('resetAgain')}</Link>
        </Paragraph>
      ) : (
        <Paragraph>{t('inviteAgain')}</Paragraph>
      )}
      <Paragraph>
        <Link href="/inloggen">{t('backToLogin')}</Link>
      </Paragraph>
    </div>
  );
}

/** The password is set: on to the login page. */
export function PasswordSetPage({ kind }: { kind: LinkKind }) {
  const { locale } = useWeb();
  const t = recoveryMessages(locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{kind === 'reset' ? t('resetDoneTitle') : t('inviteDoneTitle')}</Heading>
      <Alert type="ok">{kind === 'reset' ? t('resetDone') : t('inviteDone')}</Alert>
      <Paragraph>
        <ButtonLink href="/inloggen" appearance="primary-action">
          {t('toLogin')}
        </ButtonLink>
      </Paragraph>
    </div>
  );
}
