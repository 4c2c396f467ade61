/**
 * The population parameters (sim/population.params.yaml) as typed data, and the check that turns
 * the parsed YAML into it. A wrong or missing number fails here with the path to it, not later as
 * a NaN deep inside the generator.
 */
import { DATA_CATEGORIES, type DataCategory } from '../../domain/signals/signal.ts';

export type Range = readonly [number, number];
/** Keys are the outcomes (numbers or labels), values their relative weights. */
export type Weights = Readonly<Record<string, number>>;

export interface Target {
  value: number;
  tolerance: number;
  source: string;
}

export type Eligibility = 'all' | 'renter' | 'owner' | 'gas' | 'heat' | 'wmo_care';
const ELIGIBILITIES: readonly Eligibility[] = ['all', 'renter', 'owner', 'gas', 'heat', 'wmo_care'];

export interface Availability {
  /** Undefined: every municipality. */
  municipalities?: readonly string[];
  from: string;
  until: string;
}

export interface SenderParams {
  /** May contain {slug} (the municipality's name in lower case) for one organisation per municipality. */
  id: string;
  name: string;
  share: number;
  municipalities?: readonly string[];
  from?: string;
}

export type AmountModel =
  | { kind: 'months'; months: Weights; monthly: string; min?: number; max?: number }
  | { kind: 'lognormal'; median: number; sigma: number; min?: number; max?: number };

export interface ComponentExtra {
  kind: string;
  share: number;
  count: Weights;
  each: Range;
}

export interface SignalTypeParams {
  code: string;
  ddasPartner: string;
  legalBasis: string;
  weight: number;
  /** Twelve factors on the weight, January to December (mean 1): the type's season. Undefined: level all year. */
  season?: readonly number[];
  eligible: Eligibility;
  /** Register kind of the senders (rules/registers/organisation-kinds.yaml). */
  organisationKind: string;
  /** Undefined: everywhere, always. */
  available?: readonly Availability[];
  data: readonly DataCategory[];
  amount: AmountModel;
  arrearAgeDays: Range;
  crisisShare: number;
  otherAdultShare: number;
  customerNumberDigits?: number;
  /** Statements the designation requires of the sender (attestations), passed on every signal of the type. */
  attestations?: readonly string[];
  components?: { main: string; extras: readonly ComponentExtra[] };
  senders: readonly SenderParams[];
}

export interface PostcodeArea {
  range: Range;
  city?: string;
}

export interface MunicipalityParams {
  code: string;
  name: string;
  city: string;
  inhabitants: number;
  ownerShare: number;
  profile: string;
  flatShare: number;
  riskIndex: number;
  postcodes: readonly PostcodeArea[];
}

export interface PopulationParams {
  referenceDate: string;
  calibration: {
    signalsPer1000PerMonth: Target;
    singleCaseShare: Target;
    multipleCaseShare: Target;
    consecutiveCaseShare: Target;
    reachedCaseShare: Target;
    ownerShareOfTroubledHouseholds: number;
  };
  bsn: { prefix: string };
  households: {
    sizeProfiles: Readonly<Record<string, Weights>>;
    coupleShare: number;
    adultChildShare: number;
    headAge: Weights;
    familyHeadAge: Range;
    ownerShare: number;
    ownerAgeFactor: Weights;
    socialRentShare: number;
    monthlyCost: Readonly<Record<string, Range>>;
    energySource: Weights;
    wmoCareShare: Weights;
    contact: { phone: number; email: number; givenName: number };
    address: { householdsPerPostcode: number; flatShare: number };
  };
  risk: {
    nationalOwnerShare: number;
    troubledOwnerShare: number;
    headAge: Weights;
    householdSize: Weights;
  };
  process: {
    warmupMonths: number;
    episode: {
      extraMonthsMean: number;
      laterMonthCaseProbability: number;
      sameCreditorProbability: number;
      /** At least this much higher an arrear is when its creditor reports it again in a later month of the episode. */
      laterAmountGrowth: number;
    };
    signalsPerCase: { first: Weights; later: Weights };
    signalDays: 'weekdays' | 'all';
  };
  signalTypes: readonly SignalTypeParams[];
  socialCollection: {
    reminderDaysBeforeSignal: Range;
    contactAttemptShare: number;
    referralInReminderShare: number;
    agreementOfferedShare: number;
    residentResponse: Weights;
  };
  defects: { share: number; kinds: Weights };
  repeats: { share: number; sameReferenceShare: number; daysLater: Range };
  municipalHandling: {
    signalToCaseShare: number;
    capacityFtePer10000: number;
    amountThresholdMedian: number;
    outreach: {
      channelByCase: Readonly<Record<'single' | 'multiple' | 'crisis', Weights>>;
      reachProbability: Weights;
      noPhoneFactor: number;
    };
  };
  municipalities: readonly MunicipalityParams[];
}

export class ParamsError extends Error {
  override name = 'ParamsError';
}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new ParamsError(`population params: ${path}: ${what}`);
}

function obj(v: unknown, path: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'expected a mapping');
  return v as Obj;
}

function num(v: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a number, got ${JSON.stringify(v)}`);
  if (v < min || v > max) fail(path, `${v} is outside [${min}, ${max}]`);
  return v;
}

function share(v: unknown, path: string): number {
  return num(v, path, 0, 1);
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, 'expected a non-empty string');
  return v;
}

function date(v: unknown, path: string): string {
  // YAML may have turned an unquoted date into a Date object.
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : str(v, path);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) fail(path, `expected YYYY-MM-DD, got '${s}'`);
  return s;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'expected a list');
  return v;
}

function range(v: unknown, path: string): Range {
  const a = arr(v, path);
  if (a.length !== 2) fail(path, 'expected [low, high]');
  const lo = num(a[0], `${path}[0]`);
  const hi = num(a[1], `${path}[1]`);
  if (hi < lo) fail(path, 'high is below low');
  return [lo, hi];
}

function weights(v: unknown, path: string): Weights {
  const o = obj(v, path);
  const out: Record<string, number> = {};
  let sum = 0;
  for (const [k, w] of Object.entries(o)) {
    out[k] = num(w, `${path}.${k}`, 0);
    sum += out[k];
  }
  if (sum <= 0) fail(path, 'weights must have a positive sum');
  return out;
}

function target(v: unknown, path: string): Target {
  const o = obj(v, path);
  return { value: num(o.value, `${path}.value`), tolerance: num(o.tolerance, `${path}.tolerance`, 0), source: str(o.source, `${path}.source`) };
}

function codes(v: unknown, path: string): string[] {
  return arr(v, path).map((c, i) => {
    const s = str(c, `${path}[${i}]`);
    if (!/^GM\d{4}$/.test(s)) fail(`${path}[${i}]`, `'${s}' is not a CBS municipality code`);
    return s;
  });
}

function amountModel(v: unknown, path: string): AmountModel {
  const o = obj(v, path);
  const min = o.min === undefined ? undefined : num(o.min, `${path}.min`, 0);
  const max = o.max === undefined ? undefined : num(o.max, `${path}.max`, 0);
  const bounds = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  if (o.lognormal !== undefined) {
    const l = obj(o.lognormal, `${path}.lognormal`);
    return { kind: 'lognormal', median: num(l.median, `${path}.lognormal.median`, 0), sigma: num(l.sigma, `${path}.lognormal.sigma`, 0), ...bounds };
  }
  return { kind: 'months', months: weights(o.months, `${path}.months`), monthly: str(o.monthly, `${path}.monthly`), ...bounds };
}

function signalType(code: string, v: unknown, path: string): SignalTypeParams {
  const o = obj(v, path);
  const eligible = str(o.eligible, `${path}.eligible`) as Eligibility;
  if (!ELIGIBILITIES.includes(eligible)) fail(`${path}.eligible`, `must be one of ${ELIGIBILITIES.join(', ')}`);
  const data = arr(o.data, `${path}.data`).map((c, i) => {
    const s = str(c, `${path}.data[${i}]`);
    if (!(DATA_CATEGORIES as readonly string[]).includes(s)) fail(`${path}.data[${i}]`, `unknown data category '${s}'`);
    return s as DataCategory;
  });
  const available =
    o.available === undefined
      ? undefined
      : arr(o.available, `${path}.available`).map((a, i) => {
          const ao = obj(a, `${path}.available[${i}]`);
          const municipalities = ao.municipalities === undefined ? undefined : codes(ao.municipalities, `${path}.available[${i}].municipalities`);
          return {
            ...(municipalities === undefined ? {} : { municipalities }),
            from: date(ao.from, `${path}.available[${i}].from`),
            until: ao.until === undefined ? '9999-12-31' : date(ao.until, `${path}.available[${i}].until`),
          };
        });
  const senders = arr(o.senders, `${path}.senders`).map((s, i) => {
    const so = obj(s, `${path}.senders[${i}]`);
    const p = `${path}.senders[${i}]`;
    return {
      id: str(so.id, `${p}.id`),
      name: str(so.name, `${p}.name`),
      share: share(so.share, `${p}.share`),
      ...(so.municipalities === undefined ? {} : { municipalities: codes(so.municipalities, `${p}.municipalities`) }),
      ...(so.from === undefined ? {} : { from: date(so.from, `${p}.from`) }),
    };
  });
  if (senders.length === 0) fail(`${path}.senders`, 'at least one sender is needed');
  let components: SignalTypeParams['components'];
  if (o.components !== undefined) {
    const c = obj(o.components, `${path}.components`);
    const extras = c.extras === undefined ? [] : arr(c.extras, `${path}.components.extras`);
    components = {
      main: str(c.main, `${path}.components.main`),
      extras: extras.map((e, i) => {
        const eo = obj(e, `${path}.components.extras[${i}]`);
        const p = `${path}.components.extras[${i}]`;
        return { kind: str(eo.kind, `${p}.kind`), share: share(eo.share, `${p}.share`), count: weights(eo.count, `${p}.count`), each: range(eo.each, `${p}.each`) };
      }),
    };
  }
  const cn = o.customer_number === undefined ? undefined : obj(o.customer_number, `${path}.customer_number`);
  return {
    code,
    ddasPartner: str(o.ddas_partner, `${path}.ddas_partner`),
    legalBasis: str(o.legal_basis, `${path}.legal_basis`),
    weight: num(o.weight, `${path}.weight`, 0),
    ...(o.season === undefined ? {} : { season: seasonOf(o.season, `${path}.season`) }),
    eligible,
    organisationKind: str(o.organisation_kind, `${path}.organisation_kind`),
    ...(available === undefined ? {} : { available }),
    data,
    amount: amountModel(o.amount, `${path}.amount`),
    arrearAgeDays: range(o.arrear_age_days, `${path}.arrear_age_days`),
    crisisShare: share(o.crisis_share, `${path}.crisis_share`),
    otherAdultShare: o.other_adult_share === undefined ? 0 : share(o.other_adult_share, `${path}.other_adult_share`),
    ...(cn === undefined ? {} : { customerNumberDigits: num(cn.digits, `${path}.customer_number.digits`, 4, 15) }),
    ...(components === undefined ? {} : { components }),
    ...(o.attestations === undefined ? {} : { attestations: arr(o.attestations, `${path}.attestations`).map((a, i) => str(a, `${path}.attestations[${i}]`)) }),
    senders,
  };
}

function seasonOf(v: unknown, path: string): number[] {
  const list = arr(v, path).map((f, i) => num(f, `${path}[${i}]`, 0));
  if (list.length !== 12) fail(path, 'expected twelve factors, January to December');
  const mean = list.reduce((a, b) => a + b, 0) / 12;
  // A season moves signals between months, not in or out of the year (the calibrated rate holds).
  if (Math.abs(mean - 1) > 0.01) fail(path, `the factors must average 1 (they average ${mean.toFixed(3)})`);
  return list;
}

function municipality(v: unknown, path: string, defaults: { flatShare: number; ownerShare: number }): MunicipalityParams {
  const o = obj(v, path);
  const code = str(o.code, `${path}.code`);
  if (!/^GM\d{4}$/.test(code)) fail(`${path}.code`, `'${code}' is not a CBS municipality code`);
  const name = str(o.name, `${path}.name`);
  const postcodes = arr(o.postcodes, `${path}.postcodes`).map((p, i) => {
    const po = obj(p, `${path}.postcodes[${i}]`);
    const r = range(po.range, `${path}.postcodes[${i}].range`);
    if (r[0] < 1000 || r[1] > 9999) fail(`${path}.postcodes[${i}].range`, 'postcode numbers run from 1000 to 9999');
    return { range: r, ...(po.city === undefined ? {} : { city: str(po.city, `${path}.postcodes[${i}].city`) }) };
  });
  if (postcodes.length === 0) fail(`${path}.postcodes`, 'at least one postcode range is needed');
  return {
    code,
    name,
    city: o.city === undefined ? name : str(o.city, `${path}.city`),
    inhabitants: num(o.inhabitants, `${path}.inhabitants`, 1),
    ownerShare: o.owner_share === undefined ? defaults.ownerShare : share(o.owner_share, `${path}.owner_share`),
    profile: o.profile === undefined ? 'national' : str(o.profile, `${path}.profile`),
    flatShare: o.flat_share === undefined ? defaults.flatShare : share(o.flat_share, `${path}.flat_share`),
    riskIndex: o.risk_index === undefined ? 1 : num(o.risk_index, `${path}.risk_index`, 0),
    postcodes,
  };
}

function rangeMap(v: unknown, path: string): Record<string, Range> {
  const o = obj(v, path);
  const out: Record<string, Range> = {};
  for (const [k, r] of Object.entries(o)) out[k] = range(r, `${path}.${k}`);
  return out;
}

/** Checks the parsed YAML and returns typed parameters; throws ParamsError naming the bad path. */
export function parsePopulationParams(raw: unknown): PopulationParams {
  const r = obj(raw, '(root)');
  const cal = obj(r.calibration, 'calibration');
  const hh = obj(r.households, 'households');
  const risk = obj(r.risk, 'risk');
  const proc = obj(r.process, 'process');
  const ep = obj(proc.episode, 'process.episode');
  const spc = obj(proc.signals_per_case, 'process.signals_per_case');
  const sc = obj(r.social_collection, 'social_collection');
  const def = obj(r.defects, 'defects');
  const rep = obj(r.repeats, 'repeats');
  const mh = obj(r.municipal_handling, 'municipal_handling');
  const out = obj(mh.outreach, 'municipal_handling.outreach');
  const cbc = obj(out.channel_by_case, 'municipal_handling.outreach.channel_by_case');
  const contact = obj(hh.contact, 'households.contact');
  const address = obj(hh.address, 'households.address');
  const profilesRaw = obj(hh.size_profiles, 'households.size_profiles');
  const sizeProfiles: Record<string, Weights> = {};
  for (const [k, w] of Object.entries(profilesRaw)) sizeProfiles[k] = weights(w, `households.size_profiles.${k}`);
  if (sizeProfiles.national === undefined) fail('households.size_profiles', "a 'national' profile is required");
  const bsn = obj(r.bsn, 'bsn');
  const prefix = typeof bsn.prefix === 'number' ? String(bsn.prefix) : str(bsn.prefix, 'bsn.prefix');
  const ownerShare = share(hh.owner_share, 'households.owner_share');
  const flatShare = share(address.flat_share, 'households.address.flat_share');
  const typesRaw = obj(r.signal_types, 'signal_types');
  const signalTypes = Object.entries(typesRaw).map(([code, t]) => signalType(code, t, `signal_types.${code}`));
  const municipalities = arr(r.municipalities, 'municipalities').map((m, i) => municipality(m, `municipalities[${i}]`, { flatShare, ownerShare }));
  const seen = new Set<string>();
  for (const m of municipalities) {
    if (seen.has(m.code)) fail('municipalities', `${m.code} appears twice`);
    seen.add(m.code);
    if (sizeProfiles[m.profile] === undefined) fail(`municipalities.${m.code}.profile`, `unknown profile '${m.profile}'`);
  }
  const monthlyCost = rangeMap(hh.monthly_cost, 'households.monthly_cost');
  for (const t of signalTypes) {
    if (t.amount.kind === 'months' && t.amount.monthly !== 'rent' && monthlyCost[t.amount.monthly] === undefined) {
      fail(`signal_types.${t.code}.amount.monthly`, `'${t.amount.monthly}' is not a households.monthly_cost key`);
    }
  }
  return {
    referenceDate: date(r.reference_date, 'reference_date'),
    calibration: {
      signalsPer1000PerMonth: target(cal.signals_per_1000_inhabitants_per_month, 'calibration.signals_per_1000_inhabitants_per_month'),
      singleCaseShare: target(cal.single_case_share, 'calibration.single_case_share'),
      multipleCaseShare: target(cal.multiple_case_share, 'calibration.multiple_case_share'),
      consecutiveCaseShare: target(cal.consecutive_case_share, 'calibration.consecutive_case_share'),
      reachedCaseShare: target(cal.reached_case_share, 'calibration.reached_case_share'),
      ownerShareOfTroubledHouseholds: share(obj(cal.owner_share_of_troubled_households, 'calibration.owner_share_of_troubled_households').value, 'calibration.owner_share_of_troubled_households.value'),
    },
    bsn: { prefix },
    households: {
      sizeProfiles,
      coupleShare: share(hh.couple_share, 'households.couple_share'),
      adultChildShare: share(hh.adult_child_share, 'households.adult_child_share'),
      headAge: weights(hh.head_age, 'households.head_age'),
      familyHeadAge: range(hh.family_head_age, 'households.family_head_age'),
      ownerShare,
      ownerAgeFactor: weights(hh.owner_age_factor, 'households.owner_age_factor'),
      socialRentShare: share(hh.social_rent_share, 'households.social_rent_share'),
      monthlyCost,
      energySource: weights(hh.energy_source, 'households.energy_source'),
      wmoCareShare: weights(hh.wmo_care_share, 'households.wmo_care_share'),
      contact: { phone: share(contact.phone, 'households.contact.phone'), email: share(contact.email, 'households.contact.email'), givenName: share(contact.given_name, 'households.contact.given_name') },
      address: { householdsPerPostcode: num(address.households_per_postcode, 'households.address.households_per_postcode', 1, 500), flatShare },
    },
    risk: {
      nationalOwnerShare: share(risk.national_owner_share, 'risk.national_owner_share'),
      troubledOwnerShare: share(risk.troubled_owner_share, 'risk.troubled_owner_share'),
      headAge: weights(risk.head_age, 'risk.head_age'),
      householdSize: weights(risk.household_size, 'risk.household_size'),
    },
    process: {
      warmupMonths: num(proc.warmup_months, 'process.warmup_months', 0, 120),
      episode: {
        extraMonthsMean: num(ep.extra_months_mean, 'process.episode.extra_months_mean', 0),
        laterMonthCaseProbability: share(ep.later_month_case_probability, 'process.episode.later_month_case_probability'),
        sameCreditorProbability: share(ep.same_creditor_probability, 'process.episode.same_creditor_probability'),
        laterAmountGrowth: ep.later_amount_growth === undefined ? 0 : num(ep.later_amount_growth, 'process.episode.later_amount_growth', 0),
      },
      signalsPerCase: { first: weights(spc.first, 'process.signals_per_case.first'), later: weights(spc.later, 'process.signals_per_case.later') },
      signalDays: proc.signal_days === 'all' ? 'all' : 'weekdays',
    },
    signalTypes,
    socialCollection: {
      reminderDaysBeforeSignal: range(sc.reminder_days_before_signal, 'social_collection.reminder_days_before_signal'),
      contactAttemptShare: share(sc.contact_attempt_share, 'social_collection.contact_attempt_share'),
      referralInReminderShare: share(sc.referral_in_reminder_share, 'social_collection.referral_in_reminder_share'),
      agreementOfferedShare: share(sc.agreement_offered_share, 'social_collection.agreement_offered_share'),
      residentResponse: weights(sc.resident_response, 'social_collection.resident_response'),
    },
    defects: { share: share(def.share, 'defects.share'), kinds: weights(def.kinds, 'defects.kinds') },
    repeats: { share: share(rep.share, 'repeats.share'), sameReferenceShare: share(rep.same_reference_share, 'repeats.same_reference_share'), daysLater: range(rep.days_later, 'repeats.days_later') },
    municipalHandling: {
      signalToCaseShare: share(mh.signal_to_case_share, 'municipal_handling.signal_to_case_share'),
      capacityFtePer10000: num(mh.capacity_fte_per_10000, 'municipal_handling.capacity_fte_per_10000', 0),
      amountThresholdMedian: num(mh.amount_threshold_median, 'municipal_handling.amount_threshold_median', 0),
      outreach: {
        channelByCase: {
          single: weights(cbc.single, 'municipal_handling.outreach.channel_by_case.single'),
          multiple: weights(cbc.multiple, 'municipal_handling.outreach.channel_by_case.multiple'),
          crisis: weights(cbc.crisis, 'municipal_handling.outreach.channel_by_case.crisis'),
        },
        reachProbability: weights(out.reach_probability, 'municipal_handling.outreach.reach_probability'),
        noPhoneFactor: share(out.no_phone_factor, 'municipal_handling.outreach.no_phone_factor'),
      },
    },
    municipalities,
  };
}

/** Weights as [outcome, weight] pairs with numeric outcomes ('3' → 3). */
export function numericWeights(w: Weights): Array<[number, number]> {
  return Object.entries(w).map(([k, v]) => [Number(k), v]);
}

/** Age bracket label '18-26' → [18, 26]. */
export function bracketBounds(label: string): Range {
  const m = /^(\d+)-(\d+)$/.exec(label);
  if (m === null) throw new ParamsError(`age bracket '${label}' is not 'low-high'`);
  return [Number(m[1]), Number(m[2])];
}
