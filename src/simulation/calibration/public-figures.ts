/**
 * The public figures a synthetic year is calibrated to (issue 25), each with its source. Values are
 * the published ones, not tuned: the generator's parameters are tuned to meet them. Sources as in
 * docs/background/LEGAL-FRAMEWORK.md ("Figures to calibrate against").
 */
import type { LocalizedText } from '../../domain/i18n/index.ts';

export type FigureKey = 'multipleShare' | 'consecutiveShare' | 'singleSignalShare' | 'reachedShare' | 'signalsPer1000PerMonth' | 'contactedPerSignal' | 'acceptedPerContacted';

export interface PublicFigure {
  key: FigureKey;
  label: LocalizedText;
  /** The published value (a share as a fraction, or a rate). */
  value: number;
  unit: 'share' | 'rate';
  source: string;
  /** How the dashboard counts the simulated value. */
  definition: LocalizedText;
}

/** Relative band every simulated figure must fall in. */
export const CALIBRATION_BAND = 0.2;

const DIVOSA = 'Divosa, Monitor vroegsignalering 2023';
const KAMERBRIEF = 'Kamerbrief 24 515 nr. 812 (2025), figures for 2024';

export const PUBLIC_FIGURES: readonly PublicFigure[] = [
  {
    key: 'multipleShare',
    label: { nl: 'Zaken met ≥ 2 signalen op het adres in één maand', en: 'Cases with ≥ 2 signals at the address in one month' },
    value: 0.11,
    unit: 'share',
    source: `${DIVOSA}: 11 %`,
    definition: { nl: 'Dashboard, tabel huishoudens: aandeel meervoudig', en: 'Dashboard, households table: share multiple' },
  },
  {
    key: 'consecutiveShare',
    label: { nl: 'Adressen met een eerder signaal in de 6 maanden ervoor (opeenvolgend)', en: 'Addresses with an earlier signal in the previous 6 months (consecutive)' },
    value: 0.4,
    unit: 'share',
    source: `${DIVOSA}: 40 %`,
    definition: { nl: 'Dashboard, tabel huishoudens: aandeel opeenvolgend', en: 'Dashboard, households table: share consecutive' },
  },
  {
    key: 'singleSignalShare',
    label: { nl: 'Zaken met één signaal (niet meervoudig, niet opeenvolgend)', en: 'Cases with a single signal (neither multiple nor consecutive)' },
    value: 0.5,
    unit: 'share',
    source: `${DIVOSA}: about half`,
    definition: { nl: 'Zaken zonder de vlag meervoudig of opeenvolgend van het dashboard ÷ zaken', en: 'Cases with neither the dashboard’s multiple nor its consecutive flag ÷ cases' },
  },
  {
    key: 'reachedShare',
    label: { nl: 'Zaken waarin de inwoner bereikt is', en: 'Cases where the resident is reached' },
    value: 0.2,
    unit: 'share',
    source: `${DIVOSA}: 1 in 5`,
    definition: { nl: 'Dashboard, trechter: aandeel bereikt', en: 'Dashboard, funnel: share reached' },
  },
  {
    key: 'signalsPer1000PerMonth',
    label: { nl: 'Signalen per 1.000 inwoners per maand', en: 'Signals per 1,000 inhabitants per month' },
    value: 4,
    unit: 'rate',
    source: `${DIVOSA}: 3.3 (2022), 4 (2023)`,
    definition: { nl: 'Dashboard, tabel ontvangen: geaccepteerd ÷ inwoners × 1.000 ÷ 12', en: 'Dashboard, intake table: accepted ÷ inhabitants × 1,000 ÷ 12' },
  },
  {
    key: 'contactedPerSignal',
    label: { nl: 'Landelijk: contact per verstuurd signaal', en: 'National: contacted per signal sent' },
    value: 157_000 / 1_000_000,
    unit: 'share',
    source: `${KAMERBRIEF}: ≈ 157,000 contacted of > 1,000,000 signals`,
    definition: { nl: 'Dashboard: trechter bereikt ÷ tabel ontvangen geaccepteerd', en: 'Dashboard: funnel reached ÷ intake table accepted' },
  },
  {
    key: 'acceptedPerContacted',
    label: { nl: 'Landelijk: hulp geaccepteerd per contact', en: 'National: accepted help per contacted' },
    value: 49_000 / 157_000,
    unit: 'share',
    source: `${KAMERBRIEF}: ≈ 49,000 accepted help of ≈ 157,000 contacted`,
    definition: { nl: 'Dashboard, trechter: hulp geaccepteerd ÷ bereikt', en: 'Dashboard, funnel: help accepted ÷ reached' },
  },
];
