import { defineMessages, type Locale } from '../i18n/index.ts';
import { composeMail, type ComposedMail } from './compose.ts';

/**
 * Every e-mail the platform sends to its users, in Dutch (B1: short sentences, common words) and
 * English, the user's own language. The link is the only thing to do in each; the text says how long
 * it works and what to do when the mail was not expected.
 */
export const mailMessages = defineMessages({
  nl: {
    greeting: 'Beste {name},',
    closing: 'Met vriendelijke groet,\nvroegsignaal',
    automatic: 'Dit is een automatisch bericht. U kunt niet antwoorden op deze e-mail.',
    resetSubject: 'Nieuw wachtwoord voor vroegsignaal',
    resetIntro: 'U heeft gevraagd om een nieuw wachtwoord voor vroegsignaal. Kies een nieuw wachtwoord via de link hieronder.',
    resetAction: 'Kies een nieuw wachtwoord',
    resetValidity: 'De link werkt {hours} uur, en maar één keer.',
    resetValidityOne: 'De link werkt 1 uur, en maar één keer.',
    resetNotYou: 'Heeft u dit niet gevraagd? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.',
    inviteSubject: 'Uitnodiging voor vroegsignaal van {organisation}',
    inviteIntro: 'U krijgt een account voor vroegsignaal bij {organisation}. Kies eerst een wachtwoord via de link hieronder. Daarna kunt u inloggen met dit e-mailadres.',
    inviteAction: 'Kies uw wachtwoord',
    inviteValidity: 'De link werkt {days} dagen, en maar één keer. Is de link verlopen? Vraag dan de beheerder van {organisation} om een nieuwe uitnodiging.',
    inviteNotYou: 'Kent u {organisation} niet, of verwachtte u deze e-mail niet? Dan kunt u deze e-mail negeren.',
  },
  en: {
    greeting: 'Dear {name},',
    closing: 'Kind regards,\nvroegsignaal',
    automatic: 'This is an automatic message. You cannot reply to this e-mail.',
    resetSubject: 'New password for vroegsignaal',
    resetIntro: 'You asked for a new password for vroegsignaal. Choose a new password through the link below.',
    resetAction: 'Choose a new password',
    resetValidity: 'The link works for {hours} hours, and only once.',
    resetValidityOne: 'The link works for 1 hour, and only once.',
    resetNotYou: 'Did you not ask for this? Then you do not need to do anything. Your password stays the same.',
    inviteSubject: 'Invitation to vroegsignaal from {organisation}',
    inviteIntro: 'You have an account for vroegsignaal at {organisation}. First choose a password through the link below. Then you can log in with this e-mail address.',
    inviteAction: 'Choose your password',
    inviteValidity: 'The link works for {days} days, and only once. Has the link expired? Ask the administrator of {organisation} for a new invitation.',
    inviteNotYou: 'Do you not know {organisation}, or did you not expect this e-mail? Then you can ignore it.',
  },
});

export function passwordResetMail(locale: Locale, v: { name: string; link: string; hours: number }): ComposedMail {
  const t = mailMessages(locale);
  return composeMail(locale, t('resetSubject'), [
    { paragraph: t('greeting', { name: v.name }) },
    { paragraph: t('resetIntro') },
    { action: t('resetAction'), href: v.link },
    { paragraph: v.hours === 1 ? t('resetValidityOne') : t('resetValidity', { hours: v.hours }) },
    { paragraph: t('resetNotYou') },
    { paragraph: t('closing') },
    { paragraph: t('automatic') },
  ]);
}

export function invitationMail(locale: Locale, v: { name: string; organisation: string; link: string; days: number }): ComposedMail {
  const t = mailMessages(locale);
  return composeMail(locale, t('inviteSubject', { organisation: v.organisation }), [
    { paragraph: t('greeting', { name: v.name }) },
    { paragraph: t('inviteIntro', { organisation: v.organisation }) },
    { action: t('inviteAction'), href: v.link },
    { paragraph: t('inviteValidity', { days: v.days, organisation: v.organisation }) },
    { paragraph: t('inviteNotYou', { organisation: v.organisation }) },
    { paragraph: t('closing') },
    { paragraph: t('automatic') },
  ]);
}
