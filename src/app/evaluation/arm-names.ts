import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listArmNames } from '../../db/repositories/report-subjects.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';

/**
 * Every experiment's arms by key (`experiment/code`) with the names readers know: the group's own
 * name, and — where the arms of more than one experiment can meet in one table — the experiment's
 * name before it.
 */
export async function armNames(db: Kysely<DB>, opts: { withExperiment: boolean }): Promise<Record<string, LocalizedText>> {
  const rows = await listArmNames(db);
  return Object.fromEntries(
    rows.map((r) => [
      `${r.experimentId}/${r.code}`,
      opts.withExperiment ? { nl: `${r.experimentNl}: ${r.nameNl}`, en: `${r.experimentEn}: ${r.nameEn}` } : { nl: r.nameNl, en: r.nameEn },
    ]),
  );
}

/** Names arm keys as armNames does; an unknown key keeps its key. */
export async function armNamer(db: Kysely<DB>, opts: { withExperiment: boolean }): Promise<(arm: string) => LocalizedText> {
  const names = await armNames(db, opts);
  return (arm) => names[arm] ?? { nl: arm, en: arm };
}
