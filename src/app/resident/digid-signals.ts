import { signalsByBsnPseudonym } from '../../db/repositories/resident-reminders.ts';
import type { DataCategory } from '../../domain/signals/signal.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';
import { auditResident } from './resident-audit.ts';

/** A signal about the resident logged in with DigiD, as their page shows it (with the amount: they proved who they are). */
export interface ResidentSignal {
  id: string;
  creditor: string;
  municipality: string;
  receivedOn: string;
  amountCents: number | null;
  dataCategories: DataCategory[];
}

/**
 * The signals about the person DigiD vouched for (by the BSN's keyed pseudonym, as intake stored
 * it). Audited as a view of personal data by the data subject, naming the signals and the pseudonym,
 * never the BSN.
 */
export async function signalsOfResident(deps: AppDeps, bsn: string, trace: { traceId: string; spanId: string }): Promise<ResidentSignal[]> {
  const pseudonym = deps.pseudonymize('bsn', bsn);
  const rows = await signalsByBsnPseudonym(deps.db, pseudonym);
  await auditResident(deps.db, trace, {
    activity: 'resident.digid.view',
    outcome: 'success',
    organisationId: null,
    objectIds: rows.map((r) => String(r.id)),
    subjectPseudonyms: [pseudonym],
    detail: { via: 'digid', signals: rows.length },
  });
  return rows.map((r) => {
    const cats: DataCategory[] = ['contact_details'];
    if (r.bsn) cats.unshift('bsn');
    if (r.amount_cents !== null) cats.push('arrear_amount');
    if (r.arrear_start_date) cats.push('arrear_start_date');
    if (r.customer_number) cats.push('customer_number');
    if (r.supply_end_date) cats.push('supply_end_date');
    return {
      id: String(r.id),
      creditor: r.creditor,
      municipality: r.municipality ?? r.municipality_code,
      receivedOn: dutchToday(new Date(r.received_at)),
      amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
      dataCategories: cats,
    };
  });
}
