import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app/context.ts';
import { loadRules } from './app/rules/load-rules.ts';
import { RuleBookJudge } from './app/rules/rule-judge.ts';
import { ExperimentRuntime } from './app/experiments/runtime.ts';
import { ExperimentScreeningJudge } from './app/experiments/screening-judge.ts';
import { loadPostcodeAreaRouter } from './app/routing/load-postcode-areas.ts';
import { seedDemo, seedOrganisations, type SeedResult } from './app/seed/seed-demo.ts';
import { seedDemoSignals } from './app/seed/seed-demo-signals.ts';
import { openDatabase, type Database } from './db/database.ts';
import { sealAuditLog } from './db/repositories/audit.ts';
import { createPseudonymizer } from './domain/privacy/pseudonym.ts';
import { buildServer } from './http/server.ts';
import { startJobQueue, type JobQueue, type ProcessRole } from './jobs/queue.ts';
import { LocalBasisRegisters } from './domain/routing/local-registers.ts';
import { simulateDemo } from './app/simulation/simulate-demo.ts';
import { injectApi } from './app/simulation/api-client.ts';
import type { BasisRegisters } from './domain/routing/person-register.ts';

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

/** The use cases' dependencies over an open database: the rules, routing, pseudonyms, the clock. */
export async function createAppDeps(
  database: Database,
  opts: { pseudonymKey?: string | undefined; now?: (() => Date) | undefined; registers?: BasisRegisters | undefined },
) {
  const rules = await loadRules();
  const judge = new RuleBookJudge(rules.book);
  const experiments = new ExperimentRuntime(rules.book, database.db);
  const deps: AppDeps = {
    db: database.db,
    judge: new ExperimentScreeningJudge(judge, experiments),
    experiments,
    registers: opts.registers ?? new LocalBasisRegisters(await loadPostcodeAreaRouter()),
    pseudonymize: createPseudonymizer(opts.pseudonymKey ?? 'development-only-pseudonym-key-change-me'),
    now: opts.now ?? (() => new Date()),
    standardSignalTypes: new Set(
      rules.book
        .signalTypes()
        .filter((t) => t.regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/'))
        .map((t) => t.signalType),
    ),
  };
  return { deps, judge, registers: rules.book.registers };
}

/** The composition root: database, rules, use-case dependencies, HTTP server and background work. */
export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir === 'memory://' ? 'memory://' : `${opts.dataDir}/pglite` }));
  const { deps, judge, registers } = await createAppDeps(database, opts);
  const seed = opts.seedDemo ? await seedDemo(deps, registers) : (await seedOrganisations(deps, registers), undefined);
  await judge.reloadOrganisations(database.db);
  await deps.experiments.reload();

  const app = await buildServer(deps, {
    logLevel: opts.logLevel,
    maxUploadBytes: opts.maxUploadBytes ?? 1024 * 1024 * 1024,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 6000,
    sessionTtlMinutes: opts.sessionTtlMinutes ?? 30,
    secureCookies: opts.secureCookies ?? false,
  });
  if (seed?.created && opts.seedDemoSignals) {
    // Demo history: a year of the experiments (2025) simulated through the platform's own API,
    // matching and worklist (src/app/simulation), then fresh signals of the last two months.
    await simulateDemo(deps, { api: injectApi(app), reloadOrganisations: () => judge.reloadOrganisations(database.db), months: 12, scale: 0.005 });
    await seedDemoSignals(deps);
  }
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port });
  const addr = app.server.address() as AddressInfo;

  // Seal the audit trail's hash chain shortly after records commit.
  const sealer = setInterval(() => void sealAuditLog(database.db).catch((e: unknown) => app.log.warn({ err: String(e) }, 'audit sealing failed')), 2000);
  sealer.unref();
  // Continuous matching and scheduled work (retention) are jobs on the pg-boss queue (src/jobs):
  // any number of processes may ask for them, a job never runs twice at once.
  const jobs = await startJobQueue(deps, { role: opts.processRole ?? 'all', matchingIntervalMs: opts.matchingIntervalMs ?? 5000, log: app.log });

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
      await jobs.stop();
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}
