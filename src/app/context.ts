import type { Kysely } from 'kysely';
import type { Actor } from '../domain/access/actor.ts';
import type { Pseudonymizer } from '../domain/privacy/pseudonym.ts';
import type { DB } from '../db/schema.ts';
import type { AddressRouter, SignalJudge } from './rules/signal-judge.ts';

/** What every use case may depend on. Adapters build it once and pass it in. */
export interface AppDeps {
  db: Kysely<DB>;
  judge: SignalJudge;
  router: AddressRouter;
  pseudonymize: Pseudonymizer;
  now: () => Date;
  /** Signal types designated by the Besluit (the standard signals), from the rule data. */
  standardSignalTypes: ReadonlySet<string>;
}

/** Per-call context: who acts and the trace the audit trail links to. */
export interface CallContext {
  actor: Actor;
  traceId: string;
  spanId: string;
}
