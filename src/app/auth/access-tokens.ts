import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/access/actor.ts';
import { keyPermissions, type Permission } from '../../domain/access/roles.ts';
import type { DB } from '../../db/schema.ts';
import { findApiKeyByPrefix } from '../../db/repositories/api-keys.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deleteExpiredAccessTokens, findAccessToken, insertAccessToken } from '../../db/repositories/access-tokens.ts';
import { hashSecret, parseApiKey, secretMatches } from './api-key-format.ts';
import type { AppDeps } from '../context.ts';

/** Bearer tokens of the OAuth2 client-credentials grant look like `vsat_<256 random bits>`. */
export const ACCESS_TOKEN_PREFIX = 'vsat_';
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** Where the HTTP adapter serves the token endpoint (the auth plugin lets HTTP Basic through there only). */
export const OAUTH_TOKEN_PATH = '/v1/oauth/token';
/** Scopes a token may carry, and the DDAS-VS spec's own scope name for the same right. */
export const TOKEN_SCOPES: Readonly<Record<string, Permission>> = { 'ddas:export': 'ddas:export', read: 'ddas:export' };

export class OAuthError extends Error {
  constructor(
    public readonly error: 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    message: string,
  ) {
    super(message);
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenRequest {
  grantType: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scope: string | undefined;
  traceId: string;
  spanId: string;
}

/**
 * OAuth 2.0 client credentials (RFC 6749 § 4.4) for machine clients such as CBS's DDAS outway. The
 * client is an API key: client_id is its prefix, client_secret its secret (or the whole key). The
 * token is short-lived and carries only scopes the key has; only its hash is stored.
 */
export async function issueAccessToken(deps: AppDeps, r: TokenRequest): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
  if (r.grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'only grant_type=client_credentials is supported');
  if (!r.clientId || !r.clientSecret) throw new OAuthError('invalid_request', 'client_id and client_secret are required (form fields or HTTP Basic)');
  const secret = r.clientSecret.startsWith('vsk_') ? parseApiKey(r.clientSecret) : { prefix: r.clientId, secret: r.clientSecret };
  const key = secret && secret.prefix === r.clientId ? await findApiKeyByPrefix(deps.db, r.clientId) : undefined;
  const now = deps.now();
  if (!key || !secret || key.revoked_at || (key.expires_at && new Date(key.expires_at) <= now) || !secretMatches(secret.secret, key.secret_hash))
    throw new OAuthError('invalid_client', 'unknown client, wrong secret, or a revoked or expired key');
  const asked = (r.scope ?? 'ddas:export').split(/\s+/).filter(Boolean);
  const unknown = asked.filter((s) => !(s in TOKEN_SCOPES));
  if (unknown.length) throw new OAuthError('invalid_scope', `unknown scope(s): ${unknown.join(', ')}`);
  const granted = [...new Set(asked.map((s) => TOKEN_SCOPES[s]!))];
  const held = keyPermissions(key.scopes, key.organisation_kind);
  if (granted.some((p) => !held.has(p))) throw new OAuthError('invalid_scope', `the client's key does not have scope ${granted.join(' ')}`);

  const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
  await deps.db.transaction().execute(async (trx) => {
    await deleteExpiredAccessTokens(trx, now);
    await insertAccessToken(trx, { tokenHash: tokenHash(token), apiKeyId: key.id, organisationId: key.organisation_id, scopes: granted, expiresAt });
    await appendAudit(trx, {
      traceId: r.traceId,
      spanId: r.spanId,
      activity: 'oauth.token',
      actorType: 'api_key',
      actorId: key.id,
      organisationId: key.organisation_id,
      objectType: 'access_token',
      objectIds: [hashSecret(token).slice(0, 16)],
      outcome: 'success',
      detail: { scopes: granted, expiresAt: expiresAt.toISOString() },
    });
  });
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, scope: asked.join(' ') };
}

/** Resolves a bearer access token to its client's actor, or undefined when unknown, expired or its key revoked. */
export async function authenticateAccessToken(db: Kysely<DB>, token: string, now: Date): Promise<Actor | undefined> {
  const t = await findAccessToken(db, tokenHash(token));
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
