import type { LocalizedText } from '../../../domain/rules/judgement.ts';
import type { Column, EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';

export type Lang = 'nl' | 'en';

/** The fixed text of the art. 1.3 report, shared by the HTML and PDF renderers. */
export const T = {
  title: { nl: 'Rapportage monitoring en evaluatie (art. 1.3)', en: 'Monitoring and evaluation report (art. 1.3)' },
  regulation: { nl: 'Regeling', en: 'Regulation' },
  inForce: { nl: 'In werking sinds', en: 'In force since' },
  due: { nl: 'Uiterlijk in te dienen', en: 'Due by' },
  period: { nl: 'Periode', en: 'Period covered' },
  signalTypes: { nl: 'Signaal', en: 'Signal' },
  municipalities: { nl: 'Gemeenten', en: 'Municipalities' },
  generated: { nl: 'Gemaakt op', en: 'Generated on' },
  article: {
    nl: 'Art. 1.3 Tijdelijke regeling signaal betalingsachterstanden: de colleges en de schuldeisers dragen zorg voor de monitoring en evaluatie van het verstrekken en ontvangen van het aangewezen signaal en rapporteren gezamenlijk aan de Minister binnen drie jaar na inwerkingtreding. De toelichting vraagt of het signaal nieuwe inwoners bereikt of dezelfde als andere signalen (meer meldingen over één adres), en hoe ernstig de achterstanden zijn.',
    en: 'Art. 1.3 of the Tijdelijke regeling signaal betalingsachterstanden: municipalities and creditors jointly monitor and evaluate the providing and receiving of the designated signal and report to the Minister within three years of entry into force. The notes ask whether the signal reaches new residents or the same ones as other signals (several reports about one address), and how serious the arrears are.',
  },
  sections: {
    reach: { nl: '1. Bereik: nieuwe of bekende inwoners', en: '1. Reach: new or known residents' },
    address: { nl: '2. Meer signalen over één adres', en: '2. Several signals about one address' },
    severity: { nl: '3. Ernst van de achterstanden', en: '3. Severity of the arrears' },
    intake: { nl: '4. Verstrekken en ontvangen van het signaal', en: '4. Providing and receiving the signal' },
    funnel: { nl: '5. Van signaal tot hulp', en: '5. From signal to help' },
    arms: { nl: '6. Experimentgroepen vergeleken', en: '6. Experiment groups compared' },
    costs: { nl: '7. Kosten en baten', en: '7. Costs and benefits' },
    municipalities: { nl: '8. Per gemeente', en: '8. Per municipality' },
    privacy: { nl: '9. Privacy', en: '9. Privacy' },
  },
  noArms: { nl: 'Dit experiment heeft (nog) geen experimentgroepen met zaken.', en: 'This experiment has no experiment groups with cases (yet).' },
  privacy: {
    nl: 'Dit rapport bevat alleen totalen. Cellen met minder dan 10 huishoudens of signalen zijn weggelaten (–), net als wat daaruit af te leiden is. Er staat geen persoon in.',
    en: 'This report holds totals only. Cells of fewer than 10 households or signals are left out (–), as is what could be derived from them. No person is in it.',
  },
  defaults: { nl: 'Met de standaardbedragen uit de toelichting (niet aangepast voor dit experiment).', en: 'With the default figures of the notes (not adapted for this experiment).' },
  costLine: { nl: 'Post', en: 'Item' },
  quantity: { nl: 'Aantal', en: 'Quantity' },
  unit: { nl: 'Per stuk (€)', en: 'Unit (€)' },
  amount: { nl: 'Bedrag (€)', en: 'Amount (€)' },
  totalCosts: { nl: 'Totale kosten', en: 'Total costs' },
  totalBenefits: { nl: 'Totale baten', en: 'Total benefits' },
  net: { nl: 'Saldo', en: 'Net' },
  ratio: { nl: 'Baten per euro kosten', en: 'Benefits per euro of cost' },
} satisfies Record<string, LocalizedText | Record<string, LocalizedText>>;

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
    { heading: T.sections.reach, tables: t('overlap') },
    { heading: T.sections.address, tables: t('households') },
    { heading: T.sections.severity, tables: t('amounts') },
    { heading: T.sections.intake, tables: [...t('intake'), ...t('refusals')] },
    { heading: T.sections.funnel, tables: [...t('funnel'), ...t('timeliness')] },
  ];
}
