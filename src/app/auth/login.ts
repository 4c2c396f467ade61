import { randomBytes } from 'node:crypto';
import { findUserByEmail } from '../../db/repositories/users.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import type { AppDeps } from '../context.ts';
import { hashSessionToken } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';

// Verifying against a real hash when the user is unknown keeps the timing the same either way.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; displayName: string; organisationId: string; organisationName: string; roles: string[]; locale: string };
}

/** Checks a user's password and opens a session that expires after ttlMinutes. */
export async function login(deps: AppDeps, input: { email: string; password: string; ttlMinutes: number; traceId: string; spanId: string }): Promise<LoginResult | undefined> {
  const user = await findUserByEmail(deps.db, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled_at) {
    await appendAudit(deps.db, {
      traceId: input.traceId,
      spanId: input.spanId,
      activity: 'session.login',
      actorType: 'user',
      actorId: user?.id ?? 'unknown',
      organisationId: user?.organisation_id ?? null,
      outcome: 'refused',
    });
    return undefined;
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.now().getTime() + input.ttlMinutes * 60_000);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ token_hash: hashSessionToken(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt }).execute();
    await trx.deleteFrom('sessions').where('expires_at', '<', deps.now()).execute();
    await appendAudit(trx, {
      traceId: input.traceId,
      spanId: input.spanId,
      activity: 'session.login',
      actorType: 'user',
      actorId: user.id,
      organisationId: user.organisation_id,
      outcome: 'success',
    });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: user.id, displayName: user.display_name, organisationId: user.organisation_id, organisationName: user.organisation_name, roles: user.roles, locale: user.locale },
  };
}

export async function logout(deps: AppDeps, token: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute();
}
