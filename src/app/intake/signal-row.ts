import * as crypto from 'node:crypto';
import type { Judgement } from '../../domain/rules/judgement.ts';
import { normalisePostcode, toCents } from '../../domain/signals/normalise.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { fieldPlace, SIGNAL_FIELDS, type SignalField, type StoredAs } from '../../domain/signals/signal-fields.ts';
import type { Pseudonymizer } from '../../domain/privacy/pseudonym.ts';
import type { SignalsTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { addressSubjectPseudonym } from './subject.ts';
import { addressKey, surnameKey } from '../../domain/matching/normalise-address.ts';

export type SignalRow = Insertable<SignalsTable>;

/** A delivered field as intake reads and stores it: compiled once from the field table. */
interface StoredField {
  group: string | undefined;
  key: string;
  column: keyof SignalRow & string;
  stored: StoredAs;
  hash: SignalField['hash'];
  default: boolean | undefined;
}

const STORED: readonly StoredField[] = (SIGNAL_FIELDS as readonly SignalField[]).flatMap((f) =>
  f.column === null ? [] : [{ ...fieldPlace(f), column: f.column as keyof SignalRow & string, stored: f.stored, hash: f.hash, default: f.default }],
);
const HASHED_BY_POSITION = STORED.filter((f) => f.hash === 'position');
const HASHED_WHEN_PRESENT = STORED.filter((f) => f.hash === 'when_present');

function valueAt(signal: SignalInput, f: StoredField): unknown {
  const s = signal as unknown as Record<string, unknown>;
  if (f.group === undefined) return s[f.key];
  const g = s[f.group] as Record<string, unknown> | undefined;
  return g === undefined ? undefined : g[f.key];
}

/** A delivered value in its stored form: cents for amounts, the canonical postcode, codes sorted once each. */
function storedValue(f: StoredField, v: unknown): unknown {
  if (v === undefined || v === null) return f.default ?? null;
  switch (f.stored) {
    case 'cents': {
      const cents = toCents(v as string | number);
      return cents === undefined ? null : String(cents);
    }
    case 'components_cents':
      return Object.fromEntries(Object.entries(v as Record<string, string | number>).map(([k, x]) => [k, toCents(x) ?? null]));
    case 'postcode':
      return normalisePostcode(v as string) ?? null;
    case 'text_array': {
      const codes = [...new Set(v as string[])].sort();
      return codes.length === 0 ? null : codes;
    }
    case 'bool':
      return f.default !== undefined ? v === true : v;
    default:
      return v;
  }
}

const render = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Hash of the normalised content, so that re-sending the same signal (as JSON or as a CSV row,
 * '812.5' or '812,50') is a duplicate, and different content under the same reference a conflict.
 * Fields hashed by position keep the layout hashes always had; fields added later count only when
 * given, so a signal stored before they existed keeps its hash.
 */
export function contentHash(row: SignalRow): string {
  const r = row as unknown as Record<string, unknown>;
  let text = '';
  for (const f of HASHED_BY_POSITION) text += `${render(r[f.column])}\u001f`;
  for (const f of HASHED_WHEN_PRESENT) {
    const v = r[f.column];
    if (v !== null && v !== undefined) text += `${f.column}=${render(v)}\u001f`;
  }
  return sha256(text);
}

// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object per row: a third of the cost on the intake hot path.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const sha256 = oneShot ? (text: string) => oneShot('sha256', text, 'base64url') : (text: string) => crypto.createHash('sha256').update(text).digest('base64url');

/** Maps an accepted signal to its stored form. Only fields the judgement let through exist here. */
export function toSignalRow(
  signal: SignalInput,
  judgement: Judgement,
  ctx: { senderOrgId: string; batchId: string | null; rowNo: number | null; pseudonymize: Pseudonymizer },
): SignalRow {
  const row = {} as Record<string, unknown>;
  for (let i = 0; i < STORED.length; i++) {
    const f = STORED[i]!;
    row[f.column] = storedValue(f, valueAt(signal, f));
  }
  const a = signal.address;
  const postcode = row['postcode'] as string | null;
  const bsnPseudonym = signal.bsn ? ctx.pseudonymize('bsn', signal.bsn) : null;
  row['municipality_code'] ??= '';
  row['sender_org_id'] = ctx.senderOrgId;
  row['batch_id'] = ctx.batchId;
  row['row_no'] = ctx.rowNo;
  row['creditor_org_id'] = signal.onBehalfOf ?? ctx.senderOrgId;
  row['bsn_pseudonym'] = bsnPseudonym;
  // The data subject: the BSN where given, else the address (subjectPseudonymOf, without working out either twice).
  row['subject_pseudonym'] = bsnPseudonym ?? addressSubjectPseudonym(ctx.pseudonymize, postcode, a?.houseNumber, a?.houseNumberAddition);
  // Without a usable address, the BSN (or, lacking that, the signal itself) stands in as the household.
  row['address_key'] =
    addressKey(a?.postcode, a?.houseNumber, a?.houseNumberAddition) ?? (bsnPseudonym ? `bsn:${bsnPseudonym}` : `ref:${ctx.senderOrgId}:${signal.reference}`);
  row['surname_key'] = signal.person ? surnameKey(signal.person.prefix, signal.person.surname) : null;
  row['regulation_version'] = judgement.regulationVersion ?? '';
  row['rule_id'] = judgement.ruleId ?? '';
  const stored = row as unknown as SignalRow;
  stored.content_hash = contentHash(stored);
  return stored;
}
