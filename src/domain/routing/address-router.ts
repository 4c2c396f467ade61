/**
 * Finds the municipality of an address on a date. The platform ships a local implementation
 * (postcode areas) for tests and demo; BAG or BRP (Haal Centraal) plug in behind this interface.
 */
export interface AddressRouter {
  municipalityOf(postcode: string, houseNumber: string | undefined, date: string): string | undefined;
}
