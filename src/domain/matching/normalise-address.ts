import anyAscii from 'any-ascii';
import { normalisePostcode } from '../signals/normalise.ts';

/**
 * Address and name keys that survive the ways senders write the same thing differently
 * (docs/background/LEGAL-FRAMEWORK.md, known pain points): spacing and case in postcodes, house-number additions
 * as '12-A', '12a', '12 A' or '12 hs', letters beyond ASCII, and surname prefixes (tussenvoegsels)
 * written inside or outside the surname.
 */

const ADDITION_SYNONYMS: Record<string, string> = {
  HS: 'H',
  HUIS: 'H',
  H: 'H',
  BG: 'BG',
  BEL: 'BG',
  BEGANEGROND: 'BG',
  I: '1',
  II: '2',
  III: '3',
  IV: '4',
  '1HG': '1',
  '2HG': '2',
  '3HG': '3',
  '4HG': '4',
  HOOG: '',
};

// eslint-disable-next-line no-control-regex -- the test is exactly "every character is ASCII"
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Latin letters as a clerk without the key would type them: 'Yılmaz' → 'Yilmaz', 'Strauß' →
 * 'Strauss', 'Søren', 'Łukasz', 'Иванов' → 'Soren', 'Lukasz', 'Ivanov'. A real transliteration
 * (any-ascii: one table for all of Unicode, no dependencies), not decomposition: NFD leaves ı, ß,
 * ø, ł and non-Latin scripts as they are, and dropping them would leave the spelling tolerance to
 * guess, which it cannot for short names ('Øz' and 'Oz').
 */
function toAscii(s: string): string {
  // Most names and additions are plain ASCII: nothing to look up (intake computes keys on its hot path).
  return ASCII.test(s) ? s : anyAscii(s);
}

/** '12 - a', 'A', ' hs ' → 'A', 'A', 'H'. Empty when there is none. */
export function normaliseAddition(raw: string | undefined | null): string {
  if (!raw) return '';
  const s = toAscii(raw).toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (s === '') return '';
  return ADDITION_SYNONYMS[s] ?? s;
}

/** Splits '12A', '12-2', '12 bis' into number and addition when the number field holds both. */
function splitHouseNumber(houseNumber: string | undefined | null, addition: string | undefined | null): { number: string; addition: string } {
  const hn = (houseNumber ?? '').trim();
  const m = /^0*(\d+)\s*[-/ ]?\s*(.*)$/.exec(hn);
  if (!m) return { number: hn.toUpperCase(), addition: normaliseAddition(addition) };
  const extra = normaliseAddition(m[2]);
  const add = normaliseAddition(addition);
  return { number: m[1]!, addition: add || extra };
}

/** The household's address key: 'POSTCODE|NUMBER|ADDITION', or undefined without postcode and number. */
export function addressKey(postcode: string | undefined | null, houseNumber: string | undefined | null, addition: string | undefined | null): string | undefined {
  const pc = normalisePostcode(postcode ?? undefined);
  if (!pc) return undefined;
  const { number, addition: add } = splitHouseNumber(houseNumber, addition);
  if (!number) return undefined;
  return `${pc}|${number}|${add}`;
}

/**
 * The key a signal's household is matched and assigned to an experiment arm by: its address key;
 * without a usable address the BSN's pseudonym, lacking that the signal itself. Intake stores it
 * (signals.address_key) and judges an arm "with prior consent" by it (src/app/resident/intake-gate.ts).
 */
export function householdKey(a: { postcode?: string | undefined; houseNumber?: string | undefined; houseNumberAddition?: string | undefined } | undefined, bsnPseudonym: string | null, senderOrgId: string, reference: string): string {
  return addressKey(a?.postcode, a?.houseNumber, a?.houseNumberAddition) ?? (bsnPseudonym ? `bsn:${bsnPseudonym}` : `ref:${senderOrgId}:${reference}`);
}

const PREFIXES = ['van der', 'van den', 'van de', 'van het', "van 't", 'in het', "in 't", 'op de', 'op den', 'uit de', 'uit den', 'van', 'de', 'den', 'der', 'het', "'t", 'ter', 'ten', 'te', 'la', 'le', 'du', 'el', 'al', 'op', 'in', 'uit', 'von', 'zu'];

/** Surname without prefixes, transliterated, lower case letters only: 'van der Meer', 'Meer, van der', 'MEER' → 'meer'; 'Yılmaz' → 'yilmaz'. */
export function surnameKey(prefix: string | undefined | null, surname: string | undefined | null): string {
  let s = toAscii(`${surname ?? ''}`).toLowerCase().trim();
  // 'Meer, van der' → 'meer'
  s = s.replace(/,.*$/, '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of PREFIXES)
      if (s.startsWith(`${p} `)) {
        s = s.slice(p.length + 1).trimStart();
        changed = true;
      }
  }
  void prefix; // the prefix field is ignored on purpose: it is written inconsistently, the core is not.
  return s.replace(/[^a-z]/g, '');
}

/** Damerau-Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Same person's surname despite spelling: equal keys, or one edit apart for names of 5+ letters (2 for 9+). */
export function sameSurname(a: string, b: string): boolean {
  if (a === '' || b === '') return true; // unknown name does not separate
  if (a === b) return true;
  const len = Math.min(a.length, b.length);
  const allowed = len >= 9 ? 2 : len >= 5 ? 1 : 0;
  return allowed > 0 && editDistance(a, b, allowed) <= allowed;
}
