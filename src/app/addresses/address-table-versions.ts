import type { Kysely } from 'kysely';
import { listAddressVersions, type AddressVersionRow } from '../../db/repositories/address-table.ts';
import type { DB } from '../../db/schema.ts';

/** The imported versions of the address table, oldest first, with what each changed. */
export function addressTableVersions(deps: { db: Kysely<DB> }): Promise<AddressVersionRow[]> {
  return listAddressVersions(deps.db);
}

export type { AddressChanges, AddressVersionRow } from '../../db/repositories/address-table.ts';
