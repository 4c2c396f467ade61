import type { Placement } from '../addresses/address-table.ts';

export type { Placement };

/**
 * Places an address in its municipality on a date. The national address table (CBS, imported with
 * `npm run addresses:import`) does it by postcode and house number; without one, the demo's
 * four-digit postcode areas stand in, and say so (`by: 'postcode-area'`).
 */
export interface AddressRouter {
  place(postcode: string, houseNumber: string | undefined, date: string): Placement;
}
