import { readFileSync } from 'node:fs';
import type { ClientAuthMethod } from './relying-party.ts';

export interface DigidConfig {
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  credential: string;
  scopes: string;
  bsnClaim: string;
}

export class DigidConfigError extends Error {}

/**
 * DIGID_ISSUER, DIGID_CLIENT_ID, DIGID_CLIENT_SECRET (or _FILE), DIGID_SCOPES, DIGID_BSN_CLAIM:
 * the platform's DigiD broker for the resident's page; undefined when none is configured.
 */
export function parseDigid(env: NodeJS.ProcessEnv): DigidConfig | undefined {
  const issuer = env.DIGID_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.DIGID_CLIENT_ID?.trim();
  if (!clientId) throw new DigidConfigError('DIGID_CLIENT_ID is niet gezet (de client-ID van het platform bij de DigiD-makelaar).');
  const clientAuth = (env.DIGID_CLIENT_AUTH ?? 'client_secret_basic') as ClientAuthMethod;
  if (!['client_secret_basic', 'client_secret_post', 'private_key_jwt'].includes(clientAuth)) throw new DigidConfigError('DIGID_CLIENT_AUTH moet client_secret_basic, client_secret_post of private_key_jwt zijn.');
  const file = env.DIGID_CLIENT_SECRET_FILE;
  const credential = (file ? readFileSync(file, 'utf8') : (env.DIGID_CLIENT_SECRET ?? '')).trim();
  if (!credential) throw new DigidConfigError('DIGID_CLIENT_SECRET of DIGID_CLIENT_SECRET_FILE is niet gezet.');
  if (!issuer.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(issuer)) throw new DigidConfigError('DIGID_ISSUER moet een https-adres zijn.');
  return { issuer, clientId, clientAuth, credential, scopes: env.DIGID_SCOPES ?? 'openid bsn', bsnClaim: env.DIGID_BSN_CLAIM ?? 'bsn' };
}
