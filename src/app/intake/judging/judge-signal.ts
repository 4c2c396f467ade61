import type { Judgement } from '../../../domain/rules/judgement.ts';
import { isMunicipalityCode } from '../../../domain/rules/input-checks.ts';
import { GIVEN, unplacedRefusal, type Routing } from '../../../domain/routing/routing.ts';
import { normalisePostcode } from '../../../domain/signals/normalise.ts';
import type { SignalInput } from '../../../domain/signals/signal.ts';
import type { AddressRouter, Sender, SignalJudge } from '../../rules/signal-judge.ts';

export interface RoutedJudgement {
  signal: SignalInput;
  judgement: Judgement;
  routing: Routing;
}

/**
 * Places a signal in the municipality of its address, then judges it. Routing first, so that the
 * receiving municipality is judged like any other (designated? existing on the date?). A missing
 * code is filled in from the address; a code the address table contradicts is replaced (the
 * creditor sends to where the resident lives; `routing.from` keeps what was sent); a missing code
 * whose address cannot be placed is refused with the reason.
 */
export function routeAndJudge(signal: SignalInput, sender: Sender, judge: SignalJudge, router: AddressRouter): RoutedJudgement {
  const pc = signal.address?.postcode ? normalisePostcode(signal.address.postcode) : undefined;
  if (!pc) return { signal, judgement: judge.judge(signal, sender), routing: GIVEN };
  const houseNumber = signal.address?.houseNumber;
  const placement = router.place(pc, houseNumber, signal.signalDate);
  const given = signal.municipalityCode;
  if (!given) {
    if (placement.municipality === undefined) {
      const judgement = judge.judge(signal, sender);
      const refusal = unplacedRefusal(placement, pc, houseNumber);
      const refusals = judgement.refusals.map((r) => (r.code === 'MUNICIPALITY_MISSING' ? refusal : r));
      return { signal, judgement: { ...judgement, refusals }, routing: GIVEN };
    }
    const routed = { ...signal, municipalityCode: placement.municipality };
    return { signal: routed, judgement: judge.judge(routed, sender), routing: { by: placement.by } };
  }
  if (placement.municipality !== undefined && placement.by === 'address' && isMunicipalityCode(given) && given !== placement.municipality) {
    const routed = { ...signal, municipalityCode: placement.municipality };
    return { signal: routed, judgement: judge.judge(routed, sender), routing: { by: 'address-corrected', from: given } };
  }
  return { signal, judgement: judge.judge(signal, sender), routing: GIVEN };
}
