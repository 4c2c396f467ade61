import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DEV_AUDIT_MAC_KEY, loadConfig, productionProblems, usesDevelopmentPseudonymKey } from './config.ts';
import { startPlatform } from './platform.ts';
import { DataDirInUse } from './db/pglite-lock.ts';
import { processRoleFrom } from './jobs/queue.ts';
import { DEMO_PASSWORD } from './app/seed/demo-organisations.ts';
import { DirectoryCheckpointStore } from './app/audit/checkpoint-store.ts';
import { BrpConfigError, loadBrpConnections } from './infra/brp/brp-connection.ts';
import { HaalCentraalMunicipalBrp } from './infra/brp/haal-centraal-brp.ts';
import { DEMO_DIGID_ACCOUNTS, DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS, startDemoBrp, startDemoIdentity, startDemoMailbox, startDemoSmsBox } from './simulation/demo.ts';
import { connectDemoIdentity } from './app/seed/demo-identity.ts';
import { createSmtpMailer } from './infra/mail/smtp-mailer.ts';
import { createHttpSmsSender } from './infra/sms/http-sms-sender.ts';

const config = (() => {
  try {
    const c = loadConfig();
    const problems = productionProblems(c);
    if (problems.length > 0) throw new ConfigError(problems.join(' '));
    return c;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`vroegsignaal kan niet starten: ${e.message}`);
    process.exit(1);
  }
})();
// The BRP per municipality from BRP_CONFIG_FILE; otherwise, for the demo, the local stub (README "Connecting the BRP").
const brpSetup = await (async () => {
  try {
    if (config.brpConfigFile) return { connections: loadBrpConnections(config.brpConfigFile), stub: undefined };
    return config.brpStub ? await startDemoBrp() : undefined;
  } catch (e) {
    if (!(e instanceof BrpConfigError)) throw e;
    console.error(`vroegsignaal kan niet starten: ${e.message}`);
    process.exit(1);
  }
})();
const brp = brpSetup && new HaalCentraalMunicipalBrp(brpSetup.connections);
// E-mail through SMTP_URL / SMTP_HOST; for the demo without one, a local mailbox (README "E-mail").
const mailbox = !config.smtp && config.seedDemo ? { sink: await startDemoMailbox(path.join(config.dataDir, 'mailbox'), config.mailSinkPort), dir: path.join(config.dataDir, 'mailbox') } : undefined;
const smtp = config.smtp ?? (mailbox ? { host: mailbox.sink.host, port: mailbox.sink.port, secure: false } : undefined);
const mailer = smtp && createSmtpMailer(smtp, config.mailFrom);
// Text messages through SMS_PROVIDER_URL; for the demo without one, a local receiver that keeps them as files (README "Text messages").
const smsBox = !config.smsProvider && config.seedDemo ? { sink: await startDemoSmsBox(path.join(config.dataDir, 'sms'), config.smsSinkPort), dir: path.join(config.dataDir, 'sms') } : undefined;
const smsProvider = config.smsProvider ?? (smsBox ? { url: smsBox.sink.url, token: '' } : undefined);
const sms = smsProvider && createHttpSmsSender(smsProvider);
const platform = await startPlatform({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  host: config.host,
  port: config.port,
  seedDemo: config.seedDemo,
  seedDemoSignals: config.seedDemo,
  logLevel: config.logLevel,
  pseudonymKey: config.pseudonymKey,
  maxUploadBytes: config.maxUploadBytes,
  rateLimitPerMinute: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 6000),
  sessionTtlMinutes: config.sessionTtlMinutes,
  matchingIntervalMs: Number(process.env.MATCHING_INTERVAL_MS ?? 1000),
  processRole: processRoleFrom(process.env.PROCESS_ROLE),
  secureCookies: config.publicUrl.startsWith('https://'),
  intakeWorkers: config.intakeWorkers,
  trustProxy: config.trustProxy,
  loginAttemptsPerMinute: config.loginAttemptsPerMinute,
  auditMacKey: config.auditMacKey,
  secretsKey: config.secretsKey,
  ...(config.eherkenning ? { eherkenning: config.eherkenning } : {}),
  // With PORT=0 the address is known only once listening: then links follow each request.
  ...(new URL(config.publicUrl).port === '0' ? {} : { publicUrl: config.publicUrl }),
  auditCheckpoints: new DirectoryCheckpointStore(config.auditCheckpointDir),
  auditCheckpointSeconds: config.auditCheckpointSeconds,
  ...(brp ? { brp } : {}),
  ...(mailer ? { mailer } : {}),
  ...(sms ? { sms } : {}),
}).catch((err: unknown) => {
  // The start-up failures an operator causes most: a second instance, or another service on the port.
  if (err instanceof DataDirInUse)
    console.error(`vroegsignaal kan niet starten: de databasemap ${err.dir} is in gebruik door proces ${err.pid} (draait het al?). Kies een andere met DATA_DIR=…, of gebruik DATABASE_URL.`);
  else if ((err as { code?: string }).code === 'EADDRINUSE')
    console.error(`vroegsignaal kan niet starten: ${config.host}:${config.port} is al in gebruik (draait het al?). Kies een andere poort met PORT=…`);
  else throw err;
  process.exit(1);
});

const url = config.publicUrl.includes(':0') ? platform.url : config.publicUrl;
// The demo's own OpenID providers (README "Connecting an identity provider"): Amsterdam's staff and an eHerkenning broker.
const demoIdentity = config.demoIdp && config.seedDemo ? await startDemoIdentity({ platformUrl: url, port: config.demoIdpPort }) : undefined;
// DigiD for the resident's page: the configured broker, else the demo's own (connectDemoIdentity).
if (config.digid) platform.deps.sso.digid = config.digid;
if (demoIdentity) await connectDemoIdentity(platform.deps, demoIdentity.connection);
const lines = [
  '',
  `vroegsignaal draait op ${url}  (database: ${platform.database.engine})`,
  `  API: ${url}/v1  ·  OpenAPI: ${url}/v1/openapi.json`,
];
if (brp) lines.push(`  BRP (Haal Centraal): ${brp.municipalities.join(', ') || 'geen gemeente aan'}${brpSetup?.stub ? ` — lokale stub op ${brpSetup.stub.url}` : ''}`);
if (mailbox) lines.push(`  E-mail (demo): lokale mailserver op ${mailbox.sink.host}:${mailbox.sink.port}; elk bericht als .eml-bestand in ${mailbox.dir}`);
if (smsBox) lines.push(`  Sms (demo): lokale sms-ontvanger op ${smsBox.sink.url}; elk bericht als .json-bestand in ${smsBox.dir}`);
if (demoIdentity)
  lines.push(
    `  Inloggen via identiteitsprovider (demo): Amsterdam op ${demoIdentity.municipal.issuer}, eHerkenning op ${platform.deps.sso.eherkenning?.issuer ?? demoIdentity.eherkenning.issuer}`,
    `    accounts: ${DEMO_MUNICIPAL_ACCOUNTS.map((a) => a.username).join(', ')}, ${DEMO_EHERKENNING_ACCOUNTS.map((a) => a.username).join(', ')} (wachtwoord ${DEMO_IDP_PASSWORD})`,
    `  Inwonerspagina: ${url}/mijn-signaal — DigiD (demo) op ${platform.deps.sso.digid?.issuer ?? demoIdentity.digid.issuer}, account ${DEMO_DIGID_ACCOUNTS.map((a) => a.username).join(', ')} (wachtwoord ${DEMO_IDP_PASSWORD})`,
  );
else if (!mailer) lines.push('  Let op: e-mail is niet ingesteld (SMTP_URL); wachtwoord vergeten en uitnodigen werken niet.');
if (usesDevelopmentPseudonymKey(config)) lines.push('  Let op: PSEUDONYM_KEY is niet gezet; er wordt een ontwikkelsleutel gebruikt.');
if (config.auditMacKey === DEV_AUDIT_MAC_KEY) lines.push('  Let op: AUDIT_MAC_KEY is niet gezet; de audittrail gebruikt een ontwikkelsleutel.');
const seed = platform.seed;
if (seed?.created) {
  lines.push('', `Demo-logins (wachtwoord voor allemaal: ${DEMO_PASSWORD}):`);
  for (const u of seed.users) lines.push(`  ${u.email.padEnd(44)} ${u.roles.join(', ')}`);
  lines.push('', 'Demo-API-sleutels (worden één keer getoond; ook bewaard in data/demo-credentials.txt):');
  for (const k of seed.apiKeys) lines.push(`  ${k.organisation.padEnd(26)} ${k.token}`);
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(path.join(config.dataDir, 'demo-credentials.txt'), lines.join('\n') + '\n', { mode: 0o600 });
} else if (seed) {
  lines.push(`  Demo-logins: zie README (wachtwoord ${DEMO_PASSWORD}); API-sleutels: ${path.join(config.dataDir, 'demo-credentials.txt')}`);
}
console.log(lines.join('\n'));

for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    void platform
      .stop()
      .then(() => brp?.close())
      .then(() => brpSetup?.stub?.close())
      .then(() => mailer?.close())
      .then(() => mailbox?.sink.close())
      .then(() => smsBox?.sink.close())
      .then(() => demoIdentity?.stop())
      .then(() => process.exit(0));
  });
