/**
 * Synthetic citizen service numbers (BSN) that pass the elfproef, drawn from one prefix so that
 * they can be recognised as test numbers at a glance.
 *
 * A key (a resident's position in the population) maps one-to-one onto a valid BSN without any
 * table: the digits after the prefix up to the 7th form a block, and within a block of ten
 * choices for the 8th digit at least nine give a valid check digit. So key = block * 9 + j picks
 * the j-th valid 8th digit of that block. Every block therefore yields 9 numbers, and a prefix of
 * k digits holds 9 * 10^(7-k) numbers.
 */

import { isValidBsn } from '../../domain/rules/input-checks.ts';

/** Elfproef weights, used to construct valid numbers directly. */
const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;


/** The elfproef, as the rule evaluator applies it: one definition for generating and judging. */
export function passesElfproef(bsn: string): boolean {
  return isValidBsn(bsn);
}

export interface BsnSpace {
  readonly prefix: string;
  /** How many distinct valid numbers the prefix holds. */
  readonly size: number;
  /** The BSN for a key; keys beyond the size wrap around (the caller is told via `size`). */
  bsnFor(key: number): string;
}

/**
 * @param prefix 1 to 7 leading digits shared by every generated BSN.
 * @param salt   varies the key-to-number order between seeds without affecting validity.
 */
export function createBsnSpace(prefix: string, salt = 0): BsnSpace {
  if (!/^[0-9]{1,7}$/.test(prefix)) throw new Error(`BSN prefix must be 1 to 7 digits, got '${prefix}'`);
  const freeDigits = 7 - prefix.length;
  const blocks = 10 ** freeDigits;
  const size = blocks * 9;
  let prefixSum = 0;
  for (let i = 0; i < prefix.length; i++) prefixSum += (prefix.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  // An affine map with a multiplier coprime to the size (whose only prime factors are 2, 3
  // and 5) is a permutation: it hides the sequential order without breaking uniqueness.
  const multiplier = 1_000_003 % size || 1;
  const offset = salt % size;

  const prefixValue = Number(prefix) * 10 ** (9 - prefix.length);

  function bsnFor(key: number): string {
    const k = ((key % size) * multiplier + offset) % size;
    const block = Math.floor(k / 9);
    const j = k % 9;
    let sum = prefixSum;
    let rest = block;
    // Digits 7 down to prefix.length + 1, weights 3 upwards.
    for (let pos = 6; pos >= prefix.length; pos--) {
      sum += (rest % 10) * (WEIGHTS[pos] ?? 0);
      rest = Math.floor(rest / 10);
    }
    // The j-th 8th digit whose check digit (sum + 2*d8) mod 11 is not 10.
    let seen = -1;
    for (let d8 = 0; d8 < 10; d8++) {
      const check = (sum + 2 * d8) % 11;
      if (check === 10) continue;
      seen++;
      if (seen === j) return String(prefixValue + block * 100 + d8 * 10 + check).padStart(9, '0');
    }
    throw new Error('unreachable: every block holds at least nine valid numbers');
  }

  return { prefix, size, bsnFor };
}

/** A number that looks like a BSN but fails the elfproef (for deliberately invalid rows). */
export function breakBsn(bsn: string): string {
  const last = bsn.charCodeAt(8) - 48;
  return bsn.slice(0, 8) + String((last + 1) % 10);
}
