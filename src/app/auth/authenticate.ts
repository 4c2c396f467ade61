import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/access/actor.ts';
import { sessionPermissions } from '../../domain/identity/session-permissions.ts';
import { keyPermissions } from '../../domain/access/roles.ts';
import type { DB } from '../../db/schema.ts';
import { findApiKeyByPrefix, touchApiKey } from '../../db/repositories/api-keys.ts';
import { findSession, touchSession } from '../../db/repositories/sessions.ts';
import { parseApiKey, secretMatches } from './api-key-format.ts';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Verified keys are remembered for a few seconds so that a busy client does not cost a database
 * round trip per request. Revoking a key clears it here at once; another API process may accept
 * it for at most CACHE_TTL_MS longer (documented in the README).
 */
const API_KEY_CACHE_TTL_MS = 5_000;
const cache = new Map<string, { actor: Actor; until: number; expiresAt: number }>();

export function forgetApiKey(keyId: string): void {
  for (const [token, entry] of cache) if (entry.actor.id === keyId) cache.delete(token);
}

/** Resolves an API key token to an actor, or undefined when it is unknown, revoked or expired. */
export async function authenticateApiKey(db: Kysely<DB>, token: string, now: Date): Promise<Actor | undefined> {
  const hit = cache.get(token);
  if (hit && hit.until > now.getTime() && hit.expiresAt > now.getTime()) return hit.actor;
  const actor = await lookupApiKey(db, token, now);
  if (cache.size > 10_000) cache.clear();
  if (actor) cache.set(token, { actor: actor.actor, until: now.getTime() + API_KEY_CACHE_TTL_MS, expiresAt: actor.expiresAt });
  else cache.delete(token);
  return actor?.actor;
}

async function lookupApiKey(db: Kysely<DB>, token: string, now: Date): Promise<{ actor: Actor; expiresAt: number } | undefined> {
  const parsed = parseApiKey(token);
  if (!parsed) return undefined;
  const key = await findApiKeyByPrefix(db, parsed.prefix);
  if (!key || key.revoked_at || (key.expires_at && new Date(key.expires_at) <= now)) return undefined;
  if (!secretMatches(parsed.secret, key.secret_hash)) return undefined;
  // last_used_at is for operators spotting stale keys; once a minute is precise enough and spares a write per request.
  if (!key.last_used_at || now.getTime() - new Date(key.last_used_at).getTime() > TOUCH_INTERVAL_MS) await touchApiKey(db, key.id);
  return {
    actor: {
      type: 'api_key',
      id: key.id,
      organisationId: key.organisation_id,
      organisationKind: key.organisation_kind,
      permissions: keyPermissions(key.scopes, key.organisation_kind),
      label: `API-sleutel ${key.name}`,
    },
    expiresAt: key.expires_at ? new Date(key.expires_at).getTime() : Number.MAX_SAFE_INTEGER,
  };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionActor {
  /** The session's id in the user's session list (not its token). */
  sessionId: string;
  actor: Actor;
  csrfToken: string;
  userId: string;
  locale: string;
  displayName: string;
  roles: string[];
  organisationName: string;
  /** When the session ends (fixed at login; it does not slide). */
  expiresAt: Date;
  /** eHerkenning's level when the session was opened with it (EH3…); null otherwise. */
  assuranceLevel: string | null;
}

/** Resolves a web session cookie to its user, or undefined when unknown or expired. */
export async function authenticateSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionActor | undefined> {
  const row = await findSession(db, hashSessionToken(token));
  if (!row || row.disabled_at || new Date(row.expires_at) <= now) return undefined;
  // The session list's "last seen" needs no more precision than API keys' last use: no write per request.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) await touchSession(db, hashSessionToken(token), now);
  return {
    sessionId: row.session_id,
    actor: {
      type: 'user',
      id: row.user_id,
      organisationId: row.organisation_id,
      organisationKind: row.organisation_kind,
      permissions: sessionPermissions(row.roles, row.assurance_level),
      label: row.display_name,
    },
    csrfToken: row.csrf_token,
    userId: row.user_id,
    locale: row.locale,
    displayName: row.display_name,
    roles: row.roles,
    organisationName: row.organisation_name,
    expiresAt: new Date(row.expires_at),
    assuranceLevel: row.assurance_level,
  };
}
