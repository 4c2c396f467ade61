import { commonMessages } from '../../i18n/common.ts';
import { useWeb } from '../../web-context.ts';
import { Alert, Button, FormField, Heading, Link, Paragraph, Textbox } from '../../components/index.ts';
import { recoveryMessages } from '../account-recovery/messages.ts';
import type { LoginChoices } from '../../../app/identity/login-choices.ts';
import { SsoChoices } from '../identity/sso-choices.tsx';

/** The login form. It has no session yet, so it carries its own CSRF token (double-submit cookie). */
export function LoginPage({
  loginToken,
  next,
  email,
  error,
  expired,
  loggedOut,
  choices,
}: {
  loginToken: string;
  next: string;
  email?: string;
  error?: string;
  expired?: boolean;
  loggedOut?: boolean;
  choices?: LoginChoices;
}) {
  const { locale } = useWeb();
  const t = commonMessages(locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('loginTitle')}</Heading>
      {expired ? <Alert type="warning">{t('sessionExpired')}</Alert> : null}
      {loggedOut ? <Alert type="ok">{t('loggedOut')}</Alert> : null}
      {error ? (
        <Alert type="error" id="login-error">
          {error}
        </Alert>
      ) : null}
      {choices ? <SsoChoices choices={choices} next={next} /> : null}
      <Paragraph>{t('loginIntro')}</Paragraph>
      <form className="utrecht-form" action="/inloggen" method="post">
        <input type="hidden" name="_login" value={loginToken} />
        <input type="hidden" name="next" value={next} />
        <FormField id="email" label={t('email')}>
          <Textbox id="email" name="email" type="email" autoComplete="username" required value={email} />
        </FormField>
        <FormField id="password" label={t('password')}>
          <Textbox id="password" name="password" type="password" autoComplete="current-password" required />
        </FormField>
        <Button>{t('loginButton')}</Button>
      </form>
      <Paragraph>
        <Link href="/wachtwoord-vergeten">{recoveryMessages(locale)('forgotLink')}</Link>
      </Paragraph>
    </div>
  );
}
