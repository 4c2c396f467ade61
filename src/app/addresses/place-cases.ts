import type { Kysely } from 'kysely';
import { hasAddressTable, placeCasesInAreas } from '../../db/repositories/address-table.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Gives a municipality's new cases their district (wijk) and neighbourhood (buurt) from the address
 * table, for queues, filters and statistics. Part of a matching run; nothing to do without a table.
 */
export async function placeCasesInDistricts(deps: { db: Kysely<DB> }, municipality: string): Promise<number> {
  if (!(await hasAddressTable(deps.db))) return 0;
  return placeCasesInAreas(deps.db, municipality);
}
