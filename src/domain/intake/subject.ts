import type { Pseudonymizer } from '../privacy/pseudonym.ts';
import { normalisePostcode } from '../signals/normalise.ts';
import type { SignalInput } from '../signals/signal.ts';

/** The pseudonym of a household address ('postcode|number|addition', postcode normalised) as the data subject. */
export function addressSubjectPseudonym(
  pseudonymize: Pseudonymizer,
  normalisedPostcode: string | null | undefined,
  houseNumber: string | null | undefined,
  addition: string | null | undefined,
): string {
  return pseudonymize('address', `${normalisedPostcode ?? ''}|${houseNumber ?? ''}|${addition ?? ''}`);
}

/** The data subject of a signal as a keyed pseudonym: the BSN where given, else the address. */
export function subjectPseudonymOf(signal: SignalInput, pseudonymize: Pseudonymizer): string {
  if (signal.bsn) return pseudonymize('bsn', signal.bsn);
  const a = signal.address;
  return addressSubjectPseudonym(pseudonymize, normalisePostcode(a?.postcode), a?.houseNumber, a?.houseNumberAddition);
}
