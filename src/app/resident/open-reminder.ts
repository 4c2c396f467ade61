import { readThrottle } from '../../db/repositories/login-throttle.ts';
import { findReminderByCode, findReminderById } from '../../db/repositories/resident-reminders.ts';
import { lockedUntil } from '../../domain/access/login-throttle.ts';
import { normaliseCode } from '../../domain/resident/reminder-code.ts';
import { houseNumberMatches } from '../../domain/resident/reminder-request.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import { countFailure } from '../auth/throttle.ts';
import type { AppDeps } from '../context.ts';
import { codeHash } from './issue-reminder-codes.ts';
import { auditResident } from './resident-audit.ts';

export type Reminder = NonNullable<Awaited<ReturnType<typeof findReminderById>>>;

export type OpenResult = { ok: true; reminder: Reminder; token: string } | { ok: false; reason: 'locked'; until: Date } | { ok: false; reason: 'no_match' | 'expired' };

/** How long a page token stays valid: long enough to read the page and choose. */
const TOKEN_MINUTES = 30;

/**
 * The throttle keys a try counts under (the login throttle's table and policy: 5 failures in a row
 * lock for 15 minutes, doubling): the client address, the code as typed, and the address typed.
 * Keyed hashes, so the table names no code, postcode or IP address.
 */
function throttleKeys(deps: Pick<AppDeps, 'pseudonymize'>, client: string, code: string, postcode: string) {
  return [deps.pseudonymize('resident-try-client', client), deps.pseudonymize('resident-try-code', code), deps.pseudonymize('resident-try-postcode', postcode)];
}

/**
 * A visitor of /mijn-signaal opens their reminder with the code from the letter and their postcode
 * and house number. Every wrong try counts against the client address, the code and the postcode;
 * any of them locked refuses before the code is even looked up. The answer is the same whether the
 * code or the address was wrong. A successful look-up is audited (it shows which creditor wrote).
 */
export async function openReminder(deps: AppDeps, input: { client: string; code: string; postcode: string; houseNumber: string; traceId: string; spanId: string }): Promise<OpenResult> {
  const code = normaliseCode(input.code) ?? input.code.trim().toUpperCase().slice(0, 40);
  const postcode = normalisePostcode(input.postcode) ?? input.postcode.trim().toUpperCase().slice(0, 10);
  const keys = throttleKeys(deps, input.client, code, postcode);
  const now = deps.now();
  for (const k of keys) {
    const until = lockedUntil(await readThrottle(deps.db, k), now);
    if (until) return { ok: false, reason: 'locked', until };
  }
  const found = normaliseCode(input.code) ? await findReminderByCode(deps.db, codeHash(deps, code)) : undefined;
  if (!found || found.postcode !== postcode || !houseNumberMatches(found.house_number, input.houseNumber)) {
    const states = await Promise.all(keys.map((k) => countFailure(deps, k)));
    const until = states.map((s) => s.lockedUntil).find((d) => d !== null && d > now);
    await auditResident(deps.db, input, { activity: 'resident.open', outcome: 'refused', organisationId: null, detail: { reason: 'no_match' } });
    return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'no_match' };
  }
  if (new Date(found.expires_at) <= now) return { ok: false, reason: 'expired' };
  await auditResident(deps.db, input, { activity: 'resident.open', outcome: 'success', organisationId: found.sender_org_id, objectIds: [found.id], detail: { via: 'code' } });
  return { ok: true, reminder: found, token: reminderToken(deps, found.id, now) };
}

/** A stateless token for the choice form: the reminder's id, until when, and a keyed MAC of both. */
export function reminderToken(deps: Pick<AppDeps, 'pseudonymize'>, id: string, now: Date): string {
  const until = Math.floor(now.getTime() / 1000) + TOKEN_MINUTES * 60;
  return `${id}.${until}.${deps.pseudonymize('resident-page-token', `${id}.${until}`)}`;
}

/** The reminder a page token names, while the token is valid. */
export async function reminderOfToken(deps: AppDeps, token: string): Promise<Reminder | undefined> {
  const m = /^(\d{1,18})\.(\d{1,12})\.([A-Za-z0-9_-]{10,100})$/.exec(token);
  if (!m) return undefined;
  const [, id, until, mac] = m;
  if (deps.pseudonymize('resident-page-token', `${id}.${until}`) !== mac) return undefined;
  if (Number(until) * 1000 < deps.now().getTime()) return undefined;
  return findReminderById(deps.db, id!);
}
