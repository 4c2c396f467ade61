import type { Judgement } from '../../../domain/rules/judgement.ts';
import { normalisePostcode } from '../../../domain/signals/normalise.ts';
import type { SignalInput } from '../../../domain/signals/signal.ts';
import type { AddressRouter, Sender, SignalJudge } from '../../rules/signal-judge.ts';

/**
 * Routes a signal without a municipality code to the municipality of its address, then judges it.
 * Routing first, so that the receiving municipality is judged like any other (designated? existing
 * on the date?).
 */
export function routeAndJudge(
  signal: SignalInput,
  sender: Sender,
  judge: SignalJudge,
  router: AddressRouter,
): { signal: SignalInput; judgement: Judgement } {
  let routed = signal;
  if (!signal.municipalityCode && signal.address?.postcode) {
    const pc = normalisePostcode(signal.address.postcode);
    const code = pc ? router.municipalityOf(pc, signal.address.houseNumber, signal.signalDate) : undefined;
    if (code) routed = { ...signal, municipalityCode: code };
  }
  return { signal: routed, judgement: judge.judge(routed, sender) };
}
