import type { SignalInput } from '../../../domain/signals/signal.ts';
import type { Pseudonymizer } from '../../../domain/privacy/pseudonym.ts';
import { surnameKey } from '../../../domain/matching/normalise-address.ts';
import type { ObjectionKey } from '../../../db/repositories/resident-objections.ts';
import { subjectPseudonymOf } from '../../../domain/intake/subject.ts';

/** The objection key a signal would be stored under: its subject's pseudonym (BSN, else household address) and, without a BSN, its surname. */
export function objectionKeyOf(signal: SignalInput, pseudonymize: Pseudonymizer): ObjectionKey {
  return {
    municipality: signal.municipalityCode ?? '',
    subject: subjectPseudonymOf(signal, pseudonymize),
    surnameKey: signal.person ? surnameKey(signal.person.prefix, signal.person.surname) : null,
  };
}
