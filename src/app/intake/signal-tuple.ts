import { BinaryCopyWriter } from '../../db/copy/binary-copy-writer.ts';
import type { SignalRow } from './signal-row.ts';

/**
 * The columns intake COPYs into signals, in tuple order. id and row_no come first, as placeholders
 * at fixed offsets: a worker thread encodes the row, the store fills in the id it reserved and the
 * row's number in the file once it knows them.
 */
export const SIGNAL_COPY_COLUMNS = [
  'id', 'row_no', 'sender_org_id', 'reference', 'content_hash', 'batch_id', 'signal_type', 'signal_date', 'municipality_code', 'on_behalf_of',
  'creditor_org_id', 'amount_cents', 'components', 'arrear_start_date', 'bsn', 'bsn_pseudonym', 'subject_pseudonym', 'initials', 'given_name',
  'prefix', 'surname', 'street', 'house_number', 'house_number_addition', 'postcode', 'city', 'phone', 'email', 'customer_number', 'crisis',
  'personal_contact_attempted_on', 'debt_assistance_referred_on', 'reminder_sent_on', 'agreement_offered_in_reminder', 'resident_response',
  'address_key', 'surname_key', 'regulation_version', 'rule_id',
] as const;

/** Offsets from a tuple's start: field count (2), then id's length word (4) and value (8), then row_no's length (4) and value. */
const ID_AT = 2 + 4;
const ROW_NO_AT = ID_AT + 8 + 4;

/** Writes one accepted signal as a COPY tuple with placeholder id and row number; returns where the tuple starts. */
export function writeSignalTuple(w: BinaryCopyWriter, r: SignalRow): number {
  const start = w.row(SIGNAL_COPY_COLUMNS.length);
  w.int8(0);
  w.int4(0);
  w.text(r.sender_org_id);
  w.text(r.reference);
  w.text(r.content_hash);
  w.uuid(r.batch_id);
  w.text(r.signal_type);
  w.date(r.signal_date);
  w.text(r.municipality_code);
  w.text(r.on_behalf_of);
  w.text(r.creditor_org_id);
  w.int8(r.amount_cents as string | number | null | undefined);
  w.jsonb(r.components == null ? null : JSON.stringify(r.components));
  w.date(r.arrear_start_date);
  w.text(r.bsn);
  w.text(r.bsn_pseudonym);
  w.text(r.subject_pseudonym);
  w.text(r.initials);
  w.text(r.given_name);
  w.text(r.prefix);
  w.text(r.surname);
  w.text(r.street);
  w.text(r.house_number);
  w.text(r.house_number_addition);
  w.text(r.postcode);
  w.text(r.city);
  w.text(r.phone);
  w.text(r.email);
  w.text(r.customer_number);
  w.bool(r.crisis as boolean);
  w.date(r.personal_contact_attempted_on);
  w.date(r.debt_assistance_referred_on);
  w.date(r.reminder_sent_on);
  w.bool(r.agreement_offered_in_reminder);
  w.text(r.resident_response);
  w.text(r.address_key);
  w.text(r.surname_key);
  w.text(r.regulation_version);
  w.text(r.rule_id);
  return start;
}

/** Fills in a tuple's id and row number (big-endian, as COPY wants them). */
export function patchSignalTuple(view: DataView, start: number, id: number, rowNo: number): void {
  const hi = Math.floor(id / 0x1_0000_0000);
  view.setUint32(start + ID_AT, hi);
  view.setUint32(start + ID_AT + 4, id - hi * 0x1_0000_0000);
  view.setInt32(start + ROW_NO_AT, rowNo);
}
