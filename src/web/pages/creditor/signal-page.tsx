import type { OwnSignalView } from '../../../app/creditor/list-own-signals.ts';
import { DataList, Heading, Link, Paragraph } from '../../components/index.ts';
import { formatDate, formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { FeedbackBadge } from './feedback-badge.tsx';
import { creditorMessages } from './messages.ts';

/** One signal as its sender may see it: what it was about (no personal data) and the municipality's feedback. */
export function SignalPage({ signal, typeLabel, orgNames }: { signal: OwnSignalView; typeLabel: string; orgNames: Record<string, string> }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const explanation = t(`feedback_${signal.status}` as 'feedback_Opgepakt');
  return (
    <>
      <Heading level={1}>{t('signalTitle', { reference: signal.reference })}</Heading>
      <Paragraph>
        <Link href="/signalen">{t('signalsTitle')}</Link>
      </Paragraph>
      <section aria-labelledby="feedback-heading" className="vs-section">
        <Heading level={2} id="feedback-heading">
          {t('feedbackHeading')}
        </Heading>
        <Paragraph>
          <FeedbackBadge status={signal.status} />
        </Paragraph>
        <Paragraph>{explanation}</Paragraph>
      </section>
      <section aria-labelledby="facts-heading" className="vs-section">
        <Heading level={2} id="facts-heading">
          {t('signalFacts')}
        </Heading>
        <DataList
          items={[
            { key: t('signalId'), value: signal.id },
            { key: t('colReference'), value: signal.reference },
            { key: t('signalType'), value: `${typeLabel} (code ${signal.signalType})` },
            { key: t('colSignalDate'), value: formatDate(locale, signal.signalDate) },
            { key: t('colMunicipality'), value: signal.municipalityCode },
            { key: t('regulation'), value: signal.regulationVersion },
            { key: t('receivedAt'), value: formatDateTime(locale, signal.receivedAt) },
            { key: t('sentBy'), value: orgNames[signal.senderOrgId] ?? signal.senderOrgId },
            ...(signal.creditorOrgId !== signal.senderOrgId ? [{ key: t('sentFor'), value: orgNames[signal.creditorOrgId] ?? signal.creditorOrgId }] : []),
            ...(signal.batchId && signal.rowNo !== null
              ? [{ key: t('batch'), value: <Link href={`/aanleveren/batches/${signal.batchId}`}>{t('batchRow', { name: signal.batchId.slice(0, 8), row: signal.rowNo })}</Link> }]
              : []),
          ]}
        />
        <Paragraph small>{t('noPersonalData')}</Paragraph>
      </section>
    </>
  );
}
