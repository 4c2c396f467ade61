import { AGE_GROUPS, type RuleConditions } from './queue-rules.ts';

/**
 * Reads a rule's conditions from a form (strings as typed) and says per field what is wrong, so
 * a coordinator's mistake becomes a message beside the field instead of a silently ignored rule.
 */
export interface RuleForm {
  signalTypes: string[];
  minAmount: string;
  maxAmount: string;
  multiple: string; // '' | 'yes' | 'no'
  consecutive: string;
  crisis: string;
  ageGroups: string[];
  districts: string[];
}

export type RuleFieldErrors = Partial<Record<keyof RuleForm, string>>;

export interface RuleVocabulary {
  signalTypes: ReadonlySet<string>;
  districts: ReadonlySet<string>;
}

/** '1.234,50', '1234.50', '300', '€ 300' → cents; undefined when empty; NaN when not a number. */
export function parseEuroAmount(raw: string): number | undefined {
  const s = raw.replace(/[€\s]/g, '');
  if (s === '') return undefined;
  // Dutch notation uses a comma for decimals and dots for thousands.
  // '1.000' (no comma, groups of three) is a thousand, not one.
  const normal = s.includes(',') || /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s;
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return Number.NaN;
  return Math.round(Number(normal) * 100);
}

const triState = (v: string): boolean | undefined | 'bad' => (v === '' ? undefined : v === 'yes' ? true : v === 'no' ? false : 'bad');

export function parseRuleForm(form: RuleForm, vocab: RuleVocabulary): { conditions: RuleConditions; errors: RuleFieldErrors } {
  const errors: RuleFieldErrors = {};
  const c: RuleConditions = {};
  const unknownTypes = form.signalTypes.filter((t) => !vocab.signalTypes.has(t));
  if (unknownTypes.length) errors.signalTypes = `unknown signal type: ${unknownTypes.join(', ')}`;
  else if (form.signalTypes.length) c.signalTypes = [...new Set(form.signalTypes)];
  const min = parseEuroAmount(form.minAmount);
  const max = parseEuroAmount(form.maxAmount);
  if (Number.isNaN(min)) errors.minAmount = 'not an amount in euros (e.g. 300 or 1.250,00)';
  else if (min !== undefined) c.minAmountCents = min;
  if (Number.isNaN(max)) errors.maxAmount = 'not an amount in euros (e.g. 300 or 1.250,00)';
  else if (max !== undefined) c.maxAmountCents = max;
  if (c.minAmountCents !== undefined && c.maxAmountCents !== undefined && c.minAmountCents > c.maxAmountCents) errors.maxAmount = 'the maximum is below the minimum';
  for (const k of ['multiple', 'consecutive', 'crisis'] as const) {
    const v = triState(form[k]);
    if (v === 'bad') errors[k] = 'choose yes, no or either';
    else if (v !== undefined) c[k] = v;
  }
  const badAges = form.ageGroups.filter((a) => !(AGE_GROUPS as readonly string[]).includes(a));
  if (badAges.length) errors.ageGroups = `unknown age group: ${badAges.join(', ')}`;
  else if (form.ageGroups.length) c.ageGroups = [...new Set(form.ageGroups)];
  const badDistricts = form.districts.filter((d) => !vocab.districts.has(d));
  if (badDistricts.length) errors.districts = `unknown district: ${badDistricts.join(', ')}`;
  else if (form.districts.length) c.districts = [...new Set(form.districts)];
  return { conditions: c, errors };
}

/** The stored JSON back into conditions, dropping anything that is not a known condition. */
export function conditionsFromJson(v: unknown): RuleConditions {
  const o = (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return {};
  const c: RuleConditions = {};
  const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined);
  const st = strs(o.signalTypes);
  if (st?.length) c.signalTypes = st;
  if (typeof o.minAmountCents === 'number') c.minAmountCents = o.minAmountCents;
  if (typeof o.maxAmountCents === 'number') c.maxAmountCents = o.maxAmountCents;
  for (const k of ['multiple', 'consecutive', 'crisis'] as const) if (typeof o[k] === 'boolean') c[k] = o[k];
  const ag = strs(o.ageGroups);
  if (ag?.length) c.ageGroups = ag;
  const ds = strs(o.districts);
  if (ds?.length) c.districts = ds;
  return c;
}

/** The form's values for an existing rule (for editing). */
export function ruleFormOf(c: RuleConditions): RuleForm {
  const euro = (cents: number | undefined) => (cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ',').replace(',00', ''));
  const tri = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');
  return {
    signalTypes: c.signalTypes ?? [],
    minAmount: euro(c.minAmountCents),
    maxAmount: euro(c.maxAmountCents),
    multiple: tri(c.multiple),
    consecutive: tri(c.consecutive),
    crisis: tri(c.crisis),
    ageGroups: c.ageGroups ?? [],
    districts: c.districts ?? [],
  };
}
