import type { ObjectionEntry } from '../../../app/privacy/objection-register.ts';
import { Alert, Button, Form, FormField, Heading, Paragraph, Table, Textarea } from '../../components/index.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { privacyMessages } from './messages.ts';
import { SubjectFields } from './subject-fields.tsx';
import type { SubjectForm } from './subject-form.ts';

/** /privacy/bezwaar: register an objection (found by BSN or address, with a reason), the objections in force, withdraw one. */
export function ObjectionsPage({
  objections,
  form,
  reason,
  errors,
  notice,
}: {
  objections: ObjectionEntry[];
  form: SubjectForm;
  reason: string;
  errors: Partial<Record<keyof SubjectForm | 'reden', string>>;
  notice?: string | undefined;
}) {
  const { locale } = useWeb();
  const t = privacyMessages(locale);
  return (
    <>
      <Heading level={1}>{t('objectionsTitle')}</Heading>
      <Paragraph>{t('objectionsIntro')}</Paragraph>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      <Heading level={2}>{t('register')}</Heading>
      <Form action="/privacy/bezwaar" label={t('register')}>
        <SubjectFields form={form} errors={errors} />
        <FormField id="reden" label={t('objectionReason')} description={t('objectionReasonHelp')} error={errors.reden}>
          <Textarea id="reden" name="reden" value={reason} required rows={3} error={errors.reden} />
        </FormField>
        <Button>{t('registerButton')}</Button>
      </Form>
      <Table<ObjectionEntry>
        caption={t('listCaption')}
        rows={objections}
        rowKey={(o) => o.id}
        empty={t('noObjections')}
        columns={[
          { key: 'at', header: t('colRegistered'), cell: (o) => formatDateTime(locale, o.registeredAt) },
          { key: 'by', header: t('colBy'), cell: (o) => o.registeredBy },
          { key: 'reason', header: t('colReason'), cell: (o) => o.reason ?? '—' },
          { key: 'keys', header: t('colKeys'), cell: (o) => String(o.keys), numeric: true },
          {
            key: 'withdraw',
            header: t('colWithdraw'),
            cell: (o) => (
              <Form action="/privacy/bezwaar/intrekken" label={t('withdrawLabel', { d: formatDateTime(locale, o.registeredAt) })}>
                <input type="hidden" name="bezwaar" value={o.id} />
                <Button appearance="secondary-action">{t('withdraw')}</Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}
