import { getOrganisation } from '../../db/repositories/organisations.ts';
import { municipalityNames } from '../../db/repositories/ddas-export.ts';
import { sendingRights, type Entitlement } from '../../domain/rules/sending-rights.ts';
import type { Citation, LocalizedText } from '../../domain/rules/judgement.ts';
import type { DataCategory } from '../../domain/signals/signal.ts';
import type { ResidentChoice } from '../../domain/resident/choice.ts';
import { canChange } from '../../domain/resident/choice.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';
import type { Reminder } from './open-reminder.ts';

/** What the resident's page shows about one reminder: nothing the visitor did not type, except who wrote and what the rules allow. */
export interface ReminderExplanation {
  creditor: string;
  municipality: { code: string; name: string } | null;
  /** The day the creditor may send the signal at the earliest: the day after the reminder period. */
  from: string;
  /** What the creditor may pass for a resident of this municipality, by the rules in force today. */
  signals: Array<{ label: LocalizedText; dataCategories: readonly DataCategory[]; designation: Citation; data: Citation }>;
  choice: ResidentChoice | null;
  changeable: boolean;
  /** The signal arrived: the choice is final. */
  sent: boolean;
}

function coversMunicipality(e: Entitlement, code: string): boolean {
  return e.municipalities.scope === 'all' || e.municipalities.municipalities.some((m) => m.code === code);
}

export async function explainReminder(deps: AppDeps, r: Reminder): Promise<ReminderExplanation> {
  const now = deps.now();
  const today = dutchToday(now);
  const org = await getOrganisation(deps.db, r.sender_org_id);
  const place = deps.registers.place(r.postcode, r.house_number ?? undefined, today);
  const code = place.municipality;
  const names = code ? await municipalityNames(deps.db, [code]) : new Map<string, string>();
  const rights = sendingRights(deps.experiments.ruleBook, r.sender_org_id, today);
  const all = [...rights.own, ...rights.onBehalfOf.flatMap((x) => x.entitlements)];
  const signals = all
    .filter((e) => e.timing === 'current' && (!code || coversMunicipality(e, code)))
    .map((e) => ({ label: e.label, dataCategories: e.dataCategories, designation: e.designation, data: e.dataCitation }));
  const expires = new Date(r.expires_at);
  const from = new Date(expires.getTime() + 3600_000);
  return {
    creditor: org?.name ?? r.sender_org_id,
    municipality: code ? { code, name: names.get(code) ?? code } : null,
    from: dutchToday(from),
    signals,
    choice: r.choice,
    changeable: canChange({ expiresAt: expires, signalReceivedAt: r.signal_received_at ? new Date(r.signal_received_at) : null }, now),
    sent: r.signal_received_at !== null,
  };
}
