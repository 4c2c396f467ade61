import { randomBytes } from 'node:crypto';
import OAuth2Server from '@node-oauth/oauth2-server';
import { keyPermissions, type Permission } from '../../domain/access/roles.ts';
import { findApiKeyByPrefix } from '../../db/repositories/api-keys.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deleteExpiredAccessTokens, insertAccessToken } from '../../db/repositories/access-tokens.ts';
import { parseApiKey, secretMatches } from './api-key-format.ts';
import { ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_TTL_SECONDS, accessTokenHash, TOKEN_SCOPES } from './access-tokens.ts';
import type { AppDeps } from '../context.ts';

const { InvalidScopeError } = OAuth2Server;

type ApiKeyRow = NonNullable<Awaited<ReturnType<typeof findApiKeyByPrefix>>>;

/** The OAuth2 client is an API key; client credentials is the only grant it may use. */
interface KeyClient extends OAuth2Server.Client {
  key: ApiKeyRow;
}

/** Scope names are own keys of TOKEN_SCOPES only: `in` would also accept `constructor` and the like. */
const permissionOfScope = (scope: string): Permission | undefined => (Object.hasOwn(TOKEN_SCOPES, scope) ? TOKEN_SCOPES[scope] : undefined);

/**
 * The storage side of the OAuth2 client-credentials grant (RFC 6749 § 4.4) for
 * `@node-oauth/oauth2-server`: the library parses and checks the request, authenticates the client
 * through `getClient`, and answers with RFC 6749 errors; this model says which API key is the
 * client, which scopes it may get, and stores the token as before (only its SHA-256, with the key,
 * organisation, permissions and expiry; every issue in the audit trail).
 *
 * One model per request: the audit record carries the request's trace ids, which the library does
 * not pass through to the model.
 */
export function createOAuthModel(deps: AppDeps, trace: { traceId: string; spanId: string }): OAuth2Server.ClientCredentialsModel {
  return {
    /**
     * client_id is the key's prefix; client_secret its secret, or the whole key (vsk_<prefix>_<secret>),
     * whose prefix must then be the client_id. A revoked or expired key is no client.
     */
    async getClient(clientId: string, clientSecret: string): Promise<KeyClient | false> {
      if (!clientSecret) return false;
      const secret = clientSecret.startsWith('vsk_') ? parseApiKey(clientSecret) : { prefix: clientId, secret: clientSecret };
      if (!secret || secret.prefix !== clientId) return false;
      const key = await findApiKeyByPrefix(deps.db, clientId);
      const now = deps.now();
      if (!key || key.revoked_at || (key.expires_at && new Date(key.expires_at) <= now) || !secretMatches(secret.secret, key.secret_hash)) return false;
      return { id: key.id, grants: ['client_credentials'], key };
    },

    /** No resource owner takes part: the key acts for its own organisation. */
    async getUserFromClient(client: OAuth2Server.Client) {
      return (client as KeyClient).key;
    },

    /**
     * No scope asked means ddas:export. Every scope must be known and, mapped to its permission, be
     * one the key holds within what its organisation's kind may hold (keyPermissions): a token never
     * carries a right its key lacks, and a key never had one its creator lacked.
     */
    async validateScope(_user: OAuth2Server.User, client: OAuth2Server.Client, scope?: string[]) {
      const asked = [...new Set(scope ?? ['ddas:export'])];
      const unknown = asked.filter((s) => !permissionOfScope(s));
      if (unknown.length) throw new InvalidScopeError(`Invalid scope: unknown scope(s) ${unknown.join(', ')}`);
      const { key } = client as KeyClient;
      const held = keyPermissions(key.scopes, key.organisation_kind);
      const lacking = asked.filter((s) => !held.has(permissionOfScope(s)!));
      if (lacking.length) throw new InvalidScopeError(`Invalid scope: the client's key does not have scope ${lacking.map(permissionOfScope).join(' ')}`);
      return asked;
    },

    /** The prefix tells the auth plugin an access token from an API key; 256 random bits. */
    async generateAccessToken() {
      return `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    },

    /**
     * Stores the token's hash with the permissions its scopes stand for, and audits the issue in the
     * same transaction. The stored expiry is reckoned on the platform's clock (deps.now), like every
     * other expiry check; the library reports expires_in from its own token.
     */
    async saveToken(token: OAuth2Server.Token, client: OAuth2Server.Client, user: OAuth2Server.User) {
      const { key } = client as KeyClient;
      const permissions = [...new Set((token.scope ?? []).map((s) => permissionOfScope(s)!))];
      const hash = accessTokenHash(token.accessToken);
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
      await deps.db.transaction().execute(async (trx) => {
        await deleteExpiredAccessTokens(trx, now);
        await insertAccessToken(trx, { tokenHash: hash, apiKeyId: key.id, organisationId: key.organisation_id, scopes: permissions, expiresAt });
        await appendAudit(trx, {
          traceId: trace.traceId,
          spanId: trace.spanId,
          activity: 'oauth.token',
          actorType: 'api_key',
          actorId: key.id,
          organisationId: key.organisation_id,
          objectType: 'access_token',
          objectIds: [hash.slice(0, 16)],
          outcome: 'success',
          detail: { scopes: permissions, expiresAt: expiresAt.toISOString() },
        });
      });
      return { ...token, client, user };
    },

    /**
     * Not used: bearer tokens are verified by the auth plugin (authenticateAccessToken), beside API
     * keys and on the platform's clock. The library's type demands the method; should anyone call
     * the library's authenticate() with this model, it refuses every token instead of accepting one.
     */
    async getAccessToken() {
      return false;
    },
  };
}
