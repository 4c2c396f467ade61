import { deleteReminders, expiredReminders } from '../../db/repositories/resident-reminders.ts';
import { getRetentionSettings } from '../../db/repositories/retention.ts';
import { DEFAULT_RETENTION, retentionCutoffs, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';

/** The shortest term a municipality may set for unpicked signals: nothing expired more recently can be due. */
const MIN_MONTHS = 2;
const PAGE = 5000;

/**
 * Retention of the resident's page (issue 24): a reminder's code and choice are kept after its
 * period ended for as long as its municipality (where the postcode lies) keeps a signal nobody
 * picked up; a reminder whose signal still exists stays as long as that signal (its warm transfer
 * is read from it). Returns how many were deleted.
 */
export async function forgetResidentReminders(deps: AppDeps, now: Date): Promise<number> {
  const policies = new Map<string, RetentionPolicy>();
  const policyOf = async (m: string | undefined): Promise<RetentionPolicy> => {
    if (!m) return DEFAULT_RETENTION;
    if (!policies.has(m)) {
      const s = await getRetentionSettings(deps.db, m);
      policies.set(m, s ? { unpickedSignalMonths: s.unpickedSignalMonths, pickedUpSignalMonths: s.pickedUpSignalMonths, caseMonthsAfterClosing: s.caseMonthsAfterClosing } : DEFAULT_RETENTION);
    }
    return policies.get(m)!;
  };
  const today = dutchToday(now);
  const candidatesBefore = retentionCutoffs({ ...DEFAULT_RETENTION, unpickedSignalMonths: MIN_MONTHS }, now).unpickedReceivedBefore;
  let deleted = 0;
  let afterId = '0';
  for (;;) {
    const rows = await expiredReminders(deps.db, candidatesBefore, afterId, PAGE);
    if (rows.length === 0) break;
    const due: string[] = [];
    for (const r of rows) {
      if (r.live_signal !== null) continue;
      const policy = await policyOf(deps.registers.place(r.postcode, r.house_number ?? undefined, today).municipality);
      if (new Date(r.expires_at) < retentionCutoffs(policy, now).unpickedReceivedBefore) due.push(r.id);
    }
    deleted += await deleteReminders(deps.db, due);
    afterId = rows[rows.length - 1]!.id;
    if (rows.length < PAGE) break;
  }
  return deleted;
}
