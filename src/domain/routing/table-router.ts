import type { AddressTables } from '../addresses/address-table.ts';
import type { AddressRouter, Placement } from './address-router.ts';
import type { PostcodeAreaRouter } from './postcode-areas.ts';

/**
 * Places addresses by the national address table in force on the signal's date; only when no
 * version is loaded at all do the demo's postcode areas stand in (marked as a postcode-area placement).
 */
export class TableRouter implements AddressRouter {
  constructor(
    readonly tables: AddressTables,
    readonly areas: PostcodeAreaRouter,
  ) {}

  place(postcode: string, houseNumber: string | undefined, date: string): Placement {
    const table = this.tables.versionOn(date);
    return table ? table.place(postcode, houseNumber) : this.areas.place(postcode, houseNumber, date);
  }
}
