import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { objectedAmong } from '../../../db/repositories/resident-objections.ts';
import type { Pseudonymizer } from '../../../domain/privacy/pseudonym.ts';
import { OBJECTION_REGISTERED } from '../../../domain/intake/row-outcomes.ts';
import { objectionKeyOf } from './objection-refusal.ts';
import type { JudgedItem } from './store-signals.ts';

/**
 * Judged items as intake would store them, with those about a resident who objected with the
 * municipality turned into refusals (RESIDENT_OBJECTION_REGISTERED): what a dry run must say. One
 * query for the whole group of items.
 */
export async function refuseObjected(db: Kysely<DB> | Transaction<DB>, pseudonymize: Pseudonymizer, items: readonly JudgedItem[]): Promise<JudgedItem[]> {
  const accepted = items.map((it, i) => [it, i] as const).filter(([it]) => it.judgement.decision === 'accepted');
  const objected = await objectedAmong(db, accepted.map(([it]) => objectionKeyOf(it.signal, pseudonymize)));
  if (objected.size === 0) return [...items];
  const out = [...items];
  for (const k of objected) {
    const [it, i] = accepted[k]!;
    out[i] = { ...it, judgement: { ...it.judgement, decision: 'refused', refusals: [OBJECTION_REGISTERED] } };
  }
  return out;
}
