import { Alert, Button, Heading, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { accountMessages } from '../account/messages.ts';
import { CodeField, EnrolmentForm } from '../account/second-factor-forms.tsx';

/** The login's second page: the code from the app (or a recovery code). */
export function LoginCodePage({ csrfToken, next, error }: { csrfToken: string; next: string; error?: string | undefined }) {
  const t = accountMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('codeTitle')}</Heading>
      {error ? (
        <Alert type="error" id="code-alert">
          {error}
        </Alert>
      ) : null}
      <Paragraph>{t('codeIntro')}</Paragraph>
      <form className="utrecht-form" action="/inloggen/code" method="post">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <CodeField error={error} />
        <Button>{t('codeButton')}</Button>
      </form>
    </div>
  );
}

/** The login's second page when the organisation demands a second factor the person has not set up. */
export function LoginEnrolPage(p: { csrfToken: string; next: string; secret: string; sealed: string; qr: string; error?: string | undefined }) {
  const t = accountMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('enrolAtLoginTitle')}</Heading>
      {p.error ? <Alert type="error">{p.error}</Alert> : null}
      <Paragraph>{t('enrolAtLoginIntro')}</Paragraph>
      <EnrolmentForm action="/inloggen/instellen" {...p} />
    </div>
  );
}

/** The pending login is gone (expired, finished, or locked): start again. */
export function LoginStartOverPage({ message }: { message: string }) {
  const t = accountMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('codeTitle')}</Heading>
      <Alert type="warning">{message}</Alert>
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href="/inloggen">
          {t('startOver')}
        </a>
      </Paragraph>
    </div>
  );
}
