import { defineMessages } from '../../i18n/locale.ts';

/** Texts of the calibration page (issue 25), next to the capacity what-if. */
export const calibrationMessages = defineMessages({
  nl: {
    title: 'Kalibratie van de synthetische populatie',
    intro:
      'De wat-als, de demodata en de benchmarks rusten op een synthetische populatie. Hier staat hoe een gesimuleerd jaar zich verhoudt tot de publieke cijfers: geteld zoals het dashboard telt (zelfde definities), voor een representatieve set gemeenten ({municipalities}) op schaal {scale}. Elk cijfer moet binnen ±{band} % van de publieke waarde liggen.',
    notCalibrated:
      'Niet geijkt: cijfers per gemeente, de verdeling over signaaltypen (geen landelijke reeks per type) en de grootte van de seizoensschommeling (aanname). Het jaar wordt in het geheugen gesimuleerd met de matching van het platform; een BRP-controle en werkbakregels doen daarin niet mee.',
    seedHeading: 'Seed {seed}',
    figuresCaption: 'Publieke cijfers tegenover het gesimuleerde jaar {year} (seed {seed}; {signals} signalen, {cases} zaken)',
    figure: 'Cijfer',
    publicValue: 'Publiek',
    simulated: 'Gesimuleerd',
    difference: 'Verschil',
    within: 'Binnen ±{band} %',
    source: 'Bron',
    definition: 'Zo geteld',
    yes: 'ja',
    no: 'nee',
    summary: '{within} van de {figures} cijfers binnen ±{band} %.',
    inflowHeading: 'Instroom per signaaltype en maand',
    inflowCaption: 'Geaccepteerde signalen per signaaltype en maand van de signaaldatum, {year} (seed {seed})',
    signalType: 'Signaaltype',
    winterSummer: 'Winter ÷ zomer',
    inflowNote: 'Winter ÷ zomer: december–februari tegenover juni–augustus. Energie stijgt in de winter; huur blijft vlak. Typen die in het jaar beginnen of eindigen (aanwijzingen) verschuiven het totaal.',
    command: 'Zelfde tabel op de opdrachtregel: npm run calibration -- --seed {seed} --scale {scale}',
    back: 'Terug naar de wat-als',
  },
  en: {
    title: 'Calibration of the synthetic population',
    intro:
      'The what-if, the demo data and the benchmarks rest on a synthetic population. This shows how a simulated year compares with the public figures: counted as the dashboard counts (same definitions), for a representative set of municipalities ({municipalities}) at scale {scale}. Every figure must be within ±{band} % of its public value.',
    notCalibrated:
      'Not calibrated: figures per municipality, the split over signal types (no national series by type) and the size of the seasonal swing (an assumption). The year is simulated in memory with the platform’s matching; a BRP check and queue rules take no part in it.',
    seedHeading: 'Seed {seed}',
    figuresCaption: 'Public figures against the simulated year {year} (seed {seed}; {signals} signals, {cases} cases)',
    figure: 'Figure',
    publicValue: 'Public',
    simulated: 'Simulated',
    difference: 'Difference',
    within: 'Within ±{band} %',
    source: 'Source',
    definition: 'Counted as',
    yes: 'yes',
    no: 'no',
    summary: '{within} of the {figures} figures within ±{band} %.',
    inflowHeading: 'Inflow per signal type and month',
    inflowCaption: 'Accepted signals per signal type and month of the signal date, {year} (seed {seed})',
    signalType: 'Signal type',
    winterSummer: 'Winter ÷ summer',
    inflowNote: 'Winter ÷ summer: December–February against June–August. Energy rises in winter; rent stays level. Types that start or end in the year (designations) shift the total.',
    command: 'The same table on the command line: npm run calibration -- --seed {seed} --scale {scale}',
    back: 'Back to the what-if',
  },
});
