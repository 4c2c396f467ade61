import type { Citation, Refusal } from '../rules/judgement.ts';

/**
 * What a resident chose on /mijn-signaal (issue 24), and what intake makes of it for the signal
 * with the reminder's reference: an objection refuses it (TR art. 1.2 onder d: the creditor may
 * send only if the resident did not refuse); a consent lets it through where an experiment arm
 * asks for prior consent; a help request lets it through as a warm transfer (DDAS
 * `warmeOverdracht`). A help request is a consent too: the resident asked for the contact.
 */
export const RESIDENT_CHOICES = ['objected', 'consented', 'help'] as const;
export type ResidentChoice = (typeof RESIDENT_CHOICES)[number];

export const isResidentChoice = (v: unknown): v is ResidentChoice => typeof v === 'string' && (RESIDENT_CHOICES as readonly string[]).includes(v);

const TR_1_2_D: Citation = {
  regulation: 'tijdelijke-regeling-signaal-betalingsachterstanden',
  title: 'Tijdelijke regeling signaal betalingsachterstanden',
  article: '1.2',
  item: 'd',
  url: 'https://wetten.overheid.nl/BWBR0045906/',
};

/** Same code as the field in the signal (RESIDENT_OBJECTED), so nothing of the row is kept either. */
const OBJECTED_ONLINE: Refusal = {
  code: 'RESIDENT_OBJECTED',
  inputError: false,
  citation: TR_1_2_D,
  message: {
    nl: 'De inwoner heeft met de code uit uw aanmaning bezwaar gemaakt (art. 1.2 onder d Tijdelijke regeling). U mag dit signaal niet verstrekken; stuur het niet opnieuw.',
    en: 'The resident objected with the code from your reminder (art. 1.2(d) Tijdelijke regeling). You may not provide this signal; do not send it again.',
  },
};

const PRIOR_CONSENT_MISSING: Refusal = {
  code: 'PRIOR_CONSENT_MISSING',
  inputError: false,
  citation: TR_1_2_D,
  message: {
    nl: 'Dit signaal valt in een experimentgroep "met voorafgaande toestemming". De inwoner heeft (nog) geen toestemming gegeven met de code uit uw aanmaning. Stuur het signaal pas als de inwoner toestemming heeft gegeven.',
    en: 'This signal falls in an experiment arm "with prior consent". The resident has not (yet) given consent with the code from your reminder. Send the signal only once the resident has consented.',
  },
};

export interface IntakeVerdict {
  refusal: Refusal | null;
  warmTransfer: boolean;
}

/** What intake does with a signal, given the resident's choice (null: none, or no code) and whether its arm needs prior consent. */
export function intakeVerdict(choice: ResidentChoice | null, consentRequired: boolean): IntakeVerdict {
  if (choice === 'objected') return { refusal: OBJECTED_ONLINE, warmTransfer: false };
  if (consentRequired && choice !== 'consented' && choice !== 'help') return { refusal: PRIOR_CONSENT_MISSING, warmTransfer: false };
  return { refusal: null, warmTransfer: choice === 'help' };
}

/** A choice can be changed while the reminder runs and its signal has not arrived. */
export function canChange(r: { expiresAt: Date; signalReceivedAt: Date | null }, now: Date): boolean {
  return r.signalReceivedAt === null && r.expiresAt > now;
}
