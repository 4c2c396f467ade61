import { readFileSync } from 'node:fs';
import path from 'node:path';

/** How the platform reaches one municipality's BRP (Haal Centraal BRP API Personen and BRP bewoning). */
export interface BrpConnection {
  /** 'GM' + four digits. */
  municipality: string;
  enabled: boolean;
  /** Base URL of BRP API Personen (POST {personenUrl}/personen). */
  personenUrl: string;
  /** Base URL of BRP bewoning (POST {bewoningUrl}/bewoningen); absent: no Bewoning for it. */
  bewoningUrl?: string;
  /** OAuth2 client credentials; the secret is read from the environment or a file, never stored. */
  oauth2?: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string };
  /** Mutual TLS: PEM contents of the client certificate and key, and optionally the CA to trust. */
  tls?: { cert: string; key: string; ca?: string };
  /** Per HTTP call (default 5000 ms). */
  timeoutMs: number;
  /** Extra attempts after a failed call, with exponential back-off (default 2). */
  retries: number;
  /** Calls in flight at once (default 8). */
  concurrency: number;
}

export class BrpConfigError extends Error {}

type Raw = Record<string, unknown>;

const str = (v: unknown, where: string): string => {
  if (typeof v !== 'string' || v === '') throw new BrpConfigError(`${where}: expected a non-empty string`);
  return v;
};

/**
 * Reads the BRP configuration file (BRP_CONFIG_FILE, JSON; README "Connecting the BRP"). Secrets
 * are not in it: `clientSecretEnv` names an environment variable, `clientSecretFile` a file, and the
 * TLS material is referenced by file path; relative paths are taken from the file's folder.
 */
export function loadBrpConnections(file: string, env: NodeJS.ProcessEnv = process.env): BrpConnection[] {
  let raw: Raw;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
  } catch (e) {
    throw new BrpConfigError(`BRP_CONFIG_FILE ${file}: ${(e as Error).message}`);
  }
  return parseBrpConnections(raw, env, (p) => readFileSync(path.resolve(path.dirname(file), p), 'utf8'));
}

export function parseBrpConnections(raw: Raw, env: NodeJS.ProcessEnv, read: (file: string) => string): BrpConnection[] {
  const list = raw.municipalities;
  if (!Array.isArray(list)) throw new BrpConfigError('BRP configuration: "municipalities" must be a list');
  const seen = new Set<string>();
  return list.map((m: Raw, i) => {
    const at = `municipalities[${i}]`;
    const municipality = str(m.municipality, `${at}.municipality`);
    if (!/^GM\d{4}$/.test(municipality)) throw new BrpConfigError(`${at}.municipality: expected GM and four digits, got ${municipality}`);
    if (seen.has(municipality)) throw new BrpConfigError(`${at}: ${municipality} appears twice`);
    seen.add(municipality);
    const o = m.oauth2 as Raw | undefined;
    const t = m.tls as Raw | undefined;
    const secret = () => {
      if (typeof o!.clientSecretEnv === 'string') {
        const v = env[o!.clientSecretEnv];
        if (!v) throw new BrpConfigError(`${at}.oauth2.clientSecretEnv: environment variable ${o!.clientSecretEnv} is not set`);
        return v;
      }
      if (typeof o!.clientSecretFile === 'string') return read(o!.clientSecretFile).trim();
      throw new BrpConfigError(`${at}.oauth2: give clientSecretEnv or clientSecretFile (the secret itself does not go in this file)`);
    };
    const enabled = m.enabled !== false;
    return {
      municipality,
      enabled,
      personenUrl: str(m.personenUrl, `${at}.personenUrl`).replace(/\/$/, ''),
      ...(m.bewoningUrl === undefined ? {} : { bewoningUrl: str(m.bewoningUrl, `${at}.bewoningUrl`).replace(/\/$/, '') }),
      // A switched-off municipality needs no secrets present.
      ...(o && enabled ? { oauth2: { tokenUrl: str(o.tokenUrl, `${at}.oauth2.tokenUrl`), clientId: str(o.clientId, `${at}.oauth2.clientId`), clientSecret: secret(), ...(typeof o.scope === 'string' ? { scope: o.scope } : {}) } } : {}),
      ...(t && enabled ? { tls: { cert: read(str(t.certFile, `${at}.tls.certFile`)), key: read(str(t.keyFile, `${at}.tls.keyFile`)), ...(typeof t.caFile === 'string' ? { ca: read(t.caFile) } : {}) } } : {}),
      timeoutMs: typeof m.timeoutMs === 'number' ? m.timeoutMs : 5000,
      retries: typeof m.retries === 'number' ? m.retries : 2,
      concurrency: typeof m.concurrency === 'number' ? m.concurrency : 8,
    };
  });
}
