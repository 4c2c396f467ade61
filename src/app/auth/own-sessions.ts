import { AccessDenied } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deletePendingLoginsOfUser } from '../../db/repositories/pending-logins.ts';
import { deleteSessionOfUser, deleteSessionsOfUser, listSessionsOfUser } from '../../db/repositories/sessions.ts';
import { browserLabel } from '../../domain/access/user-agent.ts';
import type { LoginMethod } from './open-session.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

// A person's own sessions: where they are logged in, and ending them. Only people, on themselves.

function userOf(ctx: CallContext): string {
  if (ctx.actor.type !== 'user') throw new AccessDenied('own sessions');
  return ctx.actor.id;
}

export interface OwnSession {
  id: string;
  via: LoginMethod;
  /** "Firefox, Windows"; undefined when the browser did not say (or said nothing we know). */
  browser: string | undefined;
  startedAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function listOwnSessions(deps: AppDeps, ctx: CallContext): Promise<OwnSession[]> {
  const rows = await listSessionsOfUser(deps.db, userOf(ctx), deps.now());
  return rows.map((r) => ({ id: r.id, via: r.via as LoginMethod, browser: browserLabel(r.user_agent), startedAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at) }));
}

/** Ends one of the person's sessions (any, this one included); false when they have no such session. */
export async function endOwnSession(deps: AppDeps, ctx: CallContext, sessionId: string): Promise<boolean> {
  const userId = userOf(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deleteSessionOfUser(trx, userId, sessionId))) return false;
    await appendAudit(trx, { ...auditBy(ctx), activity: 'session.end', objectType: 'session', objectIds: [sessionId], outcome: 'success' });
    return true;
  });
}

/** "Log out everywhere": every session of the person ends, the current one too, and any login half-way. */
export async function endAllOwnSessions(deps: AppDeps, ctx: CallContext): Promise<void> {
  const userId = userOf(ctx);
  await deps.db.transaction().execute(async (trx) => {
    await deleteSessionsOfUser(trx, userId);
    await deletePendingLoginsOfUser(trx, userId);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'session.end-all', objectType: 'user', objectIds: [userId], outcome: 'success' });
  });
}
