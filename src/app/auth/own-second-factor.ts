import { AccessDenied } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { readThrottle } from '../../db/repositories/login-throttle.ts';
import { removeTotp, secondFactorOf, unusedRecoveryCodes } from '../../db/repositories/second-factor.ts';
import { lockedUntil } from '../../domain/access/login-throttle.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { checkSecondFactor, confirmTotpCandidate, newTotpCandidate, renewRecoveryCodes, reopenTotpCandidate, type EnrolmentResult, type TotpCandidate } from './second-factor.ts';
import { accountHash, countFailure } from './throttle.ts';

// A person's own second factor, from their account page. Only people act here (not API keys), on themselves.

async function me(deps: AppDeps, ctx: CallContext) {
  if (ctx.actor.type !== 'user') throw new AccessDenied('own account');
  const row = await secondFactorOf(deps.db, ctx.actor.id);
  if (!row) throw new AccessDenied('own account');
  return row;
}

export interface OwnSecondFactor {
  email: string;
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
  /** The organisation demands it: it cannot be turned off. */
  required: boolean;
}

export async function ownSecondFactor(deps: AppDeps, ctx: CallContext): Promise<OwnSecondFactor> {
  const row = await me(deps, ctx);
  return { email: row.email, enrolledAt: row.totp_enrolled_at, recoveryCodesLeft: row.totp_enrolled_at ? await unusedRecoveryCodes(deps.db, row.id) : 0, required: row.mfa_required };
}

/** A new seed to set up, or undefined when one is set up already (turn it off first). */
export async function startOwnEnrolment(deps: AppDeps, ctx: CallContext): Promise<TotpCandidate | undefined> {
  const row = await me(deps, ctx);
  return row.totp_enrolled_at ? undefined : newTotpCandidate(deps, { id: row.id, email: row.email });
}

export function reopenOwnCandidate(deps: AppDeps, ctx: CallContext, email: string, sealed: string): TotpCandidate | undefined {
  return reopenTotpCandidate(deps, { id: ctx.actor.id, email }, sealed);
}

/** Enrols the candidate once the person shows a code from it; the recovery codes come back this once. */
export async function confirmOwnEnrolment(deps: AppDeps, ctx: CallContext, input: { sealedCandidate: string; code: string }): Promise<EnrolmentResult | { enrolled: false; reason: 'already' }> {
  const row = await me(deps, ctx);
  if (row.totp_enrolled_at) return { enrolled: false, reason: 'already' };
  return deps.db.transaction().execute(async (trx) => {
    const r = await confirmTotpCandidate(trx, deps, row.id, input.sealedCandidate, input.code);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'totp.enrol', objectType: 'user', objectIds: [row.id], outcome: r.enrolled ? 'success' : 'refused', detail: r.enrolled ? { during: 'account' } : { during: 'account', reason: r.reason } });
    return r;
  });
}

export type RenewResult = { renewed: true; recoveryCodes: string[] } | { renewed: false; reason: 'not-enrolled' | 'malformed' | 'wrong' | 'reused' | 'locked' };

/**
 * New recovery codes (the old ones, used or not, stop working), confirmed with a code from the app
 * or a recovery code; wrong codes count towards the account's lock.
 */
export async function renewOwnRecoveryCodes(deps: AppDeps, ctx: CallContext, code: string): Promise<RenewResult> {
  const row = await me(deps, ctx);
  if (!row.totp_enrolled_at) return { renewed: false, reason: 'not-enrolled' };
  const account = accountHash(deps, row.email);
  if (lockedUntil(await readThrottle(deps.db, account), deps.now())) return { renewed: false, reason: 'locked' };
  const r = await deps.db.transaction().execute(async (trx) => {
    const check = await checkSecondFactor(trx, deps, row.id, code);
    if (!check.ok) return check;
    const recoveryCodes = await renewRecoveryCodes(trx, deps, row.id);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'totp.recovery-codes', objectType: 'user', objectIds: [row.id], outcome: 'success', detail: { factor: check.factor } });
    return { ok: true as const, recoveryCodes };
  });
  if (r.ok) return { renewed: true, recoveryCodes: r.recoveryCodes };
  const state = await countFailure(deps, account);
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'totp.recovery-codes', objectType: 'user', objectIds: [row.id], outcome: 'refused', detail: { reason: r.reason, failures: state.failures } });
  return { renewed: false, reason: state.lockedUntil ? 'locked' : r.reason };
}

export type DisableResult = { disabled: true } | { disabled: false; reason: 'required' | 'not-enrolled' | 'malformed' | 'wrong' | 'reused' | 'locked' };

/**
 * Turns the person's second factor off, confirmed with a code: a session left open on a shared
 * computer is not enough. Wrong codes count towards the account's lock like wrong passwords.
 * Not while the organisation demands a second factor.
 */
export async function disableOwnSecondFactor(deps: AppDeps, ctx: CallContext, code: string): Promise<DisableResult> {
  const row = await me(deps, ctx);
  if (row.mfa_required) return { disabled: false, reason: 'required' };
  if (!row.totp_enrolled_at) return { disabled: false, reason: 'not-enrolled' };
  const account = accountHash(deps, row.email);
  if (lockedUntil(await readThrottle(deps.db, account), deps.now())) return { disabled: false, reason: 'locked' };
  const r = await deps.db.transaction().execute(async (trx) => {
    const check = await checkSecondFactor(trx, deps, row.id, code);
    if (!check.ok) return check;
    await removeTotp(trx, row.id);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'totp.disable', objectType: 'user', objectIds: [row.id], outcome: 'success', detail: { factor: check.factor } });
    return check;
  });
  if (r.ok) return { disabled: true };
  const state = await countFailure(deps, account);
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'totp.disable', objectType: 'user', objectIds: [row.id], outcome: 'refused', detail: { reason: r.reason, failures: state.failures } });
  if (state.lockedUntil) return { disabled: false, reason: 'locked' };
  return { disabled: false, reason: r.reason === 'not-enrolled' ? 'not-enrolled' : r.reason };
}
