import type { ReferralView } from '../../../app/referrals/referral-view.ts';
import { Heading, Link, Paragraph, StatusBadge } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { referralMessages } from './messages.ts';

const BADGE = { delivered: 'safe', pending: 'warning', failed: 'danger' } as const;

/** On the case page, for a case closed with a financial follow-up or referral: the hand-off's status, or the way to it. */
export function ReferralCaseSection({ view }: { view: ReferralView }) {
  const { locale } = useWeb();
  const t = referralMessages(locale);
  const href = `/zaken/${view.caseId}/overdracht`;
  return (
    <section aria-labelledby="referral-heading" className="vs-section">
      <Heading level={2} id="referral-heading">
        {t('sectionTitle')}
      </Heading>
      {view.referral ? (
        <>
          <Paragraph>
            {t('status')}: <StatusBadge status={BADGE[view.referral.status]}>{t(`status_${view.referral.status}`)}</StatusBadge>
          </Paragraph>
          <Paragraph>
            <Link href={href}>{t('statusTitle')}</Link> · <Link href={`${href}.pdf`}>{t('downloadPdf')}</Link>
          </Paragraph>
        </>
      ) : (
        <Paragraph>
          <Link href={href}>{t('openHandOff')}</Link>
        </Paragraph>
      )}
    </section>
  );
}
