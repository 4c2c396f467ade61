import type { LocalizedText } from '../rules/judgement.ts';

/**
 * One definition per figure (issue 21): the dashboard, its CSVs, the art. 1.3 report (HTML and
 * PDF) and the glossary page take their names and meanings from here, and the SQL in
 * src/db/repositories/evaluation.ts computes each figure exactly as written here. A change of
 * meaning is a change of this file, its SQL and the README's glossary together.
 *
 * Two populations, each with its own date:
 * - signals, by their signal date (DDAS signaaldatum) in the period;
 * - cases (households), by the date of their first signal in the period (of the selected signal
 *   types, when a filter on signal-partner type is set), counted once, in that signal's month.
 * Every case holds at least one matched signal of its own population, so cases ≤ matched signals.
 */
export interface FigureDefinition {
  label: LocalizedText;
  /** The DDAS object or attribute the figure counts, where the standard has one. */
  ddas: string | null;
  population: 'signals' | 'cases';
  definition: LocalizedText;
}

const def = (label: [string, string], ddas: string | null, population: 'signals' | 'cases', nl: string, en: string): FigureDefinition => ({
  label: { nl: label[0], en: label[1] },
  ddas,
  population,
  definition: { nl, en },
});

export const FIGURES = {
  received: def(
    ['Ontvangen', 'Received'],
    null,
    'signals',
    'Elk signaal dat een signaalpartner voor de periode aanleverde: de geaccepteerde signalen plus de rijen van aangeleverde bestanden die de regels weigerden. Gedateerd op de signaaldatum (bij een geweigerde rij zonder geldige datum: de dag waarop het bestand binnenkwam). Losse API-aanleveringen die geweigerd werden, worden niet bewaard en tellen niet mee.',
    'Every signal a signal partner delivered for the period: the accepted signals plus the rows of delivered files that the rules refused. Dated by the signal date (a refused row without a valid date: the day its file arrived). Single API deliveries that were refused are not stored and are not counted.',
  ),
  accepted: def(
    ['Geaccepteerd', 'Accepted'],
    'Vroegsignaal',
    'signals',
    'Een signaal dat de regels accepteerden en dat de matching heeft opgenomen, met een signaaldatum in de periode. Dit zijn de vroegsignalen van de DDAS-levering over dezelfde periode.',
    'A signal the rules accepted and matching took in, with its signal date in the period. These are the vroegsignalen of the DDAS delivery over the same period.',
  ),
  refused: def(
    ['Geweigerd', 'Refused'],
    null,
    'signals',
    'Een rij van een aangeleverd bestand die de regels weigerden (met de reden en het artikel), gedateerd zoals bij Ontvangen.',
    'A row of a delivered file that the rules refused (with the reason and the article), dated as for Received.',
  ),
  matched: def(
    ['Gematcht (in een zaak)', 'Matched (in a case)'],
    'Vroegsignaalzaak.vroegsignalen',
    'signals',
    'Een geaccepteerd signaal dat bij een zaak van een huishouden hoort. Niet gematcht zijn signalen die zijn vastgehouden (bijvoorbeeld een herhaalde melding) of die nog wachten op de matching.',
    'An accepted signal that belongs to a household’s case. Not matched: signals held back (a repeat report, for example) or still waiting for matching.',
  ),
  cases: def(
    ['Zaken (huishoudens)', 'Cases (households)'],
    'Vroegsignaalzaak',
    'cases',
    'De zaak van een huishouden waarvan het eerste signaal (van de gekozen signaalsoorten) in de periode ligt; één keer geteld, in de maand van dat signaal. Elke zaak bevat dus minstens één gematcht signaal uit de periode.',
    'A household’s case whose first signal (of the chosen signal types) lies in the period; counted once, in that signal’s month. So every case holds at least one matched signal of the period.',
  ),
  pickedUp: def(
    ['Opgepakt', 'Picked up'],
    'Vroegsignaalzaak.datum_opgepakt',
    'cases',
    'Een zaak die de gemeente in behandeling nam: er is een datum opgepakt, een contactpoging bij de inwoner, de inwoner is bereikt, of er is een eindresultaat dat niet “niet opgepakt” is.',
    'A case the municipality took up: it has a date picked up, a contact attempt towards the resident, the resident was reached, or it has an end result that is not a “not picked up” one.',
  ),
  contactAttempted: def(
    ['Contact geprobeerd', 'Contact attempted'],
    'Contactpoging',
    'cases',
    'Een opgepakte zaak met minstens één contactpoging bij de inwoner (brief, mail, sms, telefoon, huisbezoek, kaartje, overige; een administratieve handeling telt niet), of waarin de inwoner bereikt is.',
    'A picked-up case with at least one contact attempt towards the resident (letter, e-mail, text, phone, home visit, card, other; an administrative step does not count), or in which the resident was reached.',
  ),
  reached: def(
    ['Bereikt', 'Reached'],
    'Contactpoging.bereikt',
    'cases',
    'Een zaak met een contactpoging (geen administratieve) waarbij de inwoner bereikt is, of met een eindresultaat dat contact veronderstelt (bijvoorbeeld “Inwoner hoeft geen hulp vanuit vroegsignalering”).',
    'A case with a contact attempt (not an administrative one) that reached the resident, or with an end result that presumes contact (for example “Inwoner hoeft geen hulp vanuit vroegsignalering”).',
  ),
  helpAccepted: def(
    ['Hulp geaccepteerd', 'Help accepted'],
    'Vroegsignaalzaak.resultaat',
    'cases',
    'Een zaak met eindresultaat “(Budget)advies en/of quick fix”, “Vervolghulp en/of verwijzing financieel” of “Vervolghulp en/of verwijzing niet financieel”. Altijd ook bereikt.',
    'A case with end result “(Budget)advies en/of quick fix”, “Vervolghulp en/of verwijzing financieel” or “Vervolghulp en/of verwijzing niet financieel”. Always also reached.',
  ),
  withOutcome: def(
    ['Met eindresultaat', 'With end result'],
    'Vroegsignaalzaak.resultaat',
    'cases',
    'Een afgesloten zaak met een DDAS-eindresultaat, welk dan ook. Geen trap van de trechter: ook een zaak die niet is opgepakt, kan een eindresultaat hebben.',
    'A closed case with a DDAS end result, whichever. Not a stage of the funnel: a case that was not picked up can have an end result too.',
  ),
  notPickedUp: def(
    ['Afgesloten zonder oppakken', 'Closed without pick-up'],
    'Vroegsignaalzaak.resultaat',
    'cases',
    'Een zaak met een eindresultaat dat zegt dat de zaak niet is opgepakt (“Niet opgepakt: …”, “Inwoner is overleden”, “Persoon is geen inwoner (meer) in de gemeente”) en die ook niet is opgepakt.',
    'A case with an end result saying it was not picked up (“Niet opgepakt: …”, “Inwoner is overleden”, “Persoon is geen inwoner (meer) in de gemeente”) that was not picked up either.',
  ),
  multiple: def(
    ['Meervoudig', 'Multiple'],
    null,
    'cases',
    'Een zaak met twee of meer signalen op het adres in één kalendermaand (definitie van de Divosa-monitor).',
    'A case with two or more signals at the address in one calendar month (the Divosa monitor’s definition).',
  ),
  consecutive: def(
    ['Opeenvolgend', 'Consecutive'],
    null,
    'cases',
    'Een zaak met een signaal op hetzelfde adres in de maanden vóór een matchingsperiode van de zaak.',
    'A case with a signal at the same address in the months before one of the case’s matching periods.',
  ),
  newHouseholds: def(
    ['Nieuw', 'New'],
    null,
    'cases',
    'Een zaak zonder standaardsignaal (huur, energie, water, zorgverzekering) bij het huishouden in de terugkijkperiode: het signaal bereikt een inwoner die de andere signalen niet bereikten.',
    'A case without a standard signal (rent, energy, water, health insurance) at the household in the look-back window: the signal reaches a resident the other signals did not.',
  ),
  firstContact: def(
    ['Met eerste contact', 'With first contact'],
    'Contactpoging.datum',
    'cases',
    'Een zaak met een eerste contactpoging (of, waar contactpogingen niet worden vastgelegd, een datum opgepakt); binnen termijn als die datum uiterlijk op de termijn van de zaak ligt (4 weken, 3 werkdagen bij een crisissignaal).',
    'A case with a first contact attempt (or, where contact attempts are not recorded, a date picked up); within the deadline when that date is on or before the case’s deadline (4 weeks, 3 working days for a crisis signal).',
  ),
} as const satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof FIGURES;

/**
 * The funnel's nested stages, each a subset of the one before for the same population and period:
 * accepted ⊇ matched (signals); cases ⊇ picked up ⊇ contact attempted ⊇ reached ⊇ help accepted.
 * Between the two populations: cases ≤ matched signals.
 */
export const FUNNEL_STAGES = ['accepted', 'matched', 'cases', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted'] as const satisfies readonly FigureKey[];
