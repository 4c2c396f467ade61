import { StatusBadge } from '../../components/index.ts';
import { defineMessages } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';

const messages = defineMessages({
  nl: { warmTransfer: 'Inwoner vraagt om contact (warme overdracht)', warmTransferHelp: 'De inwoner heeft op Mijn signaal gevraagd om nu al contact. Neem zo snel mogelijk contact op.' },
  en: { warmTransfer: 'Resident asks to be contacted (warm transfer)', warmTransferHelp: 'The resident asked on My signal to be contacted now. Please make contact as soon as possible.' },
});

/** The case's flag when a resident asked on their own page to be contacted now (issue 24; DDAS warmeOverdracht). */
export function WarmTransferBadge() {
  const t = messages(useWeb().locale);
  return (
    <StatusBadge status="danger">
      <span title={t('warmTransferHelp')}>{t('warmTransfer')}</span>
    </StatusBadge>
  );
}
