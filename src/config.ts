import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { SmtpSettings } from './infra/mail/smtp-mailer.ts';
import type { SmsProviderSettings } from './infra/sms/http-sms-sender.ts';
import { EherkenningConfigError, parseEherkenning, type EherkenningBrokerConfig } from './infra/oidc/eherkenning-config.ts';
import { DigidConfigError, parseDigid, type DigidConfig } from './infra/oidc/digid-config.ts';

/**
 * All configuration comes from environment variables (documented in the README), read once here
 * so the rest of the code receives plain values and tests can pass their own.
 */
export interface Config {
  host: string;
  port: number;
  /** postgres://… to use a PostgreSQL server; absent → embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files (and other local state). */
  dataDir: string;
  /** Secret for keyed pseudonyms (HMAC) of BSNs and other identifiers in analytics and audit. */
  pseudonymKey: string;
  logLevel: string;
  /** Seed demo organisations, users and data on first start. */
  seedDemo: boolean;
  /** Web session lifetime in minutes. */
  sessionTtlMinutes: number;
  /** Maximum accepted upload size in bytes. */
  maxUploadBytes: number;
  publicUrl: string;
  /** Worker threads that judge batch files next to the database work; 0: in the main thread. */
  intakeWorkers: number;
  /** Which proxies' X-Forwarded-For the platform believes (TRUST_PROXY); false: none. */
  trustProxy: TrustProxy;
  /** Login attempts per minute per client address on each login route; 0 switches the limit off. */
  loginAttemptsPerMinute: number;
  /** Key that seals stored secrets: identity providers' client secrets, TOTP seeds (SECRETS_KEY). */
  secretsKey: string;
  /** Key of the audit chain's HMAC links and of its checkpoints' signatures (AUDIT_MAC_KEY). */
  auditMacKey: string;
  /** Where signed checkpoints of the audit chain are written, outside the database (AUDIT_CHECKPOINT_DIR). */
  auditCheckpointDir: string;
  /** At most one checkpoint per this many seconds while records keep coming. */
  auditCheckpointSeconds: number;
  /** The BRP connections per municipality (BRP_CONFIG_FILE, JSON; README "Connecting the BRP"). */
  brpConfigFile: string | undefined;
  /** Without a BRP_CONFIG_FILE: start the local BRP stub for the demo municipalities (BRP_STUB; default with SEED_DEMO). */
  brpStub: boolean;
  /** The mail server (SMTP_URL, or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_SECURE); absent: none. */
  smtp: SmtpSettings | undefined;
  /** The sender of the platform's e-mail (MAIL_FROM); required with an SMTP server. */
  mailFrom: string;
  /** Port of the demo's local mailbox (MAIL_SINK_PORT), started with SEED_DEMO when no SMTP server is set; a free one when taken. */
  mailSinkPort: number;
  /** The HTTP SMS provider (SMS_PROVIDER_URL, SMS_PROVIDER_TOKEN); absent: SMS is not offered. */
  smsProvider: SmsProviderSettings | undefined;
  /** Port of the demo's local SMS receiver (SMS_SINK_PORT), started with SEED_DEMO when no provider is set; a free one when taken. */
  smsSinkPort: number;
  /** The eHerkenning broker (EHERKENNING_ISSUER, _CLIENT_ID, _CLIENT_SECRET…); absent: none. */
  eherkenning: EherkenningBrokerConfig | undefined;
  /** The DigiD broker for the resident's page (DIGID_ISSUER, _CLIENT_ID, _CLIENT_SECRET…); absent: none, or the demo's own. */
  digid: DigidConfig | undefined;
  /** Start the demo's own OpenID providers (DEMO_IDP; default with SEED_DEMO) on DEMO_IDP_PORT and the port after it. */
  demoIdp: boolean;
  demoIdpPort: number;
}

/** false: no proxy; a number: that many hops; a list: these addresses or CIDR ranges (Fastify's trustProxy). */
export type TrustProxy = false | number | string[];

export class ConfigError extends Error {}

/**
 * TRUST_PROXY: unset, empty or `false` trusts no proxy (the client's own address counts); a number
 * trusts that many hops; otherwise a comma-separated list of proxy addresses or CIDR ranges.
 * `true` (every sender) is refused: then any client could name its own address.
 */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const t = (v ?? '').trim();
  if (t === '' || t === 'false') return false;
  if (/^\d+$/.test(t)) return Number(t);
  if (t === 'true') throw new ConfigError('TRUST_PROXY=true zou iedere afzender vertrouwen; noem de adressen of CIDR-reeksen van uw proxy’s (bijv. 10.0.0.5,10.1.0.0/16).');
  const list = t.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((x) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x) && !['loopback', 'linklocal', 'uniquelocal'].includes(x));
  if (bad.length > 0) throw new ConfigError(`TRUST_PROXY: geen adres of CIDR-reeks: ${bad.join(', ')}`);
  return list;
}

/**
 * The mail server from SMTP_URL (smtp://user:password@host:587, smtps://… for TLS from the start), or
 * from SMTP_HOST and its companions; neither: none. An SMTP server needs MAIL_FROM: relays refuse
 * mail from an address they do not know, and a made-up default would fail only once mail is sent.
 */
export function parseSmtp(env: NodeJS.ProcessEnv): { smtp: SmtpSettings | undefined; mailFrom: string } {
  const from = env.MAIL_FROM?.trim() ?? '';
  const url = env.SMTP_URL?.trim();
  const host = env.SMTP_HOST?.trim();
  if (!url && !host) return { smtp: undefined, mailFrom: from || 'vroegsignaal <noreply@vroegsignaal.demo>' };
  if (!from) throw new ConfigError('MAIL_FROM is niet gezet: geef het afzenderadres van de e-mail van het platform (bijv. "vroegsignaal <noreply@gemeente.nl>").');
  if (url) {
    if (!/^smtps?:\/\/[^/]+/.test(url)) throw new ConfigError('SMTP_URL moet beginnen met smtp:// of smtps:// (bijv. smtp://gebruiker:wachtwoord@mail.example.nl:587).');
    return { smtp: { url }, mailFrom: from };
  }
  const port = Number(env.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`SMTP_PORT is geen poortnummer: ${env.SMTP_PORT}`);
  const secure = env.SMTP_SECURE === undefined || env.SMTP_SECURE === '' ? port === 465 : env.SMTP_SECURE === 'true';
  return { smtp: { host: host!, port, secure, user: env.SMTP_USER || undefined, password: env.SMTP_PASSWORD || undefined }, mailFrom: from };
}

/**
 * The SMS provider from SMS_PROVIDER_URL (http:// or https://) with SMS_PROVIDER_TOKEN as bearer
 * token; no URL: none. A token without a URL is a mistake worth stopping for.
 */
export function parseSmsProvider(env: NodeJS.ProcessEnv): SmsProviderSettings | undefined {
  const url = env.SMS_PROVIDER_URL?.trim();
  const token = env.SMS_PROVIDER_TOKEN?.trim() ?? '';
  if (!url) {
    if (token) throw new ConfigError('SMS_PROVIDER_TOKEN is gezet maar SMS_PROVIDER_URL niet: geef het adres van de sms-dienst (bijv. https://sms.example.nl/v1/messages).');
    return undefined;
  }
  if (!/^https?:\/\/[^/]+/.test(url)) throw new ConfigError('SMS_PROVIDER_URL moet beginnen met http:// of https:// (bijv. https://sms.example.nl/v1/messages).');
  return { url, token };
}

const DEV_PSEUDONYM_KEY = 'development-only-pseudonym-key-change-me';
export const DEV_AUDIT_MAC_KEY = 'development-only-audit-mac-key-change-me';
export const DEV_SECRETS_KEY = 'development-only-secrets-key-change-me';

function eherkenningOf(env: NodeJS.ProcessEnv): EherkenningBrokerConfig | undefined {
  try {
    return parseEherkenning(env);
  } catch (e) {
    if (e instanceof EherkenningConfigError) throw new ConfigError(e.message);
    throw e;
  }
}

function digidOf(env: NodeJS.ProcessEnv): DigidConfig | undefined {
  try {
    return parseDigid(env);
  } catch (e) {
    if (e instanceof DigidConfigError) throw new ConfigError(e.message);
    throw e;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    pseudonymKey: env.PSEUDONYM_KEY ?? DEV_PSEUDONYM_KEY,
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: (env.SEED_DEMO ?? 'true') !== 'false',
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 30),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 1024 * 1024 * 1024),
    publicUrl: env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    intakeWorkers: Number(env.INTAKE_WORKERS ?? Math.min(2, availableParallelism())),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    loginAttemptsPerMinute: Number(env.LOGIN_ATTEMPTS_PER_MINUTE ?? 10),
    auditMacKey: env.AUDIT_MAC_KEY ?? DEV_AUDIT_MAC_KEY,
    secretsKey: env.SECRETS_KEY ?? DEV_SECRETS_KEY,
    auditCheckpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints')),
    auditCheckpointSeconds: Number(env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? 60),
    brpConfigFile: env.BRP_CONFIG_FILE ? path.resolve(env.BRP_CONFIG_FILE) : undefined,
    brpStub: !env.BRP_CONFIG_FILE && (env.BRP_STUB ?? env.SEED_DEMO ?? 'true') !== 'false',
    ...parseSmtp(env),
    mailSinkPort: Number(env.MAIL_SINK_PORT ?? 2525),
    smsProvider: parseSmsProvider(env),
    smsSinkPort: Number(env.SMS_SINK_PORT ?? 2526),
    eherkenning: eherkenningOf(env),
    digid: digidOf(env),
    demoIdp: (env.DEMO_IDP ?? env.SEED_DEMO ?? 'true') !== 'false',
    demoIdpPort: Number(env.DEMO_IDP_PORT ?? 8091),
  };
}

export function usesDevelopmentPseudonymKey(config: Config): boolean {
  return config.pseudonymKey === DEV_PSEUDONYM_KEY;
}

/**
 * With NODE_ENV=production the platform does not start on a key anyone can read in this
 * repository: a known pseudonym key makes BSN pseudonyms reversible (there are only ~10^9 BSNs to
 * try), a known audit key lets a database writer recompute the audit chain. Short keys are refused
 * too. Returns the problems (empty: fine); development only warns.
 */
export function productionProblems(config: Config, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const out: string[] = [];
  const check = (name: string, value: string, dev: string) => {
    if (value === dev) out.push(`${name} is niet gezet: de openbare ontwikkelsleutel wordt in productie niet gebruikt.`);
    else if (value.length < 32) out.push(`${name} is te kort: gebruik minstens 32 willekeurige tekens (bijv. openssl rand -base64 32).`);
  };
  check('PSEUDONYM_KEY', config.pseudonymKey, DEV_PSEUDONYM_KEY);
  check('AUDIT_MAC_KEY', config.auditMacKey, DEV_AUDIT_MAC_KEY);
  check('SECRETS_KEY', config.secretsKey, DEV_SECRETS_KEY);
  if (config.pseudonymKey === config.auditMacKey && config.pseudonymKey !== DEV_PSEUDONYM_KEY) out.push('PSEUDONYM_KEY en AUDIT_MAC_KEY moeten verschillen.');
  // Checkpoints beside the database anchor nothing: whoever can rewrite the one can rewrite the other.
  if (env.AUDIT_CHECKPOINT_DIR === undefined || env.AUDIT_CHECKPOINT_DIR === '')
    out.push('AUDIT_CHECKPOINT_DIR is niet gezet: de controlepunten van het auditlogboek horen op opslag die de beheerders van de database niet kunnen herschrijven, niet naast de database.');
  return out;
}
