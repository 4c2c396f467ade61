import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deleteExpiredSessions, insertSession, type SessionIdentity } from '../../db/repositories/sessions.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import type { AppDeps } from '../context.ts';
import { truncateUserAgent } from '../../domain/access/user-agent.ts';
import { hashSessionToken } from './authenticate.ts';

/** How a person proved who they are: the audit record and the session list say it. */
export type LoginMethod = 'password' | 'password+totp' | 'oidc' | 'eherkenning';

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Opens a web session for a user whose identity has been established (password, second factor,
 * or an identity provider), in the caller's transaction, with its audit record. Every way in ends
 * here, so a session never exists without the record of how it was opened.
 */
export async function openSession(
  trx: Transaction<DB>,
  deps: Pick<AppDeps, 'now'>,
  input: { userId: string; organisationId: string; ttlMinutes: number; via: LoginMethod; traceId: string; spanId: string; detail?: Record<string, unknown>; userAgent?: string | undefined; identity?: SessionIdentity },
): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.now().getTime() + input.ttlMinutes * 60_000);
  // The browser is kept (truncated) only to name the session in its owner's session list.
  await insertSession(trx, { tokenHash: hashSessionToken(token), userId: input.userId, csrfToken, expiresAt, via: input.via, userAgent: truncateUserAgent(input.userAgent), now: deps.now(), identity: input.identity });
  await deleteExpiredSessions(trx, deps.now());
  await appendAudit(trx, {
    traceId: input.traceId,
    spanId: input.spanId,
    activity: 'session.login',
    actorType: 'user',
    actorId: input.userId,
    organisationId: input.organisationId,
    outcome: 'success',
    detail: { via: input.via, ...input.detail },
  });
  return { token, csrfToken, expiresAt };
}
