import { groupSecret } from '../../../domain/access/totp.ts';
import { Alert, Button, ButtonLink, FormField, Heading, Paragraph, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { accountMessages } from './messages.ts';

/** The field for a code from the app or a recovery code: one-time-code autocompletion, no spell-check of digits. */
export function CodeField({ error, id = 'code' }: { error?: string | undefined; id?: string }) {
  const t = accountMessages(useWeb().locale);
  return (
    <FormField id={id} label={t('codeLabel')} description={t('codeHelp')} error={error}>
      <Textbox id={id} name="code" required autoComplete="one-time-code" error={error} hasDescription size={14} />
    </FormField>
  );
}

/**
 * Setting up an authenticator: the QR code, the same key as text, and a code to prove it works.
 * The candidate seed travels sealed in the form (bound to this user), so nothing is stored until confirmed.
 * Its own form, because the login's second page has no session yet and carries the pending login's token.
 */
export function EnrolmentForm({ action, csrfToken, secret, sealed, qr, next, error }: { action: string; csrfToken: string; secret: string; sealed: string; qr: string; next?: string; error?: string | undefined }) {
  const t = accountMessages(useWeb().locale);
  return (
    <form className="utrecht-form" action={action} method="post">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="candidate" value={sealed} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <ol className="utrecht-ordered-list">
        <li className="utrecht-ordered-list__item">
          {t('enrolStep1')}
          <div className="vs-qr">
            <img src={qr} alt={t('qrAlt')} width={200} height={200} />
          </div>
        </li>
        <li className="utrecht-ordered-list__item">
          {t('enrolStep2')}{' '}
          <code id="totp-secret" data-secret={secret}>
            {groupSecret(secret)}
          </code>
        </li>
        <li className="utrecht-ordered-list__item">{t('enrolStep3')}</li>
      </ol>
      <CodeField error={error} />
      <Button>{t('enrolButton')}</Button>
    </form>
  );
}

/** The recovery codes, shown once right after enrolment. */
export function RecoveryCodes({ codes, continueHref }: { codes: string[]; continueHref: string }) {
  const t = accountMessages(useWeb().locale);
  return (
    <div className="vs-narrow">
      <Heading level={1}>{t('recoveryTitle')}</Heading>
      <Alert type="ok">{t('enrolled')}</Alert>
      <Paragraph>{t('recoveryIntro')}</Paragraph>
      <ul className="utrecht-unordered-list vs-recovery-codes" aria-label={t('recoveryCaption')}>
        {codes.map((c) => (
          <li className="utrecht-unordered-list__item" key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <Paragraph>
        <ButtonLink href={continueHref} appearance="primary-action">
          {t('continue')}
        </ButtonLink>
      </Paragraph>
    </div>
  );
}
