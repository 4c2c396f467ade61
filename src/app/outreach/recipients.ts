import { messageSignalsOfCases } from '../../db/repositories/outreach.ts';
import { recipientOf, type Recipient } from '../../domain/outreach/recipient.ts';
import { visibleSignalFields, type VisibleSignal } from '../../domain/worklist/visible-signal.ts';
import type { AppDeps } from '../context.ts';
import type { AllowedCategories } from '../worklist/open-case.ts';

/**
 * Per case the resident a message can go to, built from each signal cut to the data categories
 * its rule allowed (as the case page shows them): a message can never carry more than that.
 * A case missing from the map has no signal that allowed contact details.
 */
export async function recipientsOf(deps: AppDeps, municipality: string, caseIds: readonly string[], allowed: AllowedCategories): Promise<Map<string, Recipient>> {
  const perCase = new Map<string, VisibleSignal[]>();
  for (const s of await messageSignalsOfCases(deps.db, municipality, caseIds)) {
    const id = String(s.case_id);
    const list = perCase.get(id) ?? [];
    list.push(visibleSignalFields({ ...s, id: String(s.id), amount_cents: s.amount_cents === null ? null : String(s.amount_cents), signal_date: String(s.signal_date) }, allowed(s.regulation_version, s.rule_id) ?? []));
    perCase.set(id, list);
  }
  const out = new Map<string, Recipient>();
  for (const [id, signals] of perCase) {
    const r = recipientOf(signals);
    if (r) out.set(id, r);
  }
  return out;
}
