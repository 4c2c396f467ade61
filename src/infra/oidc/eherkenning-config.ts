import { readFileSync } from 'node:fs';
import type { ClientAuthMethod } from './relying-party.ts';

/** The eHerkenning broker as the environment describes it (README "Connecting an identity provider"). */
export interface EherkenningBrokerConfig {
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  credential: string;
  scopes: string;
  claims: { kvk: string; level: string };
  displayName: string;
}

export class EherkenningConfigError extends Error {}

/**
 * The claim names most Dutch brokers use for OpenID Connect (the eToegang attribute names, as in
 * SAML): the represented company's KvK number, and the level of assurance (also in `acr`).
 */
export const DEFAULT_EHERKENNING_CLAIMS = { kvk: 'urn:etoegang:1.9:EntityConcernedID:KvKnr', level: 'urn:etoegang:core:LevelOfAssurance' };

/** EHERKENNING_ISSUER and friends; undefined when no broker is configured. Secrets from the variable or a file (…_FILE). */
export function parseEherkenning(env: NodeJS.ProcessEnv): EherkenningBrokerConfig | undefined {
  const issuer = env.EHERKENNING_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.EHERKENNING_CLIENT_ID?.trim();
  if (!clientId) throw new EherkenningConfigError('EHERKENNING_CLIENT_ID is niet gezet (de client-ID van het platform bij de eHerkenning-makelaar).');
  const clientAuth = (env.EHERKENNING_CLIENT_AUTH ?? 'client_secret_basic') as ClientAuthMethod;
  if (!['client_secret_basic', 'client_secret_post', 'private_key_jwt'].includes(clientAuth))
    throw new EherkenningConfigError('EHERKENNING_CLIENT_AUTH moet client_secret_basic, client_secret_post of private_key_jwt zijn.');
  const file = env.EHERKENNING_CLIENT_SECRET_FILE;
  const credential = (file ? readFileSync(file, 'utf8') : (env.EHERKENNING_CLIENT_SECRET ?? '')).trim();
  if (!credential) throw new EherkenningConfigError('EHERKENNING_CLIENT_SECRET of EHERKENNING_CLIENT_SECRET_FILE is niet gezet (het client secret, of bij private_key_jwt de privésleutel als JWK).');
  if (!issuer.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(issuer)) throw new EherkenningConfigError('EHERKENNING_ISSUER moet een https-adres zijn.');
  return {
    issuer,
    clientId,
    clientAuth,
    credential,
    scopes: env.EHERKENNING_SCOPES ?? 'openid profile',
    claims: { kvk: env.EHERKENNING_KVK_CLAIM ?? DEFAULT_EHERKENNING_CLAIMS.kvk, level: env.EHERKENNING_LEVEL_CLAIM ?? DEFAULT_EHERKENNING_CLAIMS.level },
    displayName: env.EHERKENNING_NAME ?? 'eHerkenning',
  };
}
