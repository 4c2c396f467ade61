import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { MatchingMode } from '../../domain/matching/matching-period.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface WorklistSettings {
  contactTargetDays: number | null;
  dueSoonDays: number;
}

/** The worklist's settings of a municipality; defaults when it has no settings row yet. */
export async function getWorklistSettings(db: Executor, municipality: string): Promise<WorklistSettings> {
  const r = await db.selectFrom('municipality_settings').select(['contact_target_days', 'due_soon_days']).where('municipality_code', '=', municipality).executeTakeFirst();
  return { contactTargetDays: r?.contact_target_days ?? null, dueSoonDays: r?.due_soon_days ?? 3 };
}

/** The municipality's matching period (its other matching windows keep their values or defaults). */
export async function putMatchingMode(db: Executor, municipality: string, mode: MatchingMode): Promise<void> {
  await sql`insert into municipality_settings (municipality_code, matching_mode) values (${municipality}, ${mode})
    on conflict (municipality_code) do update set matching_mode = excluded.matching_mode, updated_at = now()`.execute(db);
}

export async function putWorklistSettings(db: Executor, municipality: string, s: WorklistSettings): Promise<void> {
  // The matching settings keep their column defaults when the row is new.
  await sql`insert into municipality_settings (municipality_code, contact_target_days, due_soon_days)
    values (${municipality}, ${s.contactTargetDays}, ${s.dueSoonDays})
    on conflict (municipality_code) do update set contact_target_days = excluded.contact_target_days,
      due_soon_days = excluded.due_soon_days, updated_at = now()`.execute(db);
}
