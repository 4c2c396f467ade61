import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/access/actor.ts';
import { keyPermissions, type Permission } from '../../domain/access/roles.ts';
import type { DB } from '../../db/schema.ts';
import { findAccessToken } from '../../db/repositories/access-tokens.ts';

/**
 * Access tokens of the OAuth2 client-credentials grant: what they look like and how a presented one
 * is verified. Issuing them is `@node-oauth/oauth2-server`'s work (the route src/http/routes/oauth.ts)
 * with the model in ./oauth-model.ts.
 */

/** Bearer tokens of the OAuth2 client-credentials grant look like `vsat_<256 random bits>`. */
export const ACCESS_TOKEN_PREFIX = 'vsat_';
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** Where the HTTP adapter serves the token endpoint (the auth plugin lets HTTP Basic through there only). */
export const OAUTH_TOKEN_PATH = '/v1/oauth/token';
/** Scopes a token may carry, and the DDAS-VS spec's own scope name for the same right. */
export const TOKEN_SCOPES: Readonly<Record<string, Permission>> = { 'ddas:export': 'ddas:export', read: 'ddas:export' };

/** Only a token's SHA-256 is stored: a database read does not yield usable tokens. */
export const accessTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Resolves a bearer access token to its client's actor, or undefined when unknown, expired or its key revoked. */
export async function authenticateAccessToken(db: Kysely<DB>, token: string, now: Date): Promise<Actor | undefined> {
  const t = await findAccessToken(db, accessTokenHash(token));
  if (!t || new Date(t.expires_at) <= now || t.revoked_at || (t.key_expires_at && new Date(t.key_expires_at) <= now)) return undefined;
  return {
    type: 'api_key',
    id: t.api_key_id,
    organisationId: t.organisation_id,
    organisationKind: t.organisation_kind,
    permissions: keyPermissions(t.scopes, t.organisation_kind),
    label: `OAuth2-client ${t.name}`,
  };
}
