import type { Kysely, Transaction } from 'kysely';
import { cbsDistrictsInUse, listDistricts } from '../../db/repositories/worklist.ts';
import type { DB } from '../../db/schema.ts';

/**
 * The districts a queue rule may name: the municipality's own (named PC4 ranges) where it defined
 * them, else the CBS districts (wijk codes) its open cases lie in, from the address table — the
 * same district classification gives a case (classify-cases.ts).
 */
export async function ruleDistrictNames(db: Kysely<DB> | Transaction<DB>, municipality: string): Promise<string[]> {
  const own = await listDistricts(db, municipality);
  return own.length ? own.map((d) => d.name) : cbsDistrictsInUse(db, municipality);
}
