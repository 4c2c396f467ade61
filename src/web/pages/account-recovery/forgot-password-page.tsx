import { Alert, Button, FormField, Heading, Link, Paragraph, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { recoveryMessages } from './messages.ts';

/** "Forgot password": one field, and after sending the same text whatever address was given. */
export function ForgotPasswordPage({ formToken, sent, email, error, fieldError }: { formToken: string; sent?: boolean; email?: string; error?: string; fieldError?: string }) {
  const { locale } = useWeb();
  const t = recoveryMessages(locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('forgotTitle')}</Heading>
      {sent ? (
        <>
          <Alert type="ok">{t('forgotSent')}</Alert>
          <Paragraph>{t('forgotNoMail')}</Paragraph>
        </>
      ) : null}
      {error ? <Alert type="error">{error}</Alert> : null}
      <Paragraph>{t('forgotIntro')}</Paragraph>
      <form className="utrecht-form" action="/wachtwoord-vergeten" method="post">
        <input type="hidden" name="_form" value={formToken} />
        <FormField id="email" label={t('email')} error={fieldError}>
          <Textbox id="email" name="email" type="email" autoComplete="username" required value={email} error={fieldError} />
        </FormField>
        <Button>{t('forgotButton')}</Button>
      </form>
      <Paragraph>
        <Link href="/inloggen">{t('backToLogin')}</Link>
      </Paragraph>
    </div>
  );
}
