import { defineMessages, type Locale } from '../i18n/index.ts';
import type { Digest, DigestEntry } from '../worklist/digest.ts';
import { composeMail, type ComposedMail, type MailBlock } from './compose.ts';

/**
 * The daily digest, on the start page and by e-mail. Case numbers, due dates and counts only:
 * the mail leaves the platform, so it never names a resident or an address (privacy by design).
 */
export const digestMessages = defineMessages({
  nl: {
    subject: 'Uw overzicht van vroegsignaal voor {date}',
    heading: 'Uw overzicht van vandaag',
    intro: 'Dit zijn de zaken die vandaag aandacht nodig hebben. Het gaat om uw eigen zaken en om zaken die nog niemand heeft opgepakt.',
    empty: 'Er zijn vandaag geen nieuwe crisiszaken, geen termijnen die bijna verlopen en geen te late zaken.',
    newCrisis: 'Nieuwe crisiszaken',
    dueSoon: 'Termijn binnen 2 werkdagen',
    overdue: 'Termijn verlopen',
    count: '{title}: {n}',
    caseLine: 'Zaak {id}, termijn {due}',
    own: 'van u',
    unassigned: 'nog niet toegewezen',
    more: 'En nog {n} zaken. U vindt ze in de werklijst.',
    openWorklist: 'Open de werklijst',
    greeting: 'Beste {name},',
    mailIntro: 'Dit is uw dagelijkse overzicht van vroegsignaal. Het gaat om uw eigen zaken en om zaken die nog niemand heeft opgepakt. Namen en adressen staan niet in deze e-mail. U ziet ze als u de zaak opent.',
    closing: 'Met vriendelijke groet,\nvroegsignaal',
    automatic: 'Dit is een automatisch bericht. U kunt niet antwoorden op deze e-mail.',
  },
  en: {
    subject: 'Your vroegsignaal overview for {date}',
    heading: "Today's overview",
    intro: 'These cases need attention today. They are your own cases and cases nobody has picked up yet.',
    empty: 'Today there are no new crisis cases, no deadlines about to pass and no late cases.',
    newCrisis: 'New crisis cases',
    dueSoon: 'Deadline within 2 working days',
    overdue: 'Deadline passed',
    count: '{title}: {n}',
    caseLine: 'Case {id}, deadline {due}',
    own: 'yours',
    unassigned: 'not assigned yet',
    more: 'And {n} more cases. You find them in the worklist.',
    openWorklist: 'Open the worklist',
    greeting: 'Dear {name},',
    mailIntro: 'This is your daily overview from vroegsignaal. It covers your own cases and cases nobody has picked up yet. Names and addresses are not in this e-mail. You see them when you open the case.',
    closing: 'Kind regards,\nvroegsignaal',
    automatic: 'This is an automatic message. You cannot reply to this e-mail.',
  },
});

export const DIGEST_SECTIONS = ['newCrisis', 'dueSoon', 'overdue'] as const;
/** At most this many cases per list in the mail; the rest is counted. */
const DIGEST_MAIL_CASES = 20;

const DATE = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

function digestDate(locale: Locale, day: string): string {
  return DATE[locale].format(new Date(`${day}T00:00:00Z`));
}

export function digestCaseLabel(locale: Locale, e: DigestEntry): string {
  const t = digestMessages(locale);
  return `${t('caseLine', { id: e.id, due: digestDate(locale, e.due) })} (${e.own ? t('own') : t('unassigned')})`;
}

export function digestMail(locale: Locale, v: { name: string; digest: Digest; baseUrl: string }): ComposedMail {
  const t = digestMessages(locale);
  const base = v.baseUrl.replace(/\/+$/, '');
  const blocks: MailBlock[] = [{ paragraph: t('greeting', { name: v.name }) }, { paragraph: t('mailIntro') }];
  for (const section of DIGEST_SECTIONS) {
    const entries = v.digest[section];
    if (entries.length === 0) continue;
    blocks.push({ paragraph: t('count', { title: t(section), n: entries.length }) });
    for (const e of entries.slice(0, DIGEST_MAIL_CASES)) blocks.push({ action: digestCaseLabel(locale, e), href: `${base}/zaken/${e.id}` });
    if (entries.length > DIGEST_MAIL_CASES) blocks.push({ paragraph: t('more', { n: entries.length - DIGEST_MAIL_CASES }) });
  }
  blocks.push({ action: t('openWorklist'), href: `${base}/werklijst` }, { paragraph: t('closing') }, { paragraph: t('automatic') });
  return composeMail(locale, t('subject', { date: digestDate(locale, v.digest.day) }), blocks);
}
