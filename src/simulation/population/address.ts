/**
 * Addresses of one municipality: a postcode in its real four-digit ranges, two letters, a street
 * and a house number with, in blocks of flats, an addition. An address slot number maps to exactly
 * one address and no two slots share one, so households never collide.
 */
import type { MunicipalityParams } from './params.ts';
import { hash32, hashUnit } from './rng.ts';
import { STREET_STEMS, STREET_SUFFIXES } from './names.ts';

export interface Address {
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
}

// Dutch postcodes never use F, I, O, Q, U or Y, nor the pairs SA, SD and SS.
const LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';
const LETTER_PAIRS: readonly string[] = (() => {
  const out: string[] = [];
  for (const a of LETTERS) for (const b of LETTERS) if (!(a === 'S' && (b === 'A' || b === 'D' || b === 'S'))) out.push(a + b);
  return out;
})();
const PAIR_COUNT = LETTER_PAIRS.length; // 397, a prime: any multiplier below it permutes the pairs
/** At most this many postcodes per four-digit area; real areas use a few hundred. */
const MAX_POSTCODES_PER_AREA = 300;
/** Consecutive postcodes that share one street name (a longer street spans several postcodes). */
const POSTCODES_PER_STREET = 3;

// Every street name built once: concatenating per household made a new string each time.
const STREETS: readonly string[] = STREET_STEMS.flatMap((stem) => STREET_SUFFIXES.map((suffix) => stem + suffix));

const ADDITION_STYLES: readonly (readonly string[])[] = [
  ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'],
  ['1', '2', '3', '4', '5', '6', '7', '8'],
  ['H', '1', '2', '3', '4', '5', '6', '7'], // Amsterdam: H(uis) for the ground floor
  ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'],
];

interface Area {
  pc4: number;
  city: string;
}

export class AddressBook {
  private readonly areas: Area[];
  readonly perPostcode: number;

  constructor(
    municipality: MunicipalityParams,
    readonly households: number,
    minPerPostcode: number,
    private readonly salt: number,
  ) {
    this.areas = [];
    for (const p of municipality.postcodes) {
      for (let pc4 = p.range[0]; pc4 <= p.range[1]; pc4++) this.areas.push({ pc4, city: p.city ?? municipality.city });
    }
    this.perPostcode = Math.max(minPerPostcode, Math.ceil(households / (this.areas.length * MAX_POSTCODES_PER_AREA)));
    this.flatShare = municipality.flatShare;
  }

  private readonly flatShare: number;

  address(slot: number): Address {
    const postcodeIndex = Math.floor(slot / this.perPostcode);
    const within = slot - postcodeIndex * this.perPostcode;
    const n = this.areas.length;
    const area = this.areas[postcodeIndex % n] as Area;
    const letterIndex = Math.floor(postcodeIndex / n);
    const pairIndex = (letterIndex * 7 + (hash32(this.salt, area.pc4) % PAIR_COUNT)) % PAIR_COUNT;
    const postcode = `${area.pc4}${LETTER_PAIRS[pairIndex] as string}`;
    const streetKey = Math.floor(letterIndex / POSTCODES_PER_STREET);
    const sh = hash32(this.salt, area.pc4, streetKey, 1);
    const street = STREETS[(sh % STREET_STEMS.length) * STREET_SUFFIXES.length + ((sh >>> 12) % STREET_SUFFIXES.length)] as string;
    // Numbers continue along the street from one postcode to the next.
    const firstNumber = 1 + (letterIndex % POSTCODES_PER_STREET) * 2 * this.perPostcode;
    const flats = hashUnit(this.salt, area.pc4, letterIndex, 2) < this.flatShare;
    if (!flats) {
      const houseNumber = String(firstNumber + within * 2);
      const withLetter = hashUnit(this.salt, area.pc4, letterIndex, 3 + within * 8) < 0.04;
      return withLetter ? { street, houseNumber, houseNumberAddition: 'A', postcode, city: area.city } : { street, houseNumber, postcode, city: area.city };
    }
    const ph = hash32(this.salt, area.pc4, letterIndex, 4);
    const unitsPerEntry = 2 + (ph % 7); // 2..8 homes behind one front door
    const style = ADDITION_STYLES[(ph >>> 8) % ADDITION_STYLES.length] as readonly string[];
    const entry = Math.floor(within / unitsPerEntry);
    const unit = within - entry * unitsPerEntry;
    return {
      street,
      houseNumber: String(firstNumber + entry * 2),
      houseNumberAddition: style[unit] as string,
      postcode,
      city: area.city,
    };
  }
}
