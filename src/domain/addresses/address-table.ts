import { houseNumberPart, municipalityCodeOf, pc4OfIndex, pc6Index } from './postcode-index.ts';

/**
 * One dated version of the national address table (CBS: postcode + house number → neighbourhood,
 * district, municipality), reduced to what routing needs and compact enough to share with worker
 * threads: per postcode (PC6) its municipality, and only for the few postcodes that straddle a
 * municipal border, the municipality per house number. District and neighbourhood stay in the
 * database (they are looked up per case, not per signal).
 */
export interface AddressTableData {
  /** Version id in the database and the day it applies from. */
  id: number;
  validFrom: string;
  /** Sorted PC6 indexes (postcode-index.ts) of every postcode in the table. */
  postcodes: Int32Array;
  /** CBS municipality number per postcode; 0 where the postcode lies in more than one. */
  municipalities: Uint16Array;
  /** For postcodes in more than one municipality: sorted keys pc6Index * 100000 + house number. */
  borderKeys: Float64Array;
  borderMunicipalities: Uint16Array;
}

export type PlacedBy = 'address' | 'postcode-area';

export type Placement =
  | { municipality: string; by: PlacedBy; version?: string }
  | { municipality?: undefined; unplaced: UnplacedReason; version?: string };

/**
 * Why an address could not be placed: the postcode is in no table; its four-digit area spans
 * several municipalities and the postcode itself is unknown; or the postcode straddles a border and
 * this house number is not in the table.
 */
export type UnplacedReason = 'postcode-unknown' | 'postcode-area-split' | 'house-number-unknown';

const MIXED = 0;
const NONE = 0;
const SPLIT = 0xffff;

function search(sorted: ArrayLike<number>, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Routes by one version: the postcode, then the house number on a border, then its PC4 area (marked). */
class AddressTable {
  /** Per PC4: the municipality of all its postcodes, NONE, or SPLIT. */
  private readonly pc4 = new Uint16Array(10000);

  constructor(readonly data: AddressTableData) {
    const { postcodes, municipalities } = data;
    for (let i = 0; i < postcodes.length; i++) {
      const area = pc4OfIndex(postcodes[i]!);
      const m = municipalities[i]!;
      const seen = this.pc4[area]!;
      this.pc4[area] = seen === NONE ? (m === MIXED ? SPLIT : m) : seen === m ? seen : SPLIT;
    }
  }

  place(postcode: string, houseNumber: string | undefined): Placement {
    const version = this.data.validFrom;
    const index = pc6Index(postcode);
    if (index < 0) return { unplaced: 'postcode-unknown', version };
    const at = search(this.data.postcodes, index);
    if (at >= 0) {
      const m = this.data.municipalities[at]!;
      if (m !== MIXED) return { municipality: municipalityCodeOf(m), by: 'address', version };
      const n = houseNumberPart(houseNumber);
      const b = n < 0 ? -1 : search(this.data.borderKeys, index * 100000 + n);
      if (b >= 0) return { municipality: municipalityCodeOf(this.data.borderMunicipalities[b]!), by: 'address', version };
      return { unplaced: 'house-number-unknown', version };
    }
    const area = this.pc4[pc4OfIndex(index)]!;
    if (area === NONE) return { unplaced: 'postcode-unknown', version };
    if (area === SPLIT) return { unplaced: 'postcode-area-split', version };
    return { municipality: municipalityCodeOf(area), by: 'postcode-area', version };
  }
}

/** Every loaded version: a signal is placed by the version in force on its date (the oldest before the first). */
export class AddressTables {
  readonly tables: readonly AddressTable[];

  constructor(versions: readonly AddressTableData[]) {
    this.tables = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0)).map((d) => new AddressTable(d));
  }

  get isEmpty(): boolean {
    return this.tables.length === 0;
  }

  versionOn(date: string): AddressTable | undefined {
    let current = this.tables[0];
    for (const t of this.tables) if (t.data.validFrom <= date) current = t;
    return current;
  }
}
