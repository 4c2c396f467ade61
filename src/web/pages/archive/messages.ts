import { defineMessages } from '../../i18n/locale.ts';

export const archiveMessages = defineMessages({
  nl: {
    navArchive: 'Archief',
    archiveTitle: 'Archief',
    archiveIntro: 'Zoek afgesloten zaken van uw gemeente op zaaknummer, postcode, achternaam of de periode waarin ze zijn afgesloten. Elke zoekopdracht wordt vastgelegd.',
    searchTitle: 'Zoeken in het archief',
    caseId: 'Zaaknummer',
    postcode: 'Postcode',
    name: 'Achternaam',
    nameHelp: 'Zonder voorvoegsel of met: "Van der Meer" vindt ook "Meer".',
    closedFrom: 'Afgesloten vanaf',
    closedTo: 'Afgesloten tot en met',
    searchButton: 'Zoeken',
    results: 'Gevonden afgesloten zaken',
    none: 'Geen afgesloten zaken gevonden.',
    more: 'Er zijn meer dan {n} zaken gevonden. Maak de zoekopdracht nauwkeuriger.',
    colCase: 'Zaak',
    colAddress: 'Adres',
    colSignals: 'Signalen',
    colResult: 'Eindresultaat',
    colClosed: 'Afgesloten op',
    reopenTitle: 'Zaak {id} heropenen',
    reopenIntro: 'De zaak is afgesloten met "{result}". Heropenen zet de zaak terug in de werklijst; het eindresultaat vervalt. Uw reden wordt vastgelegd in de tijdlijn en het auditlogboek.',
    reopenLink: 'Zaak heropenen',
    reason: 'Reden voor heropenen',
    reopenButton: 'Heropenen',
    backToCase: 'Terug naar de zaak',
    reopened: 'De zaak is heropend.',
    ev_reopened: 'Zaak heropend: {reason}',
    err_caseId: 'Geen geldig zaaknummer.',
    err_postcode: 'Geen geldige postcode (1234 AB).',
    err_name: 'Geen geldige achternaam.',
    err_date: 'Geen geldige datum (JJJJ-MM-DD).',
    err_order: 'De einddatum ligt vóór de begindatum.',
    err_form: 'Vul ten minste een zaaknummer, postcode, achternaam of periode in.',
    err_reason: 'Geef een reden op.',
    err_reasonLong: 'De reden is langer dan {n} tekens.',
    err_notClosed: 'De zaak is niet afgesloten.',
    err_householdOpen: 'Dit huishouden heeft al een open zaak ({id}); werk daarin verder.',
  },
  en: {
    navArchive: 'Archive',
    archiveTitle: 'Archive',
    archiveIntro: "Search your municipality's closed cases by case number, postcode, surname or the period they were closed in. Every search is recorded.",
    searchTitle: 'Search the archive',
    caseId: 'Case number',
    postcode: 'Postcode',
    name: 'Surname',
    nameHelp: 'With or without prefix: "Van der Meer" also finds "Meer".',
    closedFrom: 'Closed from',
    closedTo: 'Closed up to and including',
    searchButton: 'Search',
    results: 'Closed cases found',
    none: 'No closed cases found.',
    more: 'More than {n} cases were found. Narrow the search.',
    colCase: 'Case',
    colAddress: 'Address',
    colSignals: 'Signals',
    colResult: 'End result',
    colClosed: 'Closed on',
    reopenTitle: 'Re-open case {id}',
    reopenIntro: 'The case was closed with "{result}". Re-opening puts the case back on the worklist; the end result lapses. Your reason is recorded in the timeline and the audit log.',
    reopenLink: 'Re-open case',
    reason: 'Reason for re-opening',
    reopenButton: 'Re-open',
    backToCase: 'Back to the case',
    reopened: 'The case has been re-opened.',
    ev_reopened: 'Case re-opened: {reason}',
    err_caseId: 'Not a valid case number.',
    err_postcode: 'Not a valid postcode (1234 AB).',
    err_name: 'Not a valid surname.',
    err_date: 'Not a valid date (YYYY-MM-DD).',
    err_order: 'The end date is before the start date.',
    err_form: 'Fill in at least a case number, postcode, surname or period.',
    err_reason: 'Give a reason.',
    err_reasonLong: 'The reason is longer than {n} characters.',
    err_notClosed: 'The case is not closed.',
    err_householdOpen: 'This household already has an open case ({id}); continue in that one.',
  },
});
export type ArchiveT = ReturnType<typeof archiveMessages>;

/** The domain's reasons (English, for code) in the user's language. */
export function archiveReason(t: ArchiveT, reason: string): string {
  if (reason === 'not a case number') return t('err_caseId');
  if (reason.startsWith('not a postcode')) return t('err_postcode');
  if (reason === 'not a surname') return t('err_name');
  if (reason.startsWith('not a date')) return t('err_date');
  if (reason === 'the end is before the start') return t('err_order');
  if (reason.startsWith('give at least one')) return t('err_form');
  if (reason === 'a reason is required') return t('err_reason');
  const long = /longer than (\d+) characters/.exec(reason);
  if (long) return t('err_reasonLong', { n: long[1]! });
  if (reason === 'the case is not closed') return t('err_notClosed');
  const open = /^the household has an open case: (\d+)$/.exec(reason);
  if (open) return t('err_householdOpen', { id: open[1]! });
  return reason;
}
