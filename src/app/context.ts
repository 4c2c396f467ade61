import type { Kysely } from 'kysely';
import type { SecretBox } from './auth/secret-box.ts';
import type { SsoSettings } from './identity/sso-settings.ts';
import type { Actor } from '../domain/access/actor.ts';
import type { Pseudonymizer } from '../domain/privacy/pseudonym.ts';
import type { DB } from '../db/schema.ts';
import type { RuleBook } from '../domain/rules/rule-book.ts';
import type { SignalJudge } from './rules/signal-judge.ts';
import type { ExperimentRuntime } from './experiments/runtime.ts';
import type { BasisRegisters } from '../domain/routing/person-register.ts';
import type { MunicipalBrp } from '../domain/routing/brp-register.ts';
import type { IntakeWorkers } from './intake/judging/intake-workers.ts';
import type { Mailer } from '../domain/mail/mailer.ts';
import type { SmsSender } from '../domain/outreach/sms.ts';
import type { CheckpointStore } from './audit/checkpoint-store.ts';

/** What every use case may depend on. Adapters build it once and pass it in. */
export interface AppDeps {
  db: Kysely<DB>;
  judge: SignalJudge;
  /** BAG and BRP behind one interface: address → municipality, person → residence. */
  registers: BasisRegisters;
  /** The BRP (Haal Centraal) of the municipalities that have it switched on; absent: none has. */
  brp?: MunicipalBrp;
  pseudonymize: Pseudonymizer;
  /** Single sign-on: the OpenID Connect relying party and the eHerkenning broker, if configured. */
  sso: SsoSettings;
  /** Seals secrets stored for later use (client secrets, TOTP seeds) under SECRETS_KEY. */
  secrets: SecretBox;
  now: () => Date;
  /** Signal types designated by the Besluit (the standard signals), from the rule data. */
  standardSignalTypes: ReadonlySet<string>;
  /** The regulations and registers as loaded at start (rules/): what is in force when, and why. */
  rules: RuleBook;
  /** Running experiments (pre-selection, arms) held in memory for intake and matching; the rule book. */
  experiments: ExperimentRuntime;
  /** Worker threads that judge batch files in parallel with the database work; absent: in this thread. */
  intakeWorkers?: IntakeWorkers;
  /** Sends e-mail (SMTP, or the demo's local mailbox); absent: none is configured, and sending says so. */
  mailer?: Mailer;
  /** Sends text messages (an HTTP SMS provider, or the demo's local receiver); absent: none is configured, and SMS is not offered. */
  sms?: SmsSender;
  /** The audit chain's key and checkpoint store, for verifying the chain on screen; absent: not offered. */
  audit?: { macKey: string; checkpoints?: CheckpointStore | undefined };
}

/** Per-call context: who acts and the trace the audit trail links to. */
export interface CallContext {
  actor: Actor;
  traceId: string;
  spanId: string;
}

/** The caller as the audit trail records it. */
export function auditBy(ctx: CallContext) {
  return { traceId: ctx.traceId, spanId: ctx.spanId, actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: ctx.actor.organisationId };
}
