import { Alert, Button, Form, FormField, Heading, Paragraph, Textbox } from '../../components/index.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { referralMessages } from './messages.ts';

/** The coordinator connects the municipality's debt-help system: webhook URL and shared secret. */
export function ReferralSettingsPage({ url, updatedAt, notice, errors }: { url: string; updatedAt: Date | null; notice?: string | undefined; errors: Record<string, string> }) {
  const { locale } = useWeb();
  const t = referralMessages(locale);
  return (
    <>
      <Heading level={1}>{t('settingsTitle')}</Heading>
      <Paragraph>{t('settingsIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      <Paragraph>{updatedAt ? t('configuredSince', { at: formatDateTime(locale, updatedAt) }) : t('notConfigured')}</Paragraph>
      <Form action="/instellingen/schuldhulp" label={t('settingsTitle')} id="referral-settings">
        <FormField id="url" label={t('url')} error={errors.url}>
          <Textbox id="url" name="url" value={url} required error={errors.url} />
        </FormField>
        <FormField id="secret" label={t('secret')} description={t('secretHelp')} error={errors.secret}>
          <Textbox id="secret" name="secret" type="password" autoComplete="off" error={errors.secret} hasDescription />
        </FormField>
        <Button>{t('save')}</Button>
      </Form>
    </>
  );
}
