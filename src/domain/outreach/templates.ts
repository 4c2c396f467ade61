/**
 * Outreach texts: a municipality's letter, e-mail and SMS templates with merge fields, the
 * platform's default texts (plain Dutch at B1 level, and English), and the merge itself.
 */

export const CHANNELS = ['letter', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const MERGE_FIELDS = ['naam', 'adres', 'gemeente', 'datum', 'contactpersoon', 'telefoon'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface Template {
  channel: Channel;
  language: Language;
  subject: string;
  body: string;
  contactPerson: string;
  contactPhone: string;
}


// Short sentences, everyday words, one message per paragraph: what a resident with payment
// arrears can read at B1 level. No amounts or creditors: the letter only invites contact.
const DEFAULT_TEXT: Record<Language, Record<Channel, { subject: string; body: string }>> = {
  nl: {
    letter: {
      subject: 'Wij willen u graag helpen',
      body: [
        'Beste {{naam}},',
        'Wij hebben gehoord dat u een betaling nog niet hebt gedaan. Dat kan iedereen gebeuren. Wij willen graag met u praten. Zo voorkomen we dat het probleem groter wordt.',
        'Hulp van de gemeente {{gemeente}} is gratis. U hoeft niets te betalen.',
        'Wilt u ons bellen? Bel {{contactpersoon}} op {{telefoon}}. U kunt ook wachten: wij bellen of komen misschien even langs.',
        'Met vriendelijke groet,',
        '{{contactpersoon}}\nGemeente {{gemeente}}',
      ].join('\n\n'),
    },
    email: {
      subject: 'Wij willen u graag helpen',
      body: [
        'Beste {{naam}},',
        'Wij hebben gehoord dat u een betaling nog niet hebt gedaan. Dat kan iedereen gebeuren. Wij willen graag met u praten. Hulp van de gemeente {{gemeente}} is gratis.',
        'Bel {{contactpersoon}} op {{telefoon}}. Of stuur een antwoord op deze e-mail.',
        'Met vriendelijke groet,\n{{contactpersoon}}\nGemeente {{gemeente}}',
      ].join('\n\n'),
    },
    sms: {
      subject: '',
      body: 'Gemeente {{gemeente}}: wij willen u graag helpen met een betaling die nog open staat. Hulp is gratis. Bel {{contactpersoon}}: {{telefoon}}.',
    },
  },
  en: {
    letter: {
      subject: 'We would like to help you',
      body: [
        'Dear {{naam}},',
        'We have heard that a payment of yours has not been made yet. This can happen to anyone. We would like to talk with you, so the problem does not grow.',
        'Help from the municipality of {{gemeente}} is free. You do not have to pay anything.',
        'Would you like to call us? Call {{contactpersoon}} on {{telefoon}}. You can also wait: we will call you or may visit you.',
        'Kind regards,',
        '{{contactpersoon}}\nMunicipality of {{gemeente}}',
      ].join('\n\n'),
    },
    email: {
      subject: 'We would like to help you',
      body: [
        'Dear {{naam}},',
        'We have heard that a payment of yours has not been made yet. This can happen to anyone. We would like to talk with you. Help from the municipality of {{gemeente}} is free.',
        'Call {{contactpersoon}} on {{telefoon}}, or reply to this e-mail.',
        'Kind regards,\n{{contactpersoon}}\nMunicipality of {{gemeente}}',
      ].join('\n\n'),
    },
    sms: {
      subject: '',
      body: 'Municipality of {{gemeente}}: we would like to help you with a payment that is still open. Help is free. Call {{contactpersoon}}: {{telefoon}}.',
    },
  },
};

/** The text a municipality gets until it writes its own; the contact person and phone are its own to fill in. */
export function defaultTemplate(channel: Channel, language: Language): Template {
  const t = DEFAULT_TEXT[language][channel];
  // 14 + area code reaches every municipality's front desk; 14 020 is Amsterdam's, the demo's.
  return { channel, language, subject: t.subject, body: t.body, contactPerson: language === 'nl' ? 'het team Vroegsignalering' : 'the early signalling team', contactPhone: '14 020' };
}

const FIELD = /\{\{\s*([a-z]+)\s*\}\}/g;

const MAX_BODY = { letter: 5000, email: 5000, sms: 480 } as const;

/** Checks an edited template: only known merge fields, a body of a sensible length. */
export function validateTemplate(t: Template): Partial<Record<'subject' | 'body' | 'contactPerson' | 'contactPhone', string>> {
  const errors: Partial<Record<'subject' | 'body' | 'contactPerson' | 'contactPhone', string>> = {};
  for (const [key, text] of [['subject', t.subject], ['body', t.body]] as const) {
    const unknown = [...text.matchAll(FIELD)].map((m) => m[1]!).filter((f) => !(MERGE_FIELDS as readonly string[]).includes(f));
    if (unknown.length) errors[key] = `unknown merge field: ${[...new Set(unknown)].join(', ')}`;
  }
  if (!t.body.trim()) errors.body = 'the text is empty';
  else if (t.body.length > MAX_BODY[t.channel]) errors.body = `longer than ${MAX_BODY[t.channel]} characters`;
  if (t.channel === 'email' && !t.subject.trim()) errors.subject = 'an e-mail needs a subject';
  if (t.subject.length > 200) errors.subject = 'longer than 200 characters';
  if (t.contactPerson.length > 200) errors.contactPerson = 'longer than 200 characters';
  if (!/^[0-9 +()-]{0,30}$/.test(t.contactPhone)) errors.contactPhone = 'not a phone number';
  return errors;
}

/** Fills the merge fields; a field without a value becomes empty, never the raw {{code}}. */
function merge(text: string, values: Partial<Record<MergeField, string>>): string {
  return text.replace(FIELD, (_, f: string) => values[f as MergeField] ?? '');
}

const MONTHS: Record<Language, string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** An ISO date as a letter writes it: "5 december 2026". */
export function letterDate(iso: string, language: Language): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[language][m - 1]} ${y}`;
}

/** A template filled in for one resident: what a letter, e-mail or SMS says. */
export interface ComposedText {
  subject: string;
  body: string;
}

export function compose(t: Template, values: { naam: string; adres: string; gemeente: string; datum: string }): ComposedText {
  const all: Record<MergeField, string> = { ...values, contactpersoon: t.contactPerson, telefoon: t.contactPhone };
  return { subject: merge(t.subject, all), body: merge(t.body, all) };
}

/** "Gemeente Amsterdam" → "Amsterdam": the templates say "Gemeente {{gemeente}}" themselves. */
export function municipalityShortName(organisationName: string): string {
  return organisationName.replace(/^gemeente\s+/i, '');
}
