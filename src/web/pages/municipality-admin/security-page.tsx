import { Alert, Button, Checkbox, Form, FormField, Heading, Paragraph } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { accountMessages } from '../account/messages.ts';

/** A user admin's security settings for their own organisation: whether password logins need a second factor. */
export function SecurityPage({ required, enrolled, active, notice }: { required: boolean; enrolled: number; active: number; notice?: string | undefined }) {
  const { locale, user } = useWeb();
  const t = accountMessages(locale);
  return (
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
  );
}
