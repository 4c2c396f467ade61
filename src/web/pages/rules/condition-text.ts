import type { CompiledCondition } from '../../../domain/rules/rule-book.ts';
import { defineMessages, type Locale } from '../../i18n/locale.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * A designation's condition in words, for "Wat mag ik aanleveren?" and "Regels in werking".
 * @public Exported for the catalog test (src/domain/i18n/catalogs.test.ts), which checks every catalog.
 */
export const conditionMessages = defineMessages({
  nl: {
    min_amount: 'De achterstand is ten minste € {amount}.',
    min_arrear_age_months: 'De oudste vordering is op de signaaldatum ten minste {months} maanden onbetaald.',
    components_only: 'De opbouw noemt alleen: {kinds}.',
    components_exclude: 'De opbouw noemt niet: {kinds}.',
    component_requires: "Een achterstand op '{component}' alleen samen met een achterstand op '{requires}'.",
    min_component_amount: 'Elk van deze onderdelen is ten minste € {amount}: {kinds} (zonder opbouw: het hele bedrag).',
    attestation_required: "De verstrekker verklaart dat {statement} (vermeld '{attestation}' bij attestations).",
    min_working_days_before: 'Het signaal gaat ten minste {days} werkdagen vóór de datum waarop de levering eindigt.',
  },
  en: {
    min_amount: 'The arrear is at least € {amount}.',
    min_arrear_age_months: 'The oldest claim has been unpaid for at least {months} months on the signal date.',
    components_only: 'The breakdown names only: {kinds}.',
    components_exclude: 'The breakdown does not name: {kinds}.',
    component_requires: "An arrear on '{component}' only together with an arrear on '{requires}'.",
    min_component_amount: 'Each of these components is at least € {amount}: {kinds} (without a breakdown: the whole amount).',
    attestation_required: "The sender states that {statement} (put '{attestation}' in attestations).",
    min_working_days_before: 'The signal comes at least {days} working days before the day supply ends.',
  },
});

export function conditionText(c: CompiledCondition, locale: Locale): string {
  const t = conditionMessages(locale);
  switch (c.kind) {
    case 'min_amount':
      return t('min_amount', { amount: c.amount });
    case 'min_arrear_age_months':
      return t('min_arrear_age_months', { months: c.months });
    case 'components_only':
      return t('components_only', { kinds: c.kindList });
    case 'components_exclude':
      return t('components_exclude', { kinds: c.kindList });
    case 'component_requires':
      return t('component_requires', { component: c.component, requires: c.requires });
    case 'min_component_amount':
      return t('min_component_amount', { amount: c.amount, kinds: c.componentList });
    case 'attestation_required':
      return t('attestation_required', { statement: textIn(c.statement, locale), attestation: c.attestation });
    case 'min_working_days_before':
      return t('min_working_days_before', { days: c.days });
  }
}
