import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app/context.ts';
import { createAppDeps } from './app-deps.ts';
import type { RuleBookJudge } from './app/rules/rule-judge.ts';
import { seedDemo, seedOrganisations, type SeedResult } from './app/seed/seed-demo.ts';
import { runDataSteps } from './app/operations/data-steps.ts';
import { openDatabase, type Database } from './db/database.ts';
import { sealAndAnchor, type AuditAnchoring } from './app/audit/anchor-audit.ts';
import type { CheckpointStore } from './app/audit/checkpoint-store.ts';
import { buildServer } from './http/server.ts';
import { startJobQueue, type JobQueue, type ProcessRole } from './jobs/queue.ts';
import { seedDemoData } from './simulation/demo.ts';
import type { BasisRegisters } from './domain/routing/person-register.ts';
import type { MunicipalBrp } from './domain/routing/brp-register.ts';
import { DEV_AUDIT_MAC_KEY, type TrustProxy } from './config.ts';
import type { EherkenningBroker } from './app/identity/sso-settings.ts';
import type { Mailer } from './domain/mail/mailer.ts';
import type { SmsSender } from './domain/outreach/sms.ts';

export interface PlatformOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  host?: string;
  port: number;
  seedDemo: boolean;
  /** With seedDemo on an empty database: also deliver synthetic demo signals and match them. */
  seedDemoSignals?: boolean;
  logLevel: string;
  pseudonymKey?: string;
  /** Seals stored secrets (SECRETS_KEY); the development key when absent. */
  secretsKey?: string;
  /** The eHerkenning broker (EHERKENNING_* variables); absent: none, or the demo's own. */
  eherkenning?: EherkenningBroker;
  maxUploadBytes?: number;
  rateLimitPerMinute?: number;
  sessionTtlMinutes?: number;
  secureCookies?: boolean;
  now?: () => Date;
  /** How often continuous matching runs; 0 switches the background matcher off (tests drive it). */
  matchingIntervalMs?: number;
  /** An already open database (tests); otherwise one is opened from databaseUrl / dataDir. */
  database?: Database;
  /** api: serve only; worker: also work the job queue; all (default): both, for a single process. */
  processRole?: ProcessRole;
  /** The basic registers (BAG, BRP); the local stand-ins when not given. */
  registers?: BasisRegisters;
  /** The BRP through Haal Centraal per municipality (BRP_CONFIG_FILE or the demo's stub); absent: none. */
  brp?: MunicipalBrp;
  /** Worker threads that judge batch files (default 2, at most the cores; 0: in the main thread). */
  intakeWorkers?: number;
  /** Rules folders loaded next to rules/ (a draft amendment or extension, e.g. in a test environment). */
  extraRulesDirs?: readonly string[];
  /** The address users reach the platform at (PUBLIC_URL), for links in e-mail and identity-provider redirects; absent: each request's own. */
  publicUrl?: string;
  /** Proxies whose X-Forwarded-For is believed (default: none). */
  trustProxy?: TrustProxy;
  /** Login attempts per minute per client address (default 10; 0: off). */
  loginAttemptsPerMinute?: number;
  /** Key of the audit chain's HMAC links and checkpoint signatures (default: the development key). */
  auditMacKey?: string;
  /** Where signed checkpoints of the audit chain go; absent: none are written. */
  auditCheckpoints?: CheckpointStore;
  /** Seconds between checkpoints while records keep coming (default 60). */
  auditCheckpointSeconds?: number;
  /** Sends e-mail (SMTP, or the demo's local mailbox); absent: sending says e-mail is not configured. */
  mailer?: Mailer;
  /** Sends text messages (SMS_PROVIDER_URL, or the demo's local receiver); absent: SMS is not offered. */
  sms?: SmsSender;
}

export interface Platform {
  url: string;
  app: FastifyInstance;
  deps: AppDeps;
  database: Database;
  judge: RuleBookJudge;
  seed: SeedResult | undefined;
  jobs: JobQueue;
  stop(): Promise<void>;
}


/** The composition root: database, rules, use-case dependencies, HTTP server and background work. */
export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir === 'memory://' ? 'memory://' : `${opts.dataDir}/pglite` }));
  const { deps, judge, registers } = await createAppDeps(database, { ...opts, intakeWorkers: opts.intakeWorkers ?? Math.min(2, availableParallelism()) });
  await runDataSteps(deps);
  const seed = opts.seedDemo ? await seedDemo(deps, registers) : (await seedOrganisations(deps, registers), undefined);
  await judge.reload();
  await deps.experiments.reload();

  const app = await buildServer(deps, {
    logLevel: opts.logLevel,
    maxUploadBytes: opts.maxUploadBytes ?? 1024 * 1024 * 1024,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 6000,
    sessionTtlMinutes: opts.sessionTtlMinutes ?? 30,
    secureCookies: opts.secureCookies ?? false,
    trustProxy: opts.trustProxy ?? false,
    loginAttemptsPerMinute: opts.loginAttemptsPerMinute ?? 10,
    publicUrl: opts.publicUrl,
  });
  if (seed?.created && opts.seedDemoSignals) await seedDemoData(deps, app);
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port });
  const addr = app.server.address() as AddressInfo;

  // Seal the audit trail's hash chain shortly after records commit, and anchor its head outside the
  // database now and then (signed checkpoints), so truncation and a recomputed chain show.
  const anchoring: AuditAnchoring = { macKey: opts.auditMacKey ?? DEV_AUDIT_MAC_KEY, store: opts.auditCheckpoints, checkpointIntervalMs: (opts.auditCheckpointSeconds ?? 60) * 1000 };
  let anchorState: { lastSeq: string | undefined; lastAt: number } = { lastSeq: undefined, lastAt: 0 };
  let anchoringNow: Promise<unknown> = Promise.resolve();
  const anchor = (force = false) =>
    (anchoringNow = anchoringNow.then(() =>
      sealAndAnchor(database.db, anchoring, anchorState, deps.now(), force)
        .then((s) => (anchorState = s))
        .catch((e: unknown) => app.log.warn({ err: String(e) }, 'audit sealing failed')),
    ));
  const sealer = setInterval(() => void anchor(), 2000);
  sealer.unref();
  // Continuous matching and scheduled work (retention) are jobs on the pg-boss queue (src/jobs):
  // any number of processes may ask for them, a job never runs twice at once.
  // The daily digest mails links, so it runs only where the public address is known (PUBLIC_URL; not in tests).
  const jobs = await startJobQueue(deps, { role: opts.processRole ?? 'all', matchingIntervalMs: opts.matchingIntervalMs ?? 1000, log: app.log, publicUrl: opts.publicUrl });

  return {
    url: `http://${addr.address === '::' || addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address}:${addr.port}`,
    app,
    deps,
    database,
    judge,
    seed,
    jobs,
    async stop() {
      clearInterval(sealer);
      // The last records sealed and anchored, so a restart finds them checkpointed.
      await anchor(true);
      await jobs.stop();
      await app.close();
      await deps.intakeWorkers?.close();
      if (!opts.database) await database.close();
    },
  };
}
