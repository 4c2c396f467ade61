import type { Judgement } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
export type { AddressRouter } from '../../domain/routing/address-router.ts';

/** Judges one signal from one sending organisation by the rules in force on its date. */
export interface SignalJudge {
  judge(signal: SignalInput, senderOrganisationId: string): Judgement;
}
