import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { CSV_HEADER, rentSignal } from '../helpers/platform.ts';

/**
 * Property-based fuzzing of the intake (JSON and CSV): whatever arrives, the answer is never a 5xx,
 * and the database holds exactly what the answer says was accepted — no partial writes. Shared by
 * `npm test` (a few hundred inputs) and `npm run fuzz:intake` (≥ 100,000).
 */

const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '"', '""', ',', '\n', '\r\n', '\u0000', '\ufeff', '=cmd|calc', "'; drop table signals; --", 'é', '😀', 'NaN', '-1', '1e309', '0x10', '2025-02-30', '9999-12-31', '1011 ab', 'GM0363', 'GM9999', 'objected', 'ja', 'nee'),
  fc.integer().map(String),
  fc.double().map(String),
);
const jsonValue = fc.oneof(weird, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(weird, { maxLength: 3 }), fc.dictionary(weird, weird, { maxKeys: 3 }));

let seq = 0;
const ref = () => `fz-${process.pid}-${(seq++).toString(36)}`;

/** A valid rent signal with some fields replaced by anything, removed, or added. */
const mutatedSignal = fc
  .record({
    drop: fc.subarray(['signalType', 'signalDate', 'municipalityCode', 'amount', 'person', 'address', 'socialCollection', 'reference']),
    set: fc.dictionary(fc.constantFrom('signalType', 'signalDate', 'municipalityCode', 'amount', 'bsn', 'person', 'address', 'phone', 'email', 'crisis', 'components', 'arrearStartDate', 'socialCollection', 'unknownField', 'onBehalfOf'), jsonValue, { maxKeys: 3 }),
    keepRef: fc.boolean(),
  })
  .map(({ drop, set, keepRef }) => {
    const s: Record<string, unknown> = { ...rentSignal(ref()), ...set };
    for (const k of drop) if (k !== 'reference' || !keepRef) delete s[k];
    return s;
  });

export type JsonCase = { kind: 'json'; body: string; inputs: number };
export type CsvCase = { kind: 'csv'; body: string; inputs: number };

export const jsonCase: fc.Arbitrary<JsonCase> = fc.oneof(
  mutatedSignal.map((s) => ({ kind: 'json' as const, body: JSON.stringify(s), inputs: 1 })),
  fc.array(mutatedSignal, { minLength: 1, maxLength: 60 }).map((l) => ({ kind: 'json' as const, body: JSON.stringify({ signals: l }), inputs: l.length })),
  jsonValue.map((v) => ({ kind: 'json' as const, body: JSON.stringify(v) ?? 'null', inputs: 1 })),
  fc.string().map((t) => ({ kind: 'json' as const, body: t, inputs: 1 })),
);

const COLUMNS = CSV_HEADER.split(',');
const goodRow = () => [ref(), 'rent', '2025-03-14', 'GM0363', '812.50', 'J.', 'Vries', 'Dorpsstraat', '12', '1011AB', 'Amsterdam', '2025-02-20', '2025-02-20', '2025-02-01', 'ja', 'none'];
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvRow = fc
  .record({ changes: fc.dictionary(fc.integer({ min: 0, max: COLUMNS.length + 2 }).map(String), weird, { maxKeys: 3 }), raw: fc.boolean(), cut: fc.nat(COLUMNS.length + 2) })
  .map(({ changes, raw, cut }) => {
    const cells = goodRow();
    for (const [i, v] of Object.entries(changes)) cells[Number(i)] = v;
    const filled = Array.from({ length: Math.max(cells.length, 1) }, (_, i) => cells[i] ?? '');
    const used = cut > COLUMNS.length ? filled : filled.slice(0, Math.max(1, cut));
    // raw: write the cells without quoting, so separators and quotes inside them break the row on purpose.
    return (raw ? used : used.map(quote)).join(',');
  });

export const csvCase: fc.Arbitrary<CsvCase> = fc.oneof(
  fc.array(csvRow, { minLength: 1, maxLength: 120 }).map((rows) => ({ kind: 'csv' as const, body: [CSV_HEADER, ...rows].join('\n'), inputs: rows.length })),
  fc.tuple(fc.shuffledSubarray(COLUMNS, { minLength: 1 }), fc.array(csvRow, { maxLength: 20 })).map(([head, rows]) => ({ kind: 'csv' as const, body: [head.join(','), ...rows].join('\r\n'), inputs: rows.length + 1 })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((t) => ({ kind: 'csv' as const, body: t, inputs: 1 })),
  fc.constantFrom('\ufeff' + CSV_HEADER, CSV_HEADER + '\n"unterminated', '', '\n\n\n').map((t) => ({ kind: 'csv' as const, body: t, inputs: 1 })),
);

async function countSignals(db: Kysely<DB>, sender: string): Promise<number> {
  return (await sql<{ n: number }>`select count(*)::int as n from signals where sender_org_id = ${sender}`.execute(db)).rows[0]!.n;
}

export interface FuzzTarget {
  app: FastifyInstance;
  db: Kysely<DB>;
  token: string;
  sender: string;
}

/** Sends one case; throws (with the reason) when the answer or the database breaks a property. */
export async function checkCase(t: FuzzTarget, c: JsonCase | CsvCase): Promise<{ status: number; accepted: number }> {
  const before = await countSignals(t.db, t.sender);
  const res = await t.app.inject({
    method: 'POST',
    url: c.kind === 'json' ? '/v1/signals' : '/v1/batches',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': c.kind === 'json' ? 'application/json' : 'text/csv' },
    payload: c.body,
  });
  if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${c.kind} input: ${res.body.slice(0, 300)}\n--- input ---\n${c.body.slice(0, 500)}`);
  let accepted = 0;
  if (res.statusCode < 300) {
    const body = res.json() as { summary?: { accepted: number }; outcome?: string; results?: Array<{ outcome: string }>; rowsAccepted?: number; rowsTotal?: number; rowsRefused?: number; rowsDuplicate?: number };
    if (c.kind === 'csv') {
      accepted = body.rowsAccepted ?? 0;
      if ((body.rowsTotal ?? 0) !== accepted + (body.rowsRefused ?? 0) + (body.rowsDuplicate ?? 0))
        throw new Error(`batch counters do not add up: ${JSON.stringify(body)}`);
    } else accepted = body.summary?.accepted ?? (body.results ?? []).filter((r) => r.outcome === 'accepted').length;
  }
  const after = await countSignals(t.db, t.sender);
  if (after - before !== accepted) throw new Error(`partial write: answer says ${accepted} accepted, database gained ${after - before} (status ${res.statusCode})\n--- input ---\n${c.body.slice(0, 500)}`);
  return { status: res.statusCode, accepted };
}
