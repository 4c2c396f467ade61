import { maskBsn } from '../../../domain/privacy/access-answer.ts';
import { RECTIFIABLE_FIELDS, RECTIFICATION_REASONS, type RectifiableFieldName } from '../../../domain/privacy/rectification.ts';
import { Alert, Button, Form, FormField, Heading, Paragraph, Select, Table, Textbox } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { privacyMessages } from './messages.ts';

export interface RectifyForm {
  signaal: string;
  veld: string;
  waarde: string;
  reden: string;
}

type Key = Parameters<ReturnType<typeof privacyMessages>>[0];

/** /privacy/correctie: one field of one signal corrected, with its reason; afterwards the value before and after. */
export function RectifyPage({ form, errors, done }: { form: RectifyForm; errors: Partial<Record<keyof RectifyForm, string>>; done?: { field: RectifiableFieldName; before: string | null; after: string | null } | undefined }) {
  const t = privacyMessages(useWeb().locale);
  const shown = (field: string, v: string | null) => (v === null || v === '' ? t('empty') : field === 'bsn' ? maskBsn(v) : v);
  return (
    <>
      <Heading level={1}>{t('rectifyTitle')}</Heading>
      <Paragraph>{t('rectifyIntro')}</Paragraph>
      {done ? (
        <>
          <Alert type="ok">{t('rectified')}</Alert>
          <Table<{ field: string; before: string | null; after: string | null }>
            caption={t('beforeAfter')}
            rows={[done]}
            rowKey={(r) => r.field}
            columns={[
              { key: 'field', header: t('colField'), cell: (r) => t(`f_${r.field}` as Key) },
              { key: 'before', header: t('colBefore'), cell: (r) => shown(r.field, r.before) },
              { key: 'after', header: t('colAfter'), cell: (r) => shown(r.field, r.after) },
            ]}
          />
        </>
      ) : null}
      <Form action="/privacy/correctie" label={t('rectifyTitle')}>
        <FormField id="signaal" label={t('signalId')} description={t('signalIdHelp')} error={errors.signaal}>
          <Textbox id="signaal" name="signaal" value={form.signaal} inputMode="numeric" required hasDescription error={errors.signaal} />
        </FormField>
        <FormField id="veld" label={t('field')}>
          <Select id="veld" name="veld" value={form.veld} options={RECTIFIABLE_FIELDS.map((f) => ({ value: f, label: t(`f_${f}` as Key) }))} />
        </FormField>
        <FormField id="waarde" label={t('value')} description={t('valueHelp')} error={errors.waarde}>
          <Textbox id="waarde" name="waarde" value={form.waarde} autoComplete="off" hasDescription error={errors.waarde} />
        </FormField>
        <FormField id="reden" label={t('reason')} error={errors.reden}>
          <Select id="reden" name="reden" value={form.reden} error={errors.reden} options={RECTIFICATION_REASONS.map((r) => ({ value: r, label: t(`r_${r}` as Key) }))} />
        </FormField>
        <Button>{t('save')}</Button>
      </Form>
    </>
  );
}
