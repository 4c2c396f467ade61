import { defineMessages, textIn, type Locale } from '../i18n/index.ts';
import { addDays } from '../matching/dates.ts';
import { deletionDay } from './retention.ts';
import type { AccessCase, AccessDocument, AccessSignal } from './access-document.ts';

/**
 * The answer to an access request (art. 15 AVG) in plain language, as the resident reads it: what
 * the municipality holds, where it came from, why, what was done with it, who received it, how
 * long it is kept, and what the resident can do. One structure, rendered on screen and as a PDF.
 */
export interface AccessAnswer {
  lang: Locale;
  title: string;
  intro: string[];
  sections: AnswerSection[];
}

export interface AnswerSection {
  heading: string;
  paragraphs: string[];
  /** Label–value lists, one per thing (a signal). */
  facts?: Array<{ title: string; items: Array<[string, string]> }>;
  tables?: AnswerTable[];
}

export interface AnswerTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface AnswerContext {
  lang: Locale;
  municipalityName: string;
  /** Display names of organisations (senders, creditors) by id. */
  organisationNames: ReadonlyMap<string, string>;
  /** Signal types in words, in the answer's language, by code. */
  signalTypeNames: ReadonlyMap<string, string>;
}

/** A BSN as the screens and the answer show it: only the last three digits. */
export function maskBsn(bsn: string): string {
  return `******${bsn.slice(-3)}`;
}

/** @public Exported for the catalog test (src/domain/i18n/catalogs.test.ts), which checks every catalog. */
export const accessAnswerMessages = defineMessages({
  nl: {
    title: 'Antwoord op uw verzoek om inzage',
    intro1: 'U hebt gevraagd welke persoonsgegevens {m} over u gebruikt voor vroegsignalering van schulden (artikel 15 van de Algemene verordening gegevensbescherming, AVG).',
    intro2: 'Hieronder staat alles wat wij op {d} over u bewaren. Wij hebben u gezocht op uw {by}.',
    introNone: 'Wij hebben op {d} geen gegevens over u gevonden voor vroegsignalering. Wij hebben u gezocht op uw {by}.',
    byBsn: 'burgerservicenummer (BSN)',
    byAddress: 'adres',
    why: 'Waarom wij deze gegevens hebben',
    whyText: 'Als u een rekening niet op tijd betaalt, mogen sommige bedrijven dat aan de gemeente melden. Zo’n melding heet een signaal. De gemeente neemt dan contact met u op om hulp aan te bieden, voordat de schulden groter worden.',
    basis: 'De wettelijke grondslag: {p}',
    sources: 'Van wie wij de gegevens kregen',
    sourceLine: '{s} meldde op {d} een betalingsachterstand ({t}){c}.',
    sourceCreditor: ' namens {c}',
    data: 'Welke gegevens wij over u hebben',
    dataText: 'Per signaal staan hieronder de gegevens die de melder over u doorgaf.',
    signal: 'Signaal {n}',
    name: 'Naam',
    address: 'Adres',
    bsn: 'BSN (verkort)',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    customerNumber: 'Klantnummer bij de melder',
    signalType: 'Soort achterstand',
    amount: 'Bedrag van de achterstand',
    signalDate: 'Datum van het signaal',
    receivedAt: 'Ontvangen op',
    status: 'Stand van zaken',
    sender: 'Gemeld door',
    notGiven: 'niet doorgegeven',
    done: 'Wat wij met uw gegevens deden',
    noCases: 'Er is geen zaak voor u aangemaakt.',
    caseLine: 'Zaak {id}: geopend op {o}; {state}.',
    caseOpen: 'nog niet afgerond',
    casePicked: 'opgepakt op {d}',
    caseClosed: 'afgerond op {d} met als uitkomst: {r}',
    attempts: 'Contact met u',
    attemptsHead: 'Datum|Hoe|Bereikt',
    yes: 'ja',
    no: 'nee',
    notes: 'Aantekeningen bij uw zaak',
    notesHead: 'Datum|Aantekening',
    messages: 'Brieven en berichten aan u',
    messagesHead: 'Verstuurd op|Soort',
    ch_letter: 'brief',
    ch_email: 'e-mail',
    ch_sms: 'sms',
    other: 'Overige vastgelegde gegevens',
    otherHead: 'Soort gegeven|Inhoud',
    objection: 'Bezwaar',
    objectionNone: 'Er staat geen bezwaar van u geregistreerd.',
    objectionLine: 'Op {d} is uw bezwaar geregistreerd. Wij nemen sindsdien geen nieuwe signalen over u meer aan.',
    recipients: 'Wie uw gegevens kreeg',
    recCreditor: 'De melder hoort alleen of het signaal is opgepakt, en niet wat de gemeente met u besprak.',
    recCbs: 'Het Centraal Bureau voor de Statistiek (CBS) kreeg gegevens over de signalen en de zaak voor de landelijke monitor vroegsignalering. Het CBS maakt daar alleen cijfers van en publiceert nooit iets over personen.',
    recDebtHelp: 'Met uw toestemming hebben wij uw gegevens doorgegeven aan de schuldhulpverlening van de gemeente ({d}).',
    recNone: 'Verder hebben wij uw gegevens aan niemand gegeven.',
    retention: 'Hoe lang wij uw gegevens bewaren',
    retentionText: 'Signalen die niet zijn opgepakt, verwijderen wij {a} maanden na ontvangst. Signalen waarover wij contact met u hadden, verwijderen wij {b} maanden na ontvangst, maar niet voordat de zaak is afgerond. Een afgeronde zaak verwijderen wij {c} maanden na afronding. Het verwijderen gebeurt \'s nachts; hieronder staat per signaal en zaak in welke nacht, zolang er niets verandert.',
    retentionHead: 'Wat|Wordt verwijderd',
    retentionOpen: '{n} maanden na afronding van de zaak',
    retentionNight: 'in de nacht voor {d}',
    retentionSignal: 'Signaal {n}',
    retentionCase: 'Zaak {id}',
    log: 'Wie uw gegevens gebruikte',
    logText: 'Elke keer dat iemand uw gegevens bekijkt of gebruikt, wordt dat vastgelegd. Dit zijn de vastleggingen van de gemeente over u, nieuwste eerst.',
    logTruncated: 'Alleen de laatste {n} vastleggingen staan hier.',
    logHead: 'Wanneer|Wat|Door',
    by_user: 'een medewerker',
    by_api_key: 'een koppeling',
    by_job: 'het systeem',
    by_system: 'het systeem',
    rights: 'Wat u kunt doen',
    rights1: 'Klopt er iets niet? Dan kunt u ons vragen het te verbeteren (artikel 16 AVG).',
    rights2: 'Wilt u niet dat wij signalen over u gebruiken? Dan kunt u bezwaar maken (artikel 21 AVG). Wij verwijderen dan uw gegevens en nemen geen nieuwe signalen over u aan.',
    rights3: 'Bent u het niet eens met hoe wij met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.',
  },
  en: {
    title: 'Answer to your access request',
    intro1: 'You asked which personal data {m} uses about you for the early signalling of debts (article 15 of the General Data Protection Regulation, GDPR).',
    intro2: 'Below is everything we hold about you on {d}. We looked you up by your {by}.',
    introNone: 'On {d} we found no data about you for early signalling. We looked you up by your {by}.',
    byBsn: 'citizen service number (BSN)',
    byAddress: 'address',
    why: 'Why we have this data',
    whyText: 'If you do not pay a bill on time, some companies may report it to the municipality. Such a report is called a signal. The municipality then contacts you to offer help, before the debts grow.',
    basis: 'The legal basis: {p}',
    sources: 'Where the data came from',
    sourceLine: '{s} reported a payment arrear on {d} ({t}){c}.',
    sourceCreditor: ' on behalf of {c}',
    data: 'What data we hold about you',
    dataText: 'For each signal, the data the sender passed on about you.',
    signal: 'Signal {n}',
    name: 'Name',
    address: 'Address',
    bsn: 'BSN (shortened)',
    phone: 'Phone number',
    email: 'E-mail address',
    customerNumber: 'Customer number at the sender',
    signalType: 'Kind of arrear',
    amount: 'Amount of the arrear',
    signalDate: 'Date of the signal',
    receivedAt: 'Received on',
    status: 'Status',
    sender: 'Reported by',
    notGiven: 'not provided',
    done: 'What we did with your data',
    noCases: 'No case was opened for you.',
    caseLine: 'Case {id}: opened on {o}; {state}.',
    caseOpen: 'not yet finished',
    casePicked: 'picked up on {d}',
    caseClosed: 'finished on {d} with the outcome: {r}',
    attempts: 'Contact with you',
    attemptsHead: 'Date|How|Reached',
    yes: 'yes',
    no: 'no',
    notes: 'Notes on your case',
    notesHead: 'Date|Note',
    messages: 'Letters and messages to you',
    messagesHead: 'Sent on|Kind',
    ch_letter: 'letter',
    ch_email: 'e-mail',
    ch_sms: 'text message',
    other: 'Other recorded data',
    otherHead: 'Kind of data|Content',
    objection: 'Objection',
    objectionNone: 'No objection of yours is registered.',
    objectionLine: 'Your objection was registered on {d}. Since then we accept no new signals about you.',
    recipients: 'Who received your data',
    recCreditor: 'The sender only learns whether the signal was picked up, not what the municipality discussed with you.',
    recCbs: 'Statistics Netherlands (CBS) received data about the signals and the case for the national early-signalling monitor. CBS only makes figures from it and never publishes anything about persons.',
    recDebtHelp: 'With your consent we passed your data on to the municipality’s debt help ({d}).',
    recNone: 'We gave your data to no one else.',
    retention: 'How long we keep your data',
    retentionText: 'Signals that were not picked up are deleted {a} months after receipt. Signals about which we contacted you are deleted {b} months after receipt, but not before the case is finished. A finished case is deleted {c} months after it was finished. Deleting happens at night; below, for each signal and case, in which night, as long as nothing changes.',
    retentionHead: 'What|Deleted',
    retentionOpen: '{n} months after the case is finished',
    retentionNight: 'in the night before {d}',
    retentionSignal: 'Signal {n}',
    retentionCase: 'Case {id}',
    log: 'Who used your data',
    logText: 'Every time someone looks at or uses your data, it is recorded. These are the municipality’s records about you, newest first.',
    logTruncated: 'Only the last {n} records are listed.',
    logHead: 'When|What|By',
    by_user: 'a staff member',
    by_api_key: 'a connected system',
    by_job: 'the system',
    by_system: 'the system',
    rights: 'What you can do',
    rights1: 'Is something wrong? You can ask us to correct it (article 16 GDPR).',
    rights2: 'Do you not want us to use signals about you? You can object (article 21 GDPR). We then delete your data and accept no new signals about you.',
    rights3: 'Do you disagree with how we handle your data? You can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).',
  },
});

const ACTIVITY = {
  nl: { 'case.read': 'uw zaak bekeken', 'case.': 'uw zaak bijgewerkt', 'signal.intake': 'signaal ontvangen', 'signal.match': 'signaal bij een zaak gezocht', 'signal.': 'signaal verwerkt', 'subject.access': 'inzageverzoek behandeld', 'subject.rectify': 'gegevens verbeterd', 'subject.objection': 'bezwaar behandeld', 'outreach.': 'bericht aan u verstuurd', 'referral.': 'overdracht aan schuldhulpverlening', 'ddas.': 'gegevens aan het CBS geleverd', 'retention.': 'gegevens verwijderd (bewaartermijn)', 'worklist.': 'in de werklijst getoond', 'person.': 'adres nagekeken in de basisregistratie', 'experiment.': 'ingedeeld in een proef' },
  en: { 'case.read': 'your case viewed', 'case.': 'your case updated', 'signal.intake': 'signal received', 'signal.match': 'signal matched to a case', 'signal.': 'signal processed', 'subject.access': 'access request handled', 'subject.rectify': 'data corrected', 'subject.objection': 'objection handled', 'outreach.': 'message sent to you', 'referral.': 'hand-off to debt help', 'ddas.': 'data delivered to CBS', 'retention.': 'data deleted (retention)', 'worklist.': 'shown in the worklist', 'person.': 'address checked in the population register', 'experiment.': 'assigned in a trial' },
} as const;

/** An audit activity in words; the code itself when there are none. */
function activityText(activity: string, lang: Locale): string {
  const map: Record<string, string> = ACTIVITY[lang];
  const key = Object.keys(map)
    .filter((k) => (k.endsWith('.') ? activity.startsWith(k) : activity === k))
    .sort((a, b) => b.length - a.length)[0];
  return key ? map[key]! : activity;
}

const LOG_ROWS = 200;

export function buildAccessAnswer(doc: AccessDocument, c: AnswerContext): AccessAnswer {
  const { lang } = c;
  const t = accessAnswerMessages(lang);
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const day = (d: string | Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(typeof d === 'string' && d.length === 10 ? `${d}T12:00:00Z` : d));
  const when = (d: string | Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d));
  const money = (a: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(Number(a));
  const org = (id: string) => c.organisationNames.get(id) ?? id;
  const kind = (code: string) => c.signalTypeNames.get(code) ?? code;
  const by = t(doc.foundBy === 'bsn' ? 'byBsn' : 'byAddress');
  const generated = day(doc.generatedAt);
  const rows = (table: string) => (doc.records[table] ?? []) as Array<Record<string, unknown>>;
  const split = (s: string) => s.split('|');
  const sections: AnswerSection[] = [];

  sections.push({ heading: t('why'), paragraphs: [t('whyText'), t('basis', { p: textIn(doc.purpose, lang) })] });
  if (doc.signals.length > 0) {
    sections.push({
      heading: t('sources'),
      paragraphs: doc.signals.map((s) => t('sourceLine', { s: org(s.sender), d: day(s.signalDate), t: kind(s.signalType), c: s.creditor !== s.sender ? t('sourceCreditor', { c: org(s.creditor) }) : '' })),
    });
    sections.push({ heading: t('data'), paragraphs: [t('dataText')], facts: doc.signals.map((s, i) => ({ title: t('signal', { n: i + 1 }), items: signalFacts(s) })) });
  }

  const done: AnswerSection = { heading: t('done'), paragraphs: doc.cases.length === 0 ? [t('noCases')] : doc.cases.map((k) => caseLine(k)), tables: [] };
  const attempts = rows('contact_attempts');
  if (attempts.length > 0) done.tables!.push({ caption: t('attempts'), head: split(t('attemptsHead')), rows: attempts.map((a) => [day(String(a.attempted_on)), String(a.contact_type), a.reached ? t('yes') : t('no')]) });
  const notes = rows('case_notes');
  if (notes.length > 0) done.tables!.push({ caption: t('notes'), head: split(t('notesHead')), rows: notes.map((n) => [when(String(n.created_at)), String(n.body)]) });
  const messages = rows('outreach_messages');
  if (messages.length > 0) done.tables!.push({ caption: t('messages'), head: split(t('messagesHead')), rows: messages.map((m) => [when(String(m.sent_at)), channel(String(m.channel))]) });
  const shown = new Set(['contact_attempts', 'case_notes', 'outreach_messages', 'referrals']);
  const other = Object.entries(doc.records).filter(([name, list]) => !shown.has(name) && list.length > 0);
  if (other.length > 0)
    done.tables!.push({
      caption: t('other'),
      head: split(t('otherHead')),
      rows: other.flatMap(([name, list]) => (list as Array<Record<string, unknown>>).map((r) => [name, Object.entries(r).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')])),
    });
  sections.push(done);

  sections.push({ heading: t('objection'), paragraphs: doc.objections.length === 0 ? [t('objectionNone')] : doc.objections.map((o) => t('objectionLine', { d: day(o.registeredAt) })) });

  const recipients: string[] = [];
  if (doc.signals.length > 0) recipients.push(t('recCreditor'));
  if (doc.processing.some((p) => p.activity.startsWith('ddas.'))) recipients.push(t('recCbs'));
  for (const r of rows('referrals')) recipients.push(t('recDebtHelp', { d: day(String(r.consent_recorded_at)) }));
  recipients.push(t('recNone'));
  sections.push({ heading: t('recipients'), paragraphs: recipients });

  const p = doc.retention;
  sections.push({
    heading: t('retention'),
    paragraphs: [t('retentionText', { a: p.unpickedSignalMonths, b: p.pickedUpSignalMonths, c: p.caseMonthsAfterClosing })],
    tables:
      doc.signals.length + doc.cases.length > 0
        ? [
            {
              caption: t('retention'),
              head: split(t('retentionHead')),
              rows: [
                ...doc.signals.map((s, i) => [t('retentionSignal', { n: i + 1 }), deletionOfSignal(s)]),
                ...doc.cases.map((k) => [t('retentionCase', { id: k.id }), k.closedAt ? night(deletionDay(k.closedAt.slice(0, 10), p.caseMonthsAfterClosing)) : t('retentionOpen', { n: p.caseMonthsAfterClosing })]),
              ],
            },
          ]
        : [],
  });

  const log = doc.processing.slice(0, LOG_ROWS);
  sections.push({
    heading: t('log'),
    paragraphs: [t('logText'), ...(doc.processingTruncated || doc.processing.length > LOG_ROWS ? [t('logTruncated', { n: log.length })] : [])],
    tables: [{ caption: t('log'), head: split(t('logHead')), rows: log.map((r) => [when(r.at), activityText(r.activity, lang), actorText(r.actorType)]) }],
  });
  sections.push({ heading: t('rights'), paragraphs: [t('rights1'), t('rights2'), t('rights3')] });

  const found = doc.signals.length + doc.cases.length > 0;
  return {
    lang,
    title: t('title'),
    intro: found ? [t('intro1', { m: c.municipalityName }), t('intro2', { d: generated, by })] : [t('intro1', { m: c.municipalityName }), t('introNone', { d: generated, by })],
    sections,
  };

  function signalFacts(s: AccessSignal): Array<[string, string]> {
    const none = t('notGiven');
    const name = [s.person.initials, s.person.givenName, s.person.prefix, s.person.surname].filter(Boolean).join(' ');
    const street = [s.address.street, [s.address.houseNumber, s.address.houseNumberAddition].filter(Boolean).join(' ')].filter(Boolean).join(' ');
    const address = [street, [s.address.postcode, s.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return [
      [t('name'), name || none],
      [t('address'), address || none],
      [t('bsn'), s.bsn ? maskBsn(s.bsn) : none],
      [t('phone'), s.phone ?? none],
      [t('email'), s.email ?? none],
      [t('customerNumber'), s.customerNumber ?? none],
      [t('signalType'), kind(s.signalType)],
      [t('amount'), s.amountEuros === null ? none : money(s.amountEuros)],
      [t('signalDate'), day(s.signalDate)],
      [t('receivedAt'), day(s.receivedAt)],
      [t('status'), s.status],
      [t('sender'), org(s.sender)],
    ];
  }

  function caseLine(k: AccessCase): string {
    const state = k.closedAt ? t('caseClosed', { d: day(k.closedAt), r: k.result ?? '—' }) : k.pickedUpOn ? t('casePicked', { d: day(k.pickedUpOn) }) : t('caseOpen');
    return t('caseLine', { id: k.id, o: day(k.openedAt), state });
  }

  function channel(ch: string): string {
    return ch === 'letter' ? t('ch_letter') : ch === 'email' ? t('ch_email') : ch === 'sms' ? t('ch_sms') : ch;
  }

  function actorText(type: string): string {
    return type === 'user' ? t('by_user') : type === 'api_key' ? t('by_api_key') : type === 'job' ? t('by_job') : t('by_system');
  }

  /** The night the retention run deletes it (deletionDay): the same cut-offs apply-retention uses (src/app/privacy/apply-retention.ts). */
  function night(d: string): string {
    return t('retentionNight', { d: day(d) });
  }

  /** When a signal goes, by the rules apply-retention follows: never picked up, by its own term; picked up, by its term once the case is closed (the first run after closing), at the latest with the case file. */
  function deletionOfSignal(s: AccessSignal): string {
    const k = doc.cases.find((x) => x.id === s.caseId);
    const received = s.receivedAt.slice(0, 10);
    if (!k || (k.pickedUpOn === null && k.status !== 'picked_up')) return night(deletionDay(received, p.unpickedSignalMonths));
    if (!k.closedAt) return t('retentionOpen', { n: p.caseMonthsAfterClosing });
    const closed = k.closedAt.slice(0, 10);
    const bySignal = deletionDay(received, p.pickedUpSignalMonths);
    const afterClosing = addDays(closed, 1);
    const signalDue = bySignal > afterClosing ? bySignal : afterClosing;
    const byCase = deletionDay(closed, p.caseMonthsAfterClosing);
    return night(signalDue < byCase ? signalDue : byCase);
  }

}
