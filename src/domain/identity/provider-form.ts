import { ROLES_BY_ORGANISATION_KIND } from '../access/roles.ts';

export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type ClientAuth = (typeof CLIENT_AUTH_METHODS)[number];

/** The provider form as typed by an organisation's admin. */
export interface ProviderForm {
  displayName: string;
  issuer: string;
  clientId: string;
  clientAuth: string;
  /** Blank on a change: keep the stored one. */
  credential: string;
  scopes: string;
  roleClaim: string;
  /** One mapping per line: `group = role`. */
  roleMap: string;
  /** Separated by commas, spaces or lines. */
  allowedEmailDomains: string;
  enabled: boolean;
}

export interface ProviderInput {
  displayName: string;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuth;
  credential: string | undefined;
  scopes: string;
  roleClaim: string;
  roleMap: Record<string, string>;
  allowedEmailDomains: string[];
  enabled: boolean;
}

/** A field and what is wrong with it, as a message key with its values (the screen words it). */
export interface FieldProblem {
  field: keyof ProviderForm;
  problem: string;
  values?: Record<string, string>;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'issuerNotUrl';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  // Tokens from a provider reached without TLS could be anyone's: plain http only on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'issuerNotHttps';
  if (url.search || url.hash) return 'issuerNotUrl';
  return undefined;
}

function credentialProblem(auth: ClientAuth, credential: string): string | undefined {
  if (auth !== 'private_key_jwt') return credential.length < 8 ? 'secretTooShort' : undefined;
  try {
    const jwk = JSON.parse(credential) as { kty?: unknown; d?: unknown };
    return (jwk.kty === 'RSA' || jwk.kty === 'EC') && typeof jwk.d === 'string' ? undefined : 'keyNotPrivateJwk';
  } catch {
    return 'keyNotPrivateJwk';
  }
}

/**
 * Reads and checks the form: an https issuer, a client, scopes with openid, domains that are
 * domains, and a role mapping onto roles this kind of organisation may hold (so a provider can
 * never grant a role outside it). `hasStoredCredential`: a change may leave the secret blank.
 */
export function readProviderForm(form: ProviderForm, organisationKind: string, hasStoredCredential: boolean): ProviderInput | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const displayName = form.displayName.trim();
  if (!displayName || displayName.length > 100) problems.push({ field: 'displayName', problem: 'required' });
  // As the provider writes it: its discovery document's issuer must match exactly (a trailing slash included).
  const issuer = form.issuer.trim();
  const ip = issuerProblem(issuer);
  if (ip) problems.push({ field: 'issuer', problem: ip });
  const clientId = form.clientId.trim();
  if (!clientId || clientId.length > 300) problems.push({ field: 'clientId', problem: 'required' });
  const clientAuth = (CLIENT_AUTH_METHODS as readonly string[]).includes(form.clientAuth) ? (form.clientAuth as ClientAuth) : undefined;
  if (!clientAuth) problems.push({ field: 'clientAuth', problem: 'unknownAuth' });
  const credential = form.credential.trim();
  if (!credential && !hasStoredCredential) problems.push({ field: 'credential', problem: 'required' });
  else if (credential && clientAuth) {
    const cp = credentialProblem(clientAuth, credential);
    if (cp) problems.push({ field: 'credential', problem: cp });
  }
  const scopes = [...new Set(form.scopes.split(/\s+/).filter(Boolean))];
  if (!scopes.includes('openid')) problems.push({ field: 'scopes', problem: 'scopesNeedOpenid' });
  const roleClaim = form.roleClaim.trim();
  if (!/^[\w:./-]{1,100}$/.test(roleClaim)) problems.push({ field: 'roleClaim', problem: 'required' });
  const allowed = new Set<string>(ROLES_BY_ORGANISATION_KIND[organisationKind] ?? []);
  const roleMap: Record<string, string> = {};
  for (const line of form.roleMap.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*=\s*([\w-]+)$/.exec(line);
    if (!m) problems.push({ field: 'roleMap', problem: 'roleMapLine', values: { line } });
    else if (!allowed.has(m[2]!)) problems.push({ field: 'roleMap', problem: 'roleNotAllowed', values: { role: m[2]!, allowed: [...allowed].join(', ') } });
    else roleMap[m[1]!] = m[2]!;
  }
  if (Object.keys(roleMap).length === 0 && !problems.some((p) => p.field === 'roleMap')) problems.push({ field: 'roleMap', problem: 'roleMapEmpty' });
  const allowedEmailDomains = [...new Set(form.allowedEmailDomains.toLowerCase().split(/[\s,;]+/).filter(Boolean).map((d) => d.replace(/^@/, '')))];
  const badDomain = allowedEmailDomains.find((d) => !DOMAIN.test(d));
  if (badDomain) problems.push({ field: 'allowedEmailDomains', problem: 'notADomain', values: { domain: badDomain } });
  // Without domains any address the provider vouches for would do: required, so that a provider
  // can only speak for the organisation's own people.
  else if (allowedEmailDomains.length === 0) problems.push({ field: 'allowedEmailDomains', problem: 'required' });
  if (problems.length > 0 || !clientAuth) return { problems };
  return { displayName, issuer, clientId, clientAuth, credential: credential || undefined, scopes: scopes.join(' '), roleClaim, roleMap, allowedEmailDomains, enabled: form.enabled };
}
