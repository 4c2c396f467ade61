import type { MfaRequirement } from '../../../app/organisations/mfa-requirement.ts';
import { Alert, Button, Checkbox, Form, FormField, Heading, Link, Paragraph, Table } from '../../components/index.ts';
import { formatDate } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { accountMessages } from '../account/messages.ts';

/**
 * A user admin's security settings for their own organisation: whether password logins need a
 * second factor, and who has one (turned off for someone who lost theirs).
 */
export function SecurityPage({ required, enrolled, active, users, notice }: MfaRequirement & { notice?: string | undefined }) {
  const { locale, user } = useWeb();
  const t = accountMessages(locale);
  return (
    <>
      <div className="vs-narrow">
        <Heading level={1}>{t('securityTitle')}</Heading>
        {notice ? <Alert type="ok">{notice}</Alert> : null}
        <Paragraph>{t('securityIntro', { org: user?.organisationName ?? '' })}</Paragraph>
        <Paragraph>{t('mfaEnrolledCount', { n: enrolled, total: active })}</Paragraph>
        <Form action="/beveiliging" label={t('securityTitle')}>
          <FormField id="mfa-required" label={t('mfaRequiredLabel')} description={t('mfaRequiredHelp')} kind="checkbox">
            <Checkbox id="mfa-required" name="mfaRequired" value="1" checked={required} />
          </FormField>
          <Button>{t('save')}</Button>
        </Form>
      </div>
      <section className="vs-section" aria-labelledby="users-factor">
        <Heading level={2} id="users-factor">
          {t('usersFactorTitle')}
        </Heading>
        <Paragraph>{t('usersFactorIntro')}</Paragraph>
        <Table
          caption={t('usersFactorCaption')}
          rows={users}
          rowKey={(u) => u.id}
          columns={[
            { key: 'name', header: t('colUser'), cell: (u) => u.displayName },
            { key: 'factor', header: t('colFactor'), cell: (u) => (u.enrolledAt ? t('factorSince', { date: formatDate(locale, u.enrolledAt) }) : t('factorNone')) },
            {
              key: 'action',
              header: t('colAction'),
              cell: (u) =>
                u.id === user?.id ? (
                  <Link href="/mijn-account">{t('ownAccountLink')}</Link>
                ) : u.enrolledAt ? (
                  <Form action={`/beveiliging/gebruikers/${u.id}/tweestapsverificatie-uitzetten`}>
                    <Button appearance="subtle">
                      {t('resetFactor')}
                      <span className="vs-visually-hidden">{` — ${t('resetFactorLabel', { name: u.displayName })}`}</span>
                    </Button>
                  </Form>
                ) : null,
            },
          ]}
        />
      </section>
    </>
  );
}
