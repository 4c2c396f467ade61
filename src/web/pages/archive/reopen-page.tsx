import { REOPEN_REASON_MAX } from '../../../domain/cases/case-status.ts';
import { Alert, Button, Form, FormField, Heading, Link, Paragraph, Textarea } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { ddasLabel } from '../worklist/messages.ts';
import { archiveMessages } from './messages.ts';

/** Re-opening a closed case: the worker says why (the reason is audited and on the timeline). */
export function ReopenPage({ caseId, result, reason, error }: { caseId: string; result: string | null; reason: string; error?: string | undefined }) {
  const { locale } = useWeb();
  const t = archiveMessages(locale);
  return (
    <>
      <Heading level={1}>{t('reopenTitle', { id: caseId })}</Heading>
      <Paragraph>{t('reopenIntro', { result: ddasLabel(result ?? '', locale) })}</Paragraph>
      {error ? <Alert type="error">{error}</Alert> : null}
      <Form action={`/zaken/${caseId}/heropenen`} label={t('reopenTitle', { id: caseId })} id="reopen-form">
        <FormField id="reason" label={t('reason')} description={`max. ${REOPEN_REASON_MAX}`} error={error}>
          <Textarea id="reason" name="reason" required value={reason} error={error} />
        </FormField>
        <Button>{t('reopenButton')}</Button>
      </Form>
      <Paragraph>
        <Link href={`/zaken/${caseId}`}>{t('backToCase')}</Link>
      </Paragraph>
    </>
  );
}
