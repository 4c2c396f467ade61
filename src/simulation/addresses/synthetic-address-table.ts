import type { Municipality } from '../../domain/registers/registers.ts';
import type { PostcodeArea } from '../../domain/routing/postcode-areas.ts';

/**
 * A synthetic national address table in the CBS layout (src/domain/addresses/cbs-layout.ts), for
 * tests, the demo and benchmarks: every municipality existing on `date` gets postcode areas — the
 * demo's own (reference-data/postcode-areas.yaml) where it has them, contiguous blocks of the rest
 * otherwise — and every `borderEvery`-th area shares its last postcode with the next municipality
 * (house numbers above 10 lie across the border), as real postcodes on a border do. Pure and
 * deterministic: the same options give the same lines.
 */
export interface SyntheticTableOptions {
  municipalities: readonly Municipality[];
  areas: readonly PostcodeArea[];
  date: string;
  rows: number;
  year: number;
  housesPerPostcode?: number;
  borderEvery?: number;
  /** Moves one area to another municipality: a merger or a border correction between versions. */
  reassign?: ReadonlyMap<string, string>;
}

const LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';

const numberOf = (code: string) => Number(code.slice(2));

function existsOn(m: Municipality, date: string): boolean {
  return (m.valid_from === null || m.valid_from <= date) && (m.valid_until === null || m.valid_until >= date);
}

/** Which municipality each PC4 belongs to on the date. */
function pc4Owners(o: Pick<SyntheticTableOptions, 'municipalities' | 'areas' | 'date' | 'reassign'>): Map<number, string> {
  const owners = new Map<number, string>();
  for (const a of o.areas) {
    if ((a.valid_from && o.date < a.valid_from) || (a.valid_until && o.date > a.valid_until)) continue;
    for (let pc = a.from; pc <= a.to; pc++) owners.set(pc, a.municipality);
  }
  const taken = new Set(owners.values());
  const others = o.municipalities.filter((m) => existsOn(m, o.date) && !taken.has(m.code)).map((m) => m.code).sort();
  const free: number[] = [];
  for (let pc = 1000; pc <= 9999; pc++) if (!owners.has(pc)) free.push(pc);
  const block = Math.max(1, Math.floor(free.length / Math.max(1, others.length)));
  free.forEach((pc, i) => owners.set(pc, others[Math.min(others.length - 1, Math.floor(i / block))]!));
  for (const [from, to] of o.reassign ?? []) for (const [pc, m] of owners) if (m === from) owners.set(pc, to);
  return owners;
}

/** The file's lines, header first, in batches (a 9.5 million row file never sits in memory). */
export function* syntheticAddressLines(o: SyntheticTableOptions): Generator<string> {
  const houses = o.housesPerPostcode ?? 20;
  const borderEvery = o.borderEvery ?? 50;
  const owners = pc4Owners(o);
  const pc4s = [...owners.keys()].sort((a, b) => a - b);
  const postcodesPerArea = Math.min(LETTERS.length * LETTERS.length, Math.max(1, Math.round(o.rows / houses / pc4s.length)));
  yield `PC6;Huisnummer;Buurt${o.year};Wijk${o.year};Gemeente${o.year}\n`;
  let written = 0;
  for (let a = 0; a < pc4s.length && written < o.rows; a++) {
    const pc4 = pc4s[a]!;
    const m = numberOf(owners.get(pc4)!);
    const next = pc4s[a + 1] === undefined ? undefined : numberOf(owners.get(pc4s[a + 1]!)!);
    const border = next !== undefined && next !== m && a % borderEvery === 0;
    const district = m * 100 + (pc4 % 10);
    let out = '';
    for (let p = 0; p < postcodesPerArea && written < o.rows; p++) {
      const pc6 = `${pc4}${LETTERS[Math.floor(p / LETTERS.length)]}${LETTERS[p % LETTERS.length]}`;
      const last = p === postcodesPerArea - 1;
      for (let h = 1; h <= houses && written < o.rows; h++) {
        const across = border && last && h > 10;
        const mm = across ? next! : m;
        const d = across ? mm * 100 : district;
        out += `${pc6};${h};${d * 100 + (p % 10)};${d};${mm}\n`;
        written++;
      }
    }
    yield out;
  }
}
