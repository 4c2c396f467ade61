import { defineMessages, type Locale, type LocalizedText } from '../../../domain/i18n/index.ts';
import type { Column, EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';

export type Lang = Locale;

/** The fixed text of the art. 1.3 report, shared by the HTML and PDF renderers. */
export const reportMessages = defineMessages({
  nl: {
    title: 'Rapportage monitoring en evaluatie (art. 1.3)',
    regulation: 'Regeling',
    inForce: 'In werking sinds',
    due: 'Uiterlijk in te dienen',
    period: 'Periode',
    signalTypes: 'Signaal',
    municipalities: 'Gemeenten',
    generated: 'Gemaakt op',
    article: 'Art. 1.3 Tijdelijke regeling signaal betalingsachterstanden: de colleges en de schuldeisers dragen zorg voor de monitoring en evaluatie van het verstrekken en ontvangen van het aangewezen signaal en rapporteren gezamenlijk aan de Minister binnen drie jaar na inwerkingtreding. De toelichting vraagt of het signaal nieuwe inwoners bereikt of dezelfde als andere signalen (meer meldingen over één adres), en hoe ernstig de achterstanden zijn.',
    sectionReach: '1. Bereik: nieuwe of bekende inwoners',
    sectionAddress: '2. Meer signalen over één adres',
    sectionSeverity: '3. Ernst van de achterstanden',
    sectionIntake: '4. Verstrekken en ontvangen van het signaal',
    sectionFunnel: '5. Van signaal tot hulp',
    sectionArms: '6. Experimentgroepen vergeleken',
    sectionCosts: '7. Kosten en baten',
    sectionMunicipalities: '8. Per gemeente',
    sectionPrivacy: '9. Privacy',
    noArms: 'Dit experiment heeft (nog) geen experimentgroepen met zaken.',
    preRegistration: 'Vooraf geregistreerd analyseplan',
    privacy: 'Dit rapport bevat alleen totalen. Cellen met minder dan 10 huishoudens of signalen zijn weggelaten (–), net als wat daaruit af te leiden is. Er staat geen persoon in.',
    defaults: 'Met de standaardbedragen uit de toelichting (niet aangepast voor dit experiment).',
    costLine: 'Post',
    quantity: 'Aantal',
    unit: 'Per stuk (€)',
    amount: 'Bedrag (€)',
    totalCosts: 'Totale kosten',
    totalBenefits: 'Totale baten',
    net: 'Saldo',
    ratio: 'Baten per euro kosten',
  },
  en: {
    title: 'Monitoring and evaluation report (art. 1.3)',
    regulation: 'Regulation',
    inForce: 'In force since',
    due: 'Due by',
    period: 'Period covered',
    signalTypes: 'Signal',
    municipalities: 'Municipalities',
    generated: 'Generated on',
    article: 'Art. 1.3 of the Tijdelijke regeling signaal betalingsachterstanden: municipalities and creditors jointly monitor and evaluate the providing and receiving of the designated signal and report to the Minister within three years of entry into force. The notes ask whether the signal reaches new residents or the same ones as other signals (several reports about one address), and how serious the arrears are.',
    sectionReach: '1. Reach: new or known residents',
    sectionAddress: '2. Several signals about one address',
    sectionSeverity: '3. Severity of the arrears',
    sectionIntake: '4. Providing and receiving the signal',
    sectionFunnel: '5. From signal to help',
    sectionArms: '6. Experiment groups compared',
    sectionCosts: '7. Costs and benefits',
    sectionMunicipalities: '8. Per municipality',
    sectionPrivacy: '9. Privacy',
    noArms: 'This experiment has no experiment groups with cases (yet).',
    preRegistration: 'Pre-registered analysis plan',
    privacy: 'This report holds totals only. Cells of fewer than 10 households or signals are left out (–), as is what could be derived from them. No person is in it.',
    defaults: 'With the default figures of the notes (not adapted for this experiment).',
    costLine: 'Item',
    quantity: 'Quantity',
    unit: 'Unit (€)',
    amount: 'Amount (€)',
    totalCosts: 'Total costs',
    totalBenefits: 'Total benefits',
    net: 'Net',
    ratio: 'Benefits per euro of cost',
  },
});

export function formatCell(v: string | number | null, c: Column, lang: Lang): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  const loc = lang === 'nl' ? 'nl-NL' : 'en-GB';
  if (c.type === 'share') return `${(v * 100).toLocaleString(loc, { maximumFractionDigits: 1 })}%`;
  if (c.type === 'amount') return v.toLocaleString(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return v.toLocaleString(loc, { maximumFractionDigits: 2 });
}

export const money = (v: number, lang: Lang) => v.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The report's sections in order: each a heading and the tables under it. */
export function reportSections(r: ArticleReport): Array<{ heading: LocalizedText; tables: EvaluationTable[] }> {
  const t = (k: string) => r.tables.filter((x) => x.key === k);
  return [
    { heading: reportMessages.inAll('sectionReach'), tables: t('overlap') },
    { heading: reportMessages.inAll('sectionAddress'), tables: t('households') },
    { heading: reportMessages.inAll('sectionSeverity'), tables: t('amounts') },
    { heading: reportMessages.inAll('sectionIntake'), tables: [...t('intake'), ...t('refusals')] },
    { heading: reportMessages.inAll('sectionFunnel'), tables: [...t('funnel'), ...t('timeliness')] },
  ];
}
