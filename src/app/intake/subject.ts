import type { Pseudonymizer } from '../../domain/privacy/pseudonym.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';

/** The data subject of a signal as a keyed pseudonym: the BSN where given, else the address. */
export function subjectPseudonymOf(signal: SignalInput, pseudonymize: Pseudonymizer): string {
  if (signal.bsn) return pseudonymize('bsn', signal.bsn);
  const a = signal.address;
  return pseudonymize('address', `${normalisePostcode(a?.postcode) ?? ''}|${a?.houseNumber ?? ''}|${a?.houseNumberAddition ?? ''}`);
}
