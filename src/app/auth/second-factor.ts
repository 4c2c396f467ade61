import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Secret } from 'otpauth';
import type { DB } from '../../db/schema.ts';
import { advanceTotpStep, enrolTotp, lockTotp, replaceRecoveryCodes, useRecoveryCode } from '../../db/repositories/second-factor.ts';
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeFrom } from '../../domain/access/recovery-codes.ts';
import { checkTotpCode, looksLikeTotpCode, totpUri } from '../../domain/access/totp.ts';
import type { AppDeps } from '../context.ts';

/** The name authenticator apps list the platform's codes under. */
const TOTP_ISSUER = 'Vroegsignaal';

// Purposes bind a sealed value to its use and its user: a seed copied to another user's row does not open.
const seedPurpose = (userId: string) => `totp-seed:${userId}`;
const candidatePurpose = (userId: string) => `totp-enrolment:${userId}`;
const recoveryCodeHash = (deps: Pick<AppDeps, 'pseudonymize'>, normalised: string) => deps.pseudonymize('recovery-code', normalised);

export type FactorCheck = { ok: true; factor: 'totp' | 'recovery-code' } | { ok: false; reason: 'malformed' | 'wrong' | 'reused' | 'not-enrolled' };

/**
 * Checks a typed code (from the authenticator app, or a recovery code) for the user and uses it up:
 * the time step is stored, the recovery code marked used, in the caller's transaction (the user's
 * row locked, so the same code posted twice at once passes once).
 */
export async function checkSecondFactor(trx: Transaction<DB>, deps: Pick<AppDeps, 'secrets' | 'pseudonymize' | 'now'>, userId: string, typed: string): Promise<FactorCheck> {
  const row = await lockTotp(trx, userId);
  if (!row?.totp_seed_sealed) return { ok: false, reason: 'not-enrolled' };
  if (looksLikeTotpCode(typed)) {
    const seed = deps.secrets.open(seedPurpose(userId), row.totp_seed_sealed);
    // Only a changed SECRETS_KEY does this; no code can pass, and the operator must know why.
    if (!seed) throw new Error('a TOTP seed does not open with this SECRETS_KEY');
    const r = checkTotpCode(seed, typed, deps.now(), row.totp_last_step);
    if (!r.ok) return r;
    await advanceTotpStep(trx, userId, r.step);
    return { ok: true, factor: 'totp' };
  }
  const code = normaliseRecoveryCode(typed);
  if (!code) return { ok: false, reason: 'malformed' };
  return (await useRecoveryCode(trx, userId, recoveryCodeHash(deps, code), deps.now())) ? { ok: true, factor: 'recovery-code' } : { ok: false, reason: 'wrong' };
}

/** A new seed offered for enrolment: shown to the person (QR code and text), carried sealed in the form until confirmed. */
export interface TotpCandidate {
  secret: string;
  uri: string;
  sealed: string;
}

export function newTotpCandidate(deps: Pick<AppDeps, 'secrets'>, user: { id: string; email: string }): TotpCandidate {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpUri(secret, TOTP_ISSUER, user.email), sealed: deps.secrets.seal(candidatePurpose(user.id), secret) };
}

/** The candidate again from its sealed form (for a form shown a second time), or undefined when it is not this user's. */
export function reopenTotpCandidate(deps: Pick<AppDeps, 'secrets'>, user: { id: string; email: string }, sealed: string): TotpCandidate | undefined {
  const secret = deps.secrets.open(candidatePurpose(user.id), sealed);
  return secret ? { secret, uri: totpUri(secret, TOTP_ISSUER, user.email), sealed } : undefined;
}

export type EnrolmentResult = { enrolled: true; recoveryCodes: string[] } | { enrolled: false; reason: 'candidate' | 'malformed' | 'wrong' | 'reused' };

/**
 * Enrols the candidate seed once the person shows a code from it (so the app is set up right), in
 * the caller's transaction: the seed sealed for this user, the code's step used, and a fresh set of
 * recovery codes, returned in plain text this once.
 */
export async function confirmTotpCandidate(trx: Transaction<DB>, deps: Pick<AppDeps, 'secrets' | 'pseudonymize' | 'now'>, userId: string, sealedCandidate: string, code: string): Promise<EnrolmentResult> {
  const secret = deps.secrets.open(candidatePurpose(userId), sealedCandidate);
  if (!secret) return { enrolled: false, reason: 'candidate' };
  const r = checkTotpCode(secret, code, deps.now(), null);
  if (!r.ok) return { enrolled: false, reason: r.reason };
  const recoveryCodes = newRecoveryCodes();
  await enrolTotp(trx, userId, { seedSealed: deps.secrets.seal(seedPurpose(userId), secret), step: r.step, now: deps.now(), recoveryCodeHashes: recoveryCodes.map((c) => recoveryCodeHash(deps, normaliseRecoveryCode(c)!)) });
  return { enrolled: true, recoveryCodes };
}

const newRecoveryCodes = () => Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(randomBytes(10)));

/** A fresh set of recovery codes for an enrolled user, in the caller's transaction; the old ones stop working. */
export async function renewRecoveryCodes(trx: Transaction<DB>, deps: Pick<AppDeps, 'pseudonymize'>, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(trx, userId, codes.map((c) => recoveryCodeHash(deps, normaliseRecoveryCode(c)!)));
  return codes;
}
