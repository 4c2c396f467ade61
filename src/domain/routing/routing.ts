import type { Placement, UnplacedReason } from '../addresses/address-table.ts';
import { message } from '../rules/refusal-messages.ts';
import type { Refusal } from '../rules/judgement.ts';

/**
 * How a signal's municipality was settled, stored with the signal (`signals.routing`):
 * - 'given': the creditor's municipality code, as sent;
 * - 'address': derived from postcode and house number (the code was missing);
 * - 'address-corrected': the code was sent, but the address table places the address elsewhere;
 *   the signal goes to the municipality of the address and `routed_from` keeps the code sent;
 * - 'postcode-area': derived from the four-digit postcode area only, a fallback worth checking.
 */
export type RoutedBy = 'given' | 'address' | 'address-corrected' | 'postcode-area';

export interface Routing {
  by: RoutedBy;
  /** The municipality code the creditor sent, when routing replaced it. */
  from?: string;
}

export const GIVEN: Routing = Object.freeze({ by: 'given' });

const REASON_CODES: Record<UnplacedReason, string> = {
  'postcode-unknown': 'ADDRESS_POSTCODE_UNKNOWN',
  'postcode-area-split': 'ADDRESS_POSTCODE_AREA_SPLIT',
  'house-number-unknown': 'ADDRESS_HOUSE_NUMBER_UNKNOWN',
};

/** The refusal of a signal without a municipality code whose address no table can place. */
export function unplacedRefusal(placement: Placement & { unplaced: UnplacedReason }, postcode: string, houseNumber: string | undefined): Refusal {
  const table = placement.version
    ? { table_nl: `adrestabel van ${placement.version}`, table_en: `address table of ${placement.version}` }
    : { table_nl: 'postcodegebieden van de demo (er is geen landelijke adrestabel geladen)', table_en: "demo's postcode areas (no national address table is loaded)" };
  const code = REASON_CODES[placement.unplaced];
  return {
    code,
    inputError: false,
    field: 'municipalityCode',
    message: message(code, { postcode: `${postcode.slice(0, 4)} ${postcode.slice(4)}`, pc4: postcode.slice(0, 4), houseNumber: houseNumber ?? '', ...table }),
  };
}
