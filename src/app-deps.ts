import { createSecretBox } from './app/auth/secret-box.ts';
import type { EherkenningBroker } from './app/identity/sso-settings.ts';
import { RelyingParty } from './infra/oidc/relying-party.ts';
import { DEV_AUDIT_MAC_KEY, DEV_SECRETS_KEY } from './config.ts';
import type { AppDeps } from './app/context.ts';
import { loadRules } from './app/rules/load-rules.ts';
import { DEFAULT_RULES_DIR } from './app/rules/load-rule-files.ts';
import { RuleBookJudge } from './app/rules/rule-judge.ts';
import { ExperimentRuntime } from './app/experiments/runtime.ts';
import { ExperimentScreeningJudge } from './app/experiments/screening-judge.ts';
import { IntakeWorkers } from './app/intake/judging/intake-workers.ts';
import { loadPostcodeAreaRouter } from './app/routing/load-postcode-areas.ts';
import { AddressRouting } from './app/routing/address-routing.ts';
import type { Database } from './db/database.ts';
import { createPseudonymizer } from './domain/privacy/pseudonym.ts';
import { LocalBasisRegisters } from './domain/routing/local-registers.ts';
import type { BasisRegisters } from './domain/routing/person-register.ts';
import type { MunicipalBrp } from './domain/routing/brp-register.ts';
import type { Mailer } from './domain/mail/mailer.ts';
import type { SmsSender } from './domain/outreach/sms.ts';
import type { CheckpointStore } from './app/audit/checkpoint-store.ts';

/** Routing by the imported address table (the postcode areas while none is), read before the first signal. */
async function addressRouting(database: Database): Promise<AddressRouting> {
  const routing = new AddressRouting(await loadPostcodeAreaRouter(), database.db);
  await routing.reload();
  return routing;
}

/**
 * The use cases' dependencies over an open database: the rules, experiments, registers, pseudonyms,
 * the clock. Kept apart from the HTTP composition root (platform.ts) so that a process that only
 * runs use cases — a worker, a CLI, a benchmark — does not load the web stack.
 */
export async function createAppDeps(
  database: Database,
  opts: {
    pseudonymKey?: string | undefined;
    /** Key that seals stored secrets (SECRETS_KEY); the development key when absent. */
    secretsKey?: string | undefined;
    /** The eHerkenning broker (EHERKENNING_* variables, or the demo's own provider). */
    eherkenning?: EherkenningBroker | undefined;
    now?: (() => Date) | undefined;
    registers?: BasisRegisters | undefined;
    /** The BRP through Haal Centraal per municipality; absent: none. */
    brp?: MunicipalBrp | undefined;
    /** Worker threads for batch files (0 or absent: judged in this thread). */
    intakeWorkers?: number | undefined;
    /** Rules folders loaded next to rules/ (a draft amendment or extension). */
    extraRulesDirs?: readonly string[] | undefined;
    /** Sends e-mail; absent: none configured. */
    mailer?: Mailer | undefined;
    /** Sends text messages; absent: none configured. */
    sms?: SmsSender | undefined;
    /** The audit chain's key (AUDIT_MAC_KEY) and checkpoints, for verifying it on screen. */
    auditMacKey?: string | undefined;
    auditCheckpoints?: CheckpointStore | undefined;
  },
) {
  const rules = await loadRules(opts.extraRulesDirs?.length ? [DEFAULT_RULES_DIR, ...opts.extraRulesDirs] : undefined);
  const judge = new RuleBookJudge(rules.book, database.db);
  const experiments = new ExperimentRuntime(rules.book, database.db);
  const pseudonymKey = opts.pseudonymKey ?? 'development-only-pseudonym-key-change-me';
  const deps: AppDeps = {
    db: database.db,
    judge: new ExperimentScreeningJudge(judge, experiments),
    experiments,
    registers: opts.registers ?? new LocalBasisRegisters(await addressRouting(database)),
    ...(opts.brp ? { brp: opts.brp } : {}),
    ...(opts.mailer ? { mailer: opts.mailer } : {}),
    ...(opts.sms ? { sms: opts.sms } : {}),
    audit: { macKey: opts.auditMacKey ?? DEV_AUDIT_MAC_KEY, checkpoints: opts.auditCheckpoints },
    pseudonymize: createPseudonymizer(pseudonymKey),
    secrets: createSecretBox(opts.secretsKey ?? DEV_SECRETS_KEY),
    sso: { relyingParty: new RelyingParty(), ...(opts.eherkenning ? { eherkenning: opts.eherkenning } : {}) },
    ...(opts.intakeWorkers ? { intakeWorkers: new IntakeWorkers(opts.intakeWorkers, pseudonymKey) } : {}),
    now: opts.now ?? (() => new Date()),
    rules: rules.book,
    standardSignalTypes: new Set(
      rules.book
        .signalTypes()
        .filter((t) => t.regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/'))
        .map((t) => t.signalType),
    ),
  };
  return { deps, judge, registers: rules.book.registers };
}
