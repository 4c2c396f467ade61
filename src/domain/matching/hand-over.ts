import type { Judgement } from '../rules/judgement.ts';
import type { Residence } from '../routing/person-register.ts';
import type { SignalInput } from '../signals/signal.ts';
import { addressKey } from './normalise-address.ts';

/** DDAS signal status for a signal about someone who does not (or no longer) live in the municipality. */
export const NOT_RESIDENT = 'Persoon is geen inwoner (meer) in de gemeente';

export type HandOver =
  | { kind: 'stay' }
  | { kind: 'hand_over'; from: string; to: string; signal: SignalInput; addressKey: string }
  | { kind: 'relocate'; signal: SignalInput; addressKey: string }
  | { kind: 'not_resident'; from: string; to: string; judgement: Judgement };

/**
 * What to do with a signal whose subject the person register places elsewhere. It stays where the
 * register agrees (or does not know the person). Otherwise it goes to the municipality where the
 * person lives now, at the register's address — but only if the rules allow this sender to signal
 * there (a municipal-tax collector signals only to its own municipality; a mortgage signal only to
 * designated ones): the signal is judged again as if sent there. If the rules do not allow it, it
 * gets the DDAS status "Persoon is geen inwoner (meer) in de gemeente" and no case.
 * Within the same municipality, a person registered at another address than the sender knew is
 * matched with the household where they live now (one person at two addresses is one case).
 */
export function decideHandOver(
  signal: SignalInput,
  municipality: string,
  residence: Residence | undefined,
  judge: (moved: SignalInput) => Judgement,
): HandOver {
  if (!residence) return { kind: 'stay' };
  const key = addressKey(residence.postcode, residence.houseNumber, residence.houseNumberAddition);
  const delivered = addressKey(signal.address?.postcode, signal.address?.houseNumber, signal.address?.houseNumberAddition);
  if (residence.municipalityCode === municipality && (!key || key === delivered)) return { kind: 'stay' };
  const moved: SignalInput = {
    ...signal,
    municipalityCode: residence.municipalityCode,
    address: {
      ...(residence.street ? { street: residence.street } : {}),
      houseNumber: residence.houseNumber,
      ...(residence.houseNumberAddition ? { houseNumberAddition: residence.houseNumberAddition } : {}),
      postcode: residence.postcode,
      ...(residence.city ? { city: residence.city } : {}),
    },
  };
  if (residence.municipalityCode === municipality) return { kind: 'relocate', signal: moved, addressKey: key! };
  const judgement = judge(moved);
  if (judgement.decision !== 'accepted' || !key) return { kind: 'not_resident', from: municipality, to: residence.municipalityCode, judgement };
  return { kind: 'hand_over', from: municipality, to: residence.municipalityCode, signal: moved, addressKey: key };
}
