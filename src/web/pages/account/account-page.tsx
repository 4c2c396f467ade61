import type { OwnSecondFactor } from '../../../app/auth/own-second-factor.ts';
import type { OwnSession } from '../../../app/auth/own-sessions.ts';
import { Alert, Button, ButtonLink, Form, Heading, Paragraph, Table } from '../../components/index.ts';
import { formatDate, formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { accountMessages, type AccountT } from './messages.ts';
import { CodeField, EnrolmentForm } from './second-factor-forms.tsx';

const viaLabel = (t: AccountT, via: string) => t(`via_${via}` as Parameters<AccountT>[0]);

/** The person's own account: their second factor and where they are logged in. */
export function AccountPage({
  factor,
  sessions,
  currentSessionId,
  notice,
  error,
  renewError,
}: {
  factor: OwnSecondFactor;
  sessions: OwnSession[];
  currentSessionId: string;
  notice?: string | undefined;
  error?: string | undefined;
  renewError?: string | undefined;
}) {
  const { locale, user } = useWeb();
  const t = accountMessages(locale);
  const current = sessions.find((s) => s.id === currentSessionId);
  const viaProvider = current && current.via !== 'password' && current.via !== 'password+totp';
  return (
    <>
      <Heading level={1}>{t('accountTitle')}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      <Paragraph>{t('accountIntro', { name: user?.displayName ?? '', email: factor.email, org: user?.organisationName ?? '' })}</Paragraph>

      <section className="vs-section vs-narrow" aria-labelledby="second-factor">
        <Heading level={2} id="second-factor">
          {t('secondFactorTitle')}
        </Heading>
        {viaProvider ? <Paragraph>{t('secondFactorSso')}</Paragraph> : null}
        {factor.enrolledAt ? (
          <>
            <Paragraph>{t('secondFactorOn', { date: formatDate(locale, factor.enrolledAt), n: factor.recoveryCodesLeft })}</Paragraph>
            <Heading level={3} id="renew">
              {t('renewTitle')}
            </Heading>
            {renewError ? <Alert type="error">{renewError}</Alert> : null}
            <Paragraph>{t('renewIntro')}</Paragraph>
            <Form action="/mijn-account/herstelcodes" label={t('renewTitle')}>
              <CodeField id="renew-code" error={renewError} />
              <Button appearance="secondary-action">{t('renewButton')}</Button>
            </Form>
            {factor.required ? (
              <Paragraph>{t('secondFactorRequired')}</Paragraph>
            ) : (
              <>
                <Heading level={3} id="disable">
                  {t('disableTitle')}
                </Heading>
                {error ? <Alert type="error">{error}</Alert> : null}
                <Paragraph>{t('disableIntro')}</Paragraph>
                <Form action="/mijn-account/tweestapsverificatie/uitzetten" label={t('disableTitle')}>
                  <CodeField error={error} />
                  <Button appearance="secondary-action">{t('disableButton')}</Button>
                </Form>
              </>
            )}
          </>
        ) : (
          <>
            <Paragraph>{t('secondFactorOff')}</Paragraph>
            {factor.required ? <Paragraph>{t('secondFactorRequired')}</Paragraph> : null}
            <Paragraph>
              <ButtonLink href="/mijn-account/tweestapsverificatie" appearance="primary-action">
                {t('enrolLink')}
              </ButtonLink>
            </Paragraph>
          </>
        )}
      </section>

      <section className="vs-section" aria-labelledby="sessions">
        <Heading level={2} id="sessions">
          {t('sessionsTitle')}
        </Heading>
        <Paragraph>{t('sessionsIntro')}</Paragraph>
        <Table
          caption={t('sessionsCaption')}
          rows={sessions}
          rowKey={(s) => s.id}
          columns={[
            { key: 'browser', header: t('colBrowser'), cell: (s) => `${s.browser ?? t('unknownBrowser')}${s.id === currentSessionId ? ` ${t('thisSession')}` : ''}` },
            { key: 'via', header: t('colVia'), cell: (s) => viaLabel(t, s.via) },
            { key: 'started', header: t('colStarted'), cell: (s) => formatDateTime(locale, s.startedAt) },
            { key: 'seen', header: t('colLastSeen'), cell: (s) => formatDateTime(locale, s.lastSeenAt) },
            {
              key: 'end',
              header: t('colAction'),
              cell: (s) => (
                <Form action={`/mijn-account/sessies/${s.id}/beeindigen`}>
                  <Button appearance="subtle">
                    {t('endSession')}
                    <span className="vs-visually-hidden">{` (${s.browser ?? t('unknownBrowser')}, ${formatDateTime(locale, s.startedAt)})`}</span>
                  </Button>
                </Form>
              ),
            },
          ]}
        />
        <Heading level={3} id="everywhere">
          {t('logoutEverywhere')}
        </Heading>
        <Paragraph>{t('logoutEverywhereIntro')}</Paragraph>
        <Form action="/mijn-account/overal-uitloggen" label={t('logoutEverywhere')}>
          <Button appearance="secondary-action">{t('logoutEverywhere')}</Button>
        </Form>
      </section>
    </>
  );
}

/** Setting up the second factor from the account page. */
export function AccountEnrolPage({ secret, sealed, qr, error }: { secret: string; sealed: string; qr: string; error?: string | undefined }) {
  const { locale, csrfToken } = useWeb();
  const t = accountMessages(locale);
  return (
    <div className="vs-narrow">
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href="/mijn-account">
          {t('accountTitle')}
        </a>
      </Paragraph>
      <Heading level={1}>{t('enrolTitle')}</Heading>
      {error ? <Alert type="error">{error}</Alert> : null}
      <EnrolmentForm action="/mijn-account/tweestapsverificatie" csrfToken={csrfToken} secret={secret} sealed={sealed} qr={qr} error={error} />
    </div>
  );
}
