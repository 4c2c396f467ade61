/**
 * The synthetic population: households and residents of the chosen municipalities.
 *
 * The population is virtual. A household is a number; everything about it (size, address, tenure,
 * names, BSNs) follows from that number and the seed through a hash, so a population of millions
 * costs no memory and any household can be looked at directly. Household sizes are laid out in
 * blocks (all one-person households first, then two-person, ...) so that the position of every
 * resident, and so a unique BSN, can be computed without counting; the address is a permutation
 * of the household number, so the blocks do not show in the streets.
 */
import { AddressBook, type Address } from './address.ts';
import { createBsnSpace, type BsnSpace } from './bsn.ts';
import { isoDate, parseIsoDate } from '../../domain/calendar.ts';
import { GIVEN_NAMES, SURNAMES, initialsOf } from './names.ts';
import { bracketBounds, numericWeights, type MunicipalityParams, type PopulationParams } from './params.ts';
import { WeightedChoice, hash32, hashString, hashUnit } from './rng.ts';

export type Tenure = 'owner' | 'renter';
export type EnergySource = 'gas' | 'heat' | 'all_electric';

export interface Resident {
  /** Position in the whole population; the BSN is derived from it. */
  key: number;
  bsn: string;
  role: 'head' | 'partner' | 'child';
  givenName: string;
  initials: string;
  /** Tussenvoegsel, e.g. 'van der'; absent when the surname has none. */
  prefix?: string;
  surname: string;
  age: number;
  birthDate: string;
  phone?: string;
  email?: string;
}

export interface Household {
  /** Stable id: municipality code and household number, e.g. 'GM0363-000123'. */
  id: string;
  municipalityCode: string;
  index: number;
  address: Address;
  size: number;
  tenure: Tenure;
  rentSector?: 'social' | 'private';
  /** Rent or mortgage payment in euros per month. */
  monthlyHousingCost: number;
  energySource: EnergySource;
  /** Pays a CAK own contribution for Wmo support. */
  wmoCare: boolean;
  headAgeBracket: string;
  /** Relative risk of an arrears episode starting (1 = a renter aged 45-66 living alone). */
  risk: number;
  /** Age of every member, head first; known without building the residents. */
  memberAges: readonly number[];
  /** Member i (0 is the head), built on first use: most signals need only one person. */
  resident(i: number): Resident;
  /** All members, head first, built on first use. */
  readonly residents: readonly Resident[];
}

/** What the arrears process needs to pick households, without building names and addresses. */
export interface HouseholdCore {
  size: number;
  headAge: number;
  bracket: number;
  owner: boolean;
  risk: number;
}

// Hash field numbers: each attribute draws from its own stream.
const F = { age: 1, tenure: 2, sector: 3, cost: 4, energy: 5, wmo: 6, couple: 7, surname: 8, partnerSurname: 9, phone: 10 } as const;
const RESIDENT_FIELDS = 16;
const R = { given: 0, second: 1, secondUse: 2, age: 3, birth: 4, phone: 5, email: 6, adult: 7 } as const;
const RESIDENT_FIELD_BASE = 100;
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const; // RFC 2606: never real mailboxes

interface Stratum {
  size: number;
  count: number;
  firstHousehold: number;
  firstResident: number;
}

/** Shared, derived tables (one per population, not per municipality). */
interface Tables {
  brackets: { label: string; lo: number; hi: number }[];
  headAge: WeightedChoice<number>;
  ownerProbability: number[]; // per bracket, before the municipality's own share is applied
  energy: WeightedChoice<EnergySource>;
  riskAge: number[];
  riskSize: Map<number, number>;
  ownerRisk: number;
  maxRisk: number;
  wmo: number[];
}

function buildTables(p: PopulationParams): Tables {
  const hh = p.households;
  const brackets = Object.keys(hh.headAge).map((label) => {
    const [lo, hi] = bracketBounds(label);
    return { label, lo, hi };
  });
  const headAge = new WeightedChoice(brackets.map((b, i) => [i, hh.headAge[b.label] ?? 0] as const));
  const factors = brackets.map((b) => hh.ownerAgeFactor[b.label] ?? 1);
  const totalAge = brackets.reduce((s, b) => s + (hh.headAge[b.label] ?? 0), 0);
  const meanFactor = brackets.reduce((s, b, i) => s + ((hh.headAge[b.label] ?? 0) / totalAge) * (factors[i] ?? 1), 0);
  const energy = new WeightedChoice<EnergySource>([
    ['gas', hh.energySource.gas ?? 0],
    ['heat', hh.energySource.heat ?? 0],
    ['all_electric', hh.energySource.all_electric ?? 0],
  ]);
  // Odds ratio owner vs renter such that troubledOwnerShare of troubled households own while
  // nationalOwnerShare of all households do (other factors taken as independent of tenure).
  const r = p.risk;
  const ownerRisk = (r.troubledOwnerShare / (1 - r.troubledOwnerShare)) / (r.nationalOwnerShare / (1 - r.nationalOwnerShare));
  const riskAge = brackets.map((b) => p.risk.headAge[b.label] ?? 1);
  const riskSize = new Map(numericWeights(p.risk.householdSize));
  const maxRisk = Math.max(...riskAge) * Math.max(...riskSize.values()) * Math.max(1, ownerRisk);
  const wmo = brackets.map((b) => {
    // wmo_care_share brackets may be coarser than head_age brackets: use the one containing b.lo.
    for (const [label, share] of Object.entries(hh.wmoCareShare)) {
      const [lo, hi] = bracketBounds(label);
      if (b.lo >= lo && b.lo <= hi) return share;
    }
    return 0;
  });
  return { brackets, headAge, ownerProbability: factors.map((f) => f / meanFactor), energy, riskAge, riskSize, ownerRisk, maxRisk, wmo };
}

function pad6(n: number): string {
  return n < 1_000_000 ? String(1_000_000 + n).slice(1) : String(n);
}

/** Mailbox-safe form of a name: diacritics and everything but letters removed. */
function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 's')
    .replace(/ğ/g, 'g')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

// Folded once: normalising strings per resident was a large share of generation time.
const FOLDED_GIVEN = GIVEN_NAMES.map(asciiFold);
const FOLDED_SURNAME = SURNAMES.map(([p, n]) => asciiFold(p + n));

export class MunicipalityPopulation {
  readonly code: string;
  readonly householdCount: number;
  readonly residentCount: number;
  private readonly strata: Stratum[];
  /** Seed of this municipality's hash streams (derived from the population seed and the code). */
  readonly seed: number;
  private readonly addresses: AddressBook;
  private readonly permMultiplier: number;
  private readonly permOffset: number;
  private readonly referenceDay: number;

  constructor(
    readonly params: MunicipalityParams,
    /** Scaled number of inhabitants actually generated. */
    readonly inhabitants: number,
    private readonly residentBase: number,
    private readonly all: PopulationParams,
    private readonly tables: Tables,
    private readonly bsnSpace: BsnSpace,
    populationSeed: number,
  ) {
    this.code = params.code;
    this.seed = hash32(populationSeed, hashString(params.code));
    const profile = all.households.sizeProfiles[params.profile] ?? all.households.sizeProfiles.national ?? {};
    const sizes = numericWeights(profile).sort((a, b) => a[0] - b[0]);
    const total = sizes.reduce((s, [, w]) => s + w, 0);
    const meanSize = sizes.reduce((s, [k, w]) => s + k * (w / total), 0);
    const households = Math.max(1, Math.round(inhabitants / meanSize));
    this.strata = [];
    let h = 0;
    let r = 0;
    sizes.forEach(([size, w], i) => {
      const count = i === sizes.length - 1 ? households - h : Math.round((households * w) / total);
      this.strata.push({ size, count: Math.max(0, count), firstHousehold: h, firstResident: r });
      h += Math.max(0, count);
      r += Math.max(0, count) * size;
    });
    this.householdCount = h;
    this.residentCount = r;
    this.addresses = new AddressBook(params, h, all.households.address.householdsPerPostcode, this.seed);
    // An affine permutation of household numbers onto address slots.
    let m = 1 + (hash32(this.seed, 77) % Math.max(1, h - 1));
    while (gcd(m, h) !== 1) m++;
    this.permMultiplier = m;
    this.permOffset = hash32(this.seed, 78) % h;
    this.referenceDay = parseIsoDate(all.referenceDate);
  }

  private stratumOf(index: number): Stratum {
    for (let i = this.strata.length - 1; i >= 0; i--) {
      const s = this.strata[i] as Stratum;
      if (index >= s.firstHousehold && s.count > 0) return s;
    }
    return this.strata[0] as Stratum;
  }

  /** Risk-relevant attributes only: cheap enough to call in a rejection-sampling loop. */
  core(index: number): HouseholdCore {
    const t = this.tables;
    const size = this.stratumOf(index).size;
    let bracket: number;
    let headAge: number;
    if (size >= 3) {
      const [lo, hi] = this.all.households.familyHeadAge;
      headAge = lo + Math.floor(hashUnit(this.seed, index, F.age) * (hi - lo + 1));
      bracket = 0;
      for (let i = 0; i < t.brackets.length; i++) {
        const b = t.brackets[i] as { lo: number; hi: number };
        if (headAge >= b.lo && headAge <= b.hi) bracket = i;
      }
    } else {
      bracket = t.headAge.at(hashUnit(this.seed, index, F.age));
      const b = t.brackets[bracket] ?? { lo: 30, hi: 60 };
      headAge = b.lo + Math.floor(hashUnit(this.seed, index, F.age, 1) * (b.hi - b.lo + 1));
    }
    const ownerP = Math.min(0.98, this.params.ownerShare * (t.ownerProbability[bracket] ?? 1));
    const owner = hashUnit(this.seed, index, F.tenure) < ownerP;
    const risk = (t.riskAge[bracket] ?? 1) * (t.riskSize.get(size) ?? 1) * (owner ? t.ownerRisk : 1);
    return { size, headAge, bracket, owner, risk };
  }

  get maxRisk(): number {
    return this.tables.maxRisk;
  }

  /** The full household with its residents and address. */
  household(index: number): Household {
    if (index < 0 || index >= this.householdCount) throw new RangeError(`${this.code} has no household ${index}`);
    const c = this.core(index);
    const hh = this.all.households;
    const t = this.tables;
    const s = this.seed;
    const stratum = this.stratumOf(index);
    const firstKey = this.residentBase + stratum.firstResident + (index - stratum.firstHousehold) * stratum.size;
    const slot = (index * this.permMultiplier + this.permOffset) % this.householdCount;
    const address = this.addresses.address(slot);

    let rentSector: 'social' | 'private' | undefined;
    let cost: number;
    const u = hashUnit(s, index, F.cost);
    if (c.owner) {
      const [lo, hi] = hh.monthlyCost.mortgage ?? [0, 0];
      cost = lo + u * (hi - lo);
    } else {
      rentSector = hashUnit(s, index, F.sector) < hh.socialRentShare ? 'social' : 'private';
      const [lo, hi] = (rentSector === 'social' ? hh.monthlyCost.social_rent : hh.monthlyCost.private_rent) ?? [0, 0];
      cost = lo + u * (hi - lo);
    }
    const energySource = t.energy.at(hashUnit(s, index, F.energy));
    const wmoCare = hashUnit(s, index, F.wmo) < (t.wmo[c.bracket] ?? 0);

    const headSurnameIndex = hash32(s, index, F.surname) % SURNAMES.length;
    const couple = c.size >= 2 && hashUnit(s, index, F.couple) < hh.coupleShare;
    const ages: number[] = [c.headAge];
    const roles: Resident['role'][] = ['head'];
    const surnames: number[] = [headSurnameIndex];
    if (couple) {
      ages.push(Math.max(18, c.headAge - 4 + Math.floor(hashUnit(s, index, RESIDENT_FIELD_BASE + RESIDENT_FIELDS + R.age) * 9)));
      roles.push('partner');
      // Partners usually keep their own surname in the BRP.
      surnames.push(hashUnit(s, index, F.partnerSurname) < 0.7 ? hash32(s, index, F.partnerSurname, 1) % SURNAMES.length : headSurnameIndex);
    }
    const maxChild = Math.max(0, Math.min(17, c.headAge - 18));
    for (let i = ages.length; i < c.size; i++) {
      const f = RESIDENT_FIELD_BASE + i * RESIDENT_FIELDS;
      const adult = c.headAge >= 38 && hashUnit(s, index, f + R.adult) < hh.adultChildShare;
      ages.push(adult ? 18 + Math.floor(hashUnit(s, index, f + R.age) * 7) : Math.floor(hashUnit(s, index, f + R.age) * (maxChild + 1)));
      roles.push('child');
      surnames.push(headSurnameIndex);
    }

    return new SyntheticHousehold(
      this,
      `${this.code}-${pad6(index)}`,
      index,
      address,
      c,
      rentSector,
      Math.round(cost),
      energySource,
      wmoCare,
      t.brackets[c.bracket]?.label ?? '',
      ages,
      firstKey,
      roles,
      surnames,
    );
  }

  /** @internal Builds member i of household `index`; used by SyntheticHousehold. */
  buildResident(index: number, firstKey: number, i: number, role: Resident['role'], age: number, surnameIndex: number): Resident {
    return this.resident(index, firstKey, i, role, age, surnameIndex);
  }

  private resident(index: number, firstKey: number, i: number, role: Resident['role'], age: number, surnameIndex: number): Resident {
    const s = this.seed;
    const contact = this.all.households.contact;
    const f = RESIDENT_FIELD_BASE + i * RESIDENT_FIELDS;
    const g = hash32(s, index, f + R.given) % GIVEN_NAMES.length;
    const givenName = GIVEN_NAMES[g] as string;
    const second = hashUnit(s, index, f + R.secondUse) < 0.3 ? (GIVEN_NAMES[hash32(s, index, f + R.second) % GIVEN_NAMES.length] as string) : undefined;
    const [prefix, surname] = SURNAMES[surnameIndex] as readonly [string, string];
    const birthDay = this.referenceDay - Math.round(age * 365.25) - Math.floor(hashUnit(s, index, f + R.birth) * 365);
    const key = firstKey + i;
    const r: Resident = { key, bsn: this.bsnSpace.bsnFor(key), role, givenName, initials: initialsOf(givenName, second), surname, age, birthDate: isoDate(birthDay) };
    if (prefix !== '') r.prefix = prefix;
    if (age >= 18) {
      if (hashUnit(s, index, f + R.phone) < contact.phone) r.phone = `06${10_000_000 + (hash32(s, index, f + R.phone, 1) % 90_000_000)}`;
      if (hashUnit(s, index, f + R.email) < contact.email) {
        const domain = EMAIL_DOMAINS[hash32(s, index, f + R.email, 1) % EMAIL_DOMAINS.length] as string;
        r.email = `${FOLDED_GIVEN[g] as string}.${FOLDED_SURNAME[surnameIndex] as string}${hash32(s, index, f + R.email, 2) % 100}@${domain}`;
      }
    }
    return r;
  }

  *households(): Generator<Household> {
    for (let i = 0; i < this.householdCount; i++) yield this.household(i);
  }
}

type HouseholdData = Omit<Household, 'resident' | 'residents'>;

/** A household whose members are built when first asked for. */
class SyntheticHousehold implements Household {
  readonly municipalityCode: string;
  readonly size: number;
  readonly tenure: Tenure;
  readonly rentSector?: 'social' | 'private';
  readonly risk: number;
  private readonly built: (Resident | undefined)[];

  // Positional on purpose: this runs once per case, and an options object with spreads was a
  // measurable share of generation time.
  constructor(
    private readonly owner: MunicipalityPopulation,
    readonly id: string,
    readonly index: number,
    readonly address: Address,
    core: HouseholdCore,
    rentSector: 'social' | 'private' | undefined,
    readonly monthlyHousingCost: number,
    readonly energySource: EnergySource,
    readonly wmoCare: boolean,
    readonly headAgeBracket: string,
    readonly memberAges: readonly number[],
    private readonly firstKey: number,
    private readonly roles: readonly Resident['role'][],
    private readonly surnames: readonly number[],
  ) {
    this.municipalityCode = owner.code;
    this.size = core.size;
    this.tenure = core.owner ? 'owner' : 'renter';
    if (rentSector !== undefined) this.rentSector = rentSector;
    this.risk = core.risk;
    this.built = new Array<Resident | undefined>(memberAges.length);
  }

  resident(i: number): Resident {
    let r = this.built[i];
    if (r === undefined) {
      const age = this.memberAges[i];
      if (age === undefined) throw new RangeError(`household ${this.id} has no member ${i}`);
      r = this.owner.buildResident(this.index, this.firstKey, i, this.roles[i] ?? 'child', age, this.surnames[i] ?? 0);
      this.built[i] = r;
    }
    return r;
  }

  get residents(): readonly Resident[] {
    return this.memberAges.map((_, i) => this.resident(i));
  }

  /** Plain data, members included (the getter would be left out of JSON otherwise). */
  toJSON(): HouseholdData & { residents: readonly Resident[] } {
    const { owner: _o, firstKey: _f, roles: _r, surnames: _s, built: _b, ...data } = this;
    return { ...data, residents: this.residents };
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export interface Population {
  readonly seed: number;
  readonly params: PopulationParams;
  readonly scale: number;
  readonly municipalities: readonly MunicipalityPopulation[];
  readonly residentCount: number;
  /** Distinct BSNs available; when residentCount exceeds it, BSNs repeat (see bsnsRepeat). */
  readonly bsnSpaceSize: number;
  readonly bsnsRepeat: boolean;
  municipality(code: string): MunicipalityPopulation | undefined;
}

export interface PopulationOptions {
  /** Multiplies every municipality's inhabitants (for scale data); default 1. */
  scale?: number;
}

/** Lays out the population of every municipality in the parameters. Cheap: nothing is materialised. */
export function generatePopulation(params: PopulationParams, seed: number, options: PopulationOptions = {}): Population {
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError('scale must be positive');
  const tables = buildTables(params);
  const bsnSpace = createBsnSpace(params.bsn.prefix, hash32(seed, 0xb5));
  const municipalities: MunicipalityPopulation[] = [];
  let base = 0;
  for (const m of params.municipalities) {
    const mp = new MunicipalityPopulation(m, Math.round(m.inhabitants * scale), base, params, tables, bsnSpace, seed);
    municipalities.push(mp);
    base += mp.residentCount;
  }
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  return {
    seed,
    params,
    scale,
    municipalities,
    residentCount: base,
    bsnSpaceSize: bsnSpace.size,
    bsnsRepeat: base > bsnSpace.size,
    municipality: (code) => byCode.get(code),
  };
}
