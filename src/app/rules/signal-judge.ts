import type { Sender } from '../../domain/rules/evaluate.ts';
import type { Judgement } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
export type { AddressRouter } from '../../domain/routing/address-router.ts';
export type { Sender };

/** Judges one signal from one sending organisation by the rules in force on its date. */
export interface SignalJudge {
  judge(signal: SignalInput, sender: Sender): Judgement;
  /** Re-reads what the judge knows from the database (the onboarded organisations), where it knows any. */
  reload?(): Promise<void>;
}
