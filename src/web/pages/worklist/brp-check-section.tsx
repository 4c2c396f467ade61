import type { BrpCheckView } from '../../../app/worklist/open-case.ts';
import { Alert, DataList, Heading, Paragraph, StatusBadge } from '../../components/index.ts';
import { formatDate, formatDateTime } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { brpMessages, brpOutcomeText } from './brp-messages.ts';

const BADGE: Record<string, 'safe' | 'neutral' | 'danger' | 'warning'> = {
  match: 'safe',
  no_resident: 'warning',
  other_address: 'warning',
  unknown_address: 'warning',
  deceased: 'danger',
  moved_out: 'neutral',
};

/** What the BRP said about the case: waiting, down (tried again), or the outcome with the household's composition. */
export function BrpCheckSection({ check }: { check: BrpCheckView | undefined }) {
  const { locale } = useWeb();
  const t = brpMessages(locale);
  if (!check) return null;
  return (
    <section aria-labelledby="brp-heading" className="vs-section">
      <Heading level={2} id="brp-heading">
        {t('brpTitle')}
      </Heading>
      {check.status === 'pending' ? <Paragraph>{t('brpPending')}</Paragraph> : null}
      {check.status === 'brp_unavailable' ? <Alert type="warning">{t('brpUnavailable', { when: formatDateTime(locale, check.nextTryAt), attempts: check.attempts })}</Alert> : null}
      {check.status === 'checked' && check.outcome ? (
        <>
          <DataList
            items={[
              { key: t('brpOutcome'), value: <StatusBadge status={BADGE[check.outcome] ?? 'neutral'}>{brpOutcomeText(t, check.outcome, check.movedTo)}</StatusBadge> },
              { key: t('brpPeildatum'), value: formatDate(locale, check.peildatum) },
              { key: t('brpCheckedAt'), value: formatDateTime(locale, check.checkedAt) },
              ...(check.residentCount !== null ? [{ key: t('brpResidents'), value: String(check.residentCount) }] : []),
              ...(check.minorsPresent !== null ? [{ key: t('brpMinors'), value: check.minorsPresent ? t('brpYes') : t('brpNo') }] : []),
            ]}
          />
          <Paragraph small>{check.residentCount !== null ? t('brpCompositionNote') : t('brpNotShown')}</Paragraph>
        </>
      ) : null}
    </section>
  );
}
