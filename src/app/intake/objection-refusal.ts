import type { Refusal } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import type { Pseudonymizer } from '../../domain/privacy/pseudonym.ts';
import { surnameKey } from '../../domain/matching/normalise-address.ts';
import type { ObjectionKey } from '../../db/repositories/resident-objections.ts';
import { subjectPseudonymOf } from './subject.ts';

/**
 * The refusal of a signal about a resident who objected to the municipality's processing for early
 * signalling (art. 21 lid 1 AVG; README "Objections"). Unlike TR art. 1.2 onder d — an objection to
 * one creditor's signal, answered in that creditor's reminder — this one binds every sender, for
 * as long as the objection stands. Nothing of the row is kept, as with that one.
 */
export const OBJECTION_REGISTERED: Refusal = {
  code: 'RESIDENT_OBJECTION_REGISTERED',
  inputError: false,
  citation: {
    regulation: 'algemene-verordening-gegevensbescherming',
    title: 'Algemene verordening gegevensbescherming',
    article: '21',
    paragraph: '1',
    url: 'https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679',
  },
  message: {
    nl: 'De inwoner heeft bij de gemeente bezwaar gemaakt tegen het verwerken van zijn gegevens voor vroegsignalering (art. 21 lid 1 AVG). De gemeente neemt geen signalen over deze persoon aan; stuur dit signaal niet opnieuw.',
    en: 'The resident objected with the municipality to the processing of their data for early signalling (art. 21(1) GDPR). The municipality takes no signals about this person; do not send this signal again.',
  },
};

/** The objection key a signal would be stored under: its subject's pseudonym (BSN, else household address) and, without a BSN, its surname. */
export function objectionKeyOf(signal: SignalInput, pseudonymize: Pseudonymizer): ObjectionKey {
  return {
    municipality: signal.municipalityCode ?? '',
    subject: subjectPseudonymOf(signal, pseudonymize),
    surnameKey: signal.person ? surnameKey(signal.person.prefix, signal.person.surname) : null,
  };
}
