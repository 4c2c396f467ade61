import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/context.ts';
import { injectApi } from './run/api-client.ts';
import { seedDemoSignals } from './run/seed-demo-signals.ts';
import { simulateDemo } from './run/simulate-demo.ts';
import { seedBrpEdgeCases } from './run/seed-brp-edge-cases.ts';
import type { BrpConnection } from '../infra/brp/brp-connection.ts';
import { startBrpStub, stubConnection, type BrpStub } from './brp-stub/server.ts';
import { DEMO_REGISTER } from './brp-stub/residents.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink/smtp-sink.ts';

/**
 * The simulator's entry for the platform's start-up (src/platform.ts): demo data on first start,
 * all synthetic. The platform reaches the simulator only here and through what-if.ts
 * (.dependency-cruiser.cjs holds it to that).
 */
export { seedDemoSignals };

/**
 * The demo's own OpenID providers (src/simulation/demo-identity.ts), loaded only when started:
 * oidc-provider warns on Node 20 when loaded, and a platform without them need not load it.
 */
export async function startDemoIdentity(opts: Parameters<typeof import('./demo-identity.ts').startDemoIdentity>[0]) {
  return (await import('./demo-identity.ts')).startDemoIdentity(opts);
}
export { DEMO_DIGID_ACCOUNTS, DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from './identity-provider/demo-accounts.ts';
export { startDemoSmsBox } from './sms-sink/sms-sink.ts';

/**
 * A year of the experiments (2025) simulated through the platform's own API, matching and worklist
 * (so the dashboard and the register have history), then fresh signals of the last two months
 * (so the worklist opens on cases with deadlines ahead). Runs before the server listens: the
 * creditors' requests go in through Fastify's inject.
 */
export async function seedDemoData(deps: AppDeps, app: FastifyInstance): Promise<void> {
  // Its few hundred injected requests are not the operator's traffic: kept out of the request log.
  const level = app.log.level;
  if (level !== 'silent') app.log.level = 'warn';
  try {
    await simulateDemo(deps, { api: injectApi(app), months: 12, scale: 0.005 });
  } finally {
    app.log.level = level;
  }
  await seedDemoSignals(deps);
  // What the BRP checks do (a death, a move), when the platform has a BRP: the local stub's edge cases.
  if (deps.brp) await seedBrpEdgeCases(deps);
}

/**
 * The local BRP stub for `npm start` (no BRP_CONFIG_FILE): the demo's synthetic residents behind the
 * Haal Centraal APIs on a local port, and a connection for each demo municipality that the real
 * client uses as it would a municipality's BRP.
 */
export async function startDemoBrp(port = 0): Promise<{ stub: BrpStub; connections: BrpConnection[] }> {
  const stub = await startBrpStub({ ...DEMO_REGISTER, port });
  const connections = DEMO_REGISTER.municipalities.map((municipality) => stubConnection(stub, municipality));
  return { stub, connections };
}

/**
 * The demo's mailbox for `npm start` without an SMTP server: a local SMTP server on 127.0.0.1 that
 * keeps every mail the platform sends (password resets, invitations) as an .eml file in `dir`, to
 * open with any mail program. On `port`, or a free one when that is taken.
 */
export async function startDemoMailbox(dir: string, port: number): Promise<SmtpSink> {
  try {
    return await startSmtpSink({ port, mailboxDir: dir });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return startSmtpSink({ port: 0, mailboxDir: dir });
  }
}
