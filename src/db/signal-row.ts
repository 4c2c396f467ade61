import * as crypto from 'node:crypto';
import type { Judgement } from '../domain/rules/judgement.ts';
import { normalisePostcode, toCents } from '../domain/signals/normalise.ts';
import type { SignalInput } from '../domain/signals/signal.ts';
import { fieldPlace, SIGNAL_FIELDS, type SignalField } from '../domain/signals/signal-fields.ts';
import { compile, literal, prop } from '../domain/signals/field-code.ts';
import type { Pseudonymizer } from '../domain/privacy/pseudonym.ts';
import type { SignalsTable } from './schema.ts';
import type { Insertable } from 'kysely';
import { addressSubjectPseudonym } from '../domain/intake/subject.ts';
import { householdKey, surnameKey } from '../domain/matching/normalise-address.ts';
import { GIVEN, type Routing } from '../domain/routing/routing.ts';

export type SignalRow = Insertable<SignalsTable>;

/** The stored fields of the field table, in table order. */
const STORED = (SIGNAL_FIELDS as readonly SignalField[]).filter((f): f is SignalField & { column: string } => f.column !== null);

/** Columns intake fills in itself, after the delivered fields: in the row from the start, so every row has one shape. */
const DERIVED = ['sender_org_id', 'batch_id', 'row_no', 'creditor_org_id', 'bsn_pseudonym', 'subject_pseudonym', 'address_key', 'surname_key', 'regulation_version', 'rule_id', 'content_hash', 'routing', 'routed_from'] as const;

/** The stored form of a delivered value `v` (not null): cents for amounts, the canonical postcode, codes sorted once each. */
function storedForm(f: SignalField): string {
  switch (f.stored) {
    case 'cents':
      return 'h.cents(v)';
    case 'components_cents':
      return 'h.componentsCents(v)';
    case 'postcode':
      return 'h.postcode(v)';
    case 'text_array':
      return 'h.codes(v)';
    case 'bool':
      return f.default !== undefined ? 'v === true' : 'v';
    default:
      return 'v';
  }
}

const STORE = {
  cents: (v: string | number) => {
    const cents = toCents(v);
    return cents === undefined ? null : String(cents);
  },
  componentsCents: (v: Record<string, string | number>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCents(x) ?? null])),
  postcode: (v: string) => normalisePostcode(v) ?? null,
  codes: (v: string[]) => {
    const codes = [...new Set(v)].sort();
    return codes.length === 0 ? null : codes;
  },
};

/** The row's delivered columns as one object literal, compiled from the field table (field-code.ts). */
const deliveredColumns = compile<(s: SignalInput, h: typeof STORE) => Record<string, unknown>>(
  ['s', 'h'],
  [
    'const g = { person: s.person, address: s.address, socialCollection: s.socialCollection };',
    'let v;',
    'return {',
    ...STORED.map((f) => {
      const { group, key } = fieldPlace(f);
      const read = group === undefined ? `s.${prop(key)}` : `(g.${prop(group)} === undefined ? undefined : g.${prop(group)}.${prop(key)})`;
      return `  ${prop(f.column)}: (v = ${read}) === undefined || v === null ? ${literal(f.default ?? null)} : ${storedForm(f)},`;
    }),
    ...DERIVED.filter((c) => !STORED.some((f) => f.column === c)).map((c) => `  ${prop(c)}: null,`),
    '};',
  ].join('\n'),
);

/**
 * The text the content hash is taken of. Fields hashed by position keep the layout hashes always
 * had; fields added later count only when given (with their name), so a signal stored before they
 * existed keeps its hash.
 */
const hashedText = compile<(r: Record<string, unknown>, render: (v: unknown) => string) => string>(
  ['r', 'render'],
  `return ${[
    ...STORED.filter((f) => f.hash === 'position').map((f) => `render(r.${prop(f.column)}) + '\\u001f'`),
    ...STORED.filter((f) => f.hash === 'when_present').map((f) => `(r.${prop(f.column)} === null || r.${prop(f.column)} === undefined ? '' : ${literal(`${f.column}=`)} + render(r.${prop(f.column)}) + '\\u001f')`),
  ].join(' +\n  ')};`,
);

const render = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Hash of the normalised content, so that re-sending the same signal (as JSON or as a CSV row,
 * '812.5' or '812,50') is a duplicate, and different content under the same reference a conflict.
 */
function contentHash(row: SignalRow): string {
  return sha256(hashedText(row as unknown as Record<string, unknown>, render));
}

// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object per row: a third of the cost on the intake hot path.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const sha256 = oneShot ? (text: string) => oneShot('sha256', text, 'base64url') : (text: string) => crypto.createHash('sha256').update(text).digest('base64url');

/** Maps an accepted signal to its stored form. Only fields the judgement let through exist here. */
export function toSignalRow(
  signal: SignalInput,
  judgement: Judgement,
  ctx: { senderOrgId: string; batchId: string | null; rowNo: number | null; pseudonymize: Pseudonymizer; routing?: Routing },
): SignalRow {
  const row = deliveredColumns(signal, STORE);
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
  row['address_key'] = householdKey(a, bsnPseudonym, ctx.senderOrgId, signal.reference);
  row['surname_key'] = signal.person ? surnameKey(signal.person.prefix, signal.person.surname) : null;
  row['regulation_version'] = judgement.regulationVersion ?? '';
  row['rule_id'] = judgement.ruleId ?? '';
  const routing = ctx.routing ?? GIVEN;
  row['routing'] = routing.by;
  row['routed_from'] = routing.from ?? null;
  const stored = row as unknown as SignalRow;
  stored.content_hash = contentHash(stored);
  return stored;
}
