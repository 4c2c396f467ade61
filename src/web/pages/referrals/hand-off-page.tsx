import type { ReferralView } from '../../../app/referrals/referral-view.ts';
import { Alert, Button, DataList, Form, FormField, Checkbox, Heading, Link, Paragraph, StatusBadge } from '../../components/index.ts';
import { formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { ddasLabel } from '../worklist/messages.ts';
import { referralMessages } from './messages.ts';

const BADGE = { delivered: 'safe', pending: 'warning', failed: 'danger' } as const;

/** A case's hand-off to debt help: the resident's consent, then the delivery's status and the PDF summary. */
export function HandOffPage({ view, canWork, notice, error }: { view: ReferralView; canWork: boolean; notice?: string | undefined; error?: string | undefined }) {
  const { locale } = useWeb();
  const t = referralMessages(locale);
  const r = view.referral;
  const base = `/zaken/${view.caseId}/overdracht`;
  return (
    <>
      <Paragraph>
        <Link href={`/zaken/${view.caseId}`}>{t('backToCase')}</Link>
      </Paragraph>
      <Heading level={1}>{t('handOffTitle', { id: view.caseId })}</Heading>
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      {r ? (
        <>
          <Heading level={2}>{t('statusTitle')}</Heading>
          <DataList
            items={[
              { key: t('status'), value: <StatusBadge status={BADGE[r.status]}>{t(`status_${r.status}`)}</StatusBadge> },
              { key: t('attempts'), value: String(r.attempts) },
              ...(r.status === 'pending' && r.nextAttemptAt ? [{ key: t('nextAttempt'), value: formatDateTime(locale, r.nextAttemptAt) }] : []),
              ...(r.deliveredAt ? [{ key: t('deliveredAt'), value: formatDateTime(locale, r.deliveredAt) }] : []),
              { key: t('consentBy'), value: r.consentBy },
              { key: t('consentAt'), value: formatDateTime(locale, r.consentAt) },
            ]}
          />
          <Paragraph>
            <Link href={`${base}.pdf`}>{t('downloadPdf')}</Link>
          </Paragraph>
        </>
      ) : !view.eligible ? (
        <Paragraph>{t('notEligible')}</Paragraph>
      ) : !view.endpointConfigured ? (
        <Alert type="warning">{t('noEndpoint')}</Alert>
      ) : (
        <>
          <Paragraph>{t('handOffIntro', { result: ddasLabel(view.result ?? '', locale) })}</Paragraph>
          {error ? <Alert type="error">{error}</Alert> : null}
          {canWork ? (
            <Form action={base} label={t('sectionTitle')} id="hand-off-form">
              <FormField id="consent" label={t('consentLabel')} description={t('consentHelp')} error={error} kind="checkbox">
                <Checkbox id="consent" name="consent" value="yes" />
              </FormField>
              <Button>{t('handOffButton')}</Button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
