import type { ArmInput } from '../../../app/experiments/set-arms.ts';
import type { ParticipantInput } from '../../../app/experiments/set-participants.ts';
import type { ExperimentFields } from '../../../app/experiments/experiment-fields.ts';
import type { Contact, ExperimentView } from '../../../app/experiments/experiment-view.ts';
import type { AssignmentMethod } from '../../../domain/experiments/arms.ts';
import type { PlanInput } from '../../../domain/experiments/analysis-plan.ts';
import { MIN_REASON_LENGTH } from '../../../domain/experiments/gate.ts';
import type { LocalizedText } from '../../../domain/rules/judgement.ts';
import type { Locale } from '../../i18n/locale.ts';
import { many, one } from '../../web-app.ts';
import { formMessages } from './form-messages.ts';

/**
 * The experiment's forms ↔ the use cases' inputs: parsing a posted form (with the problems a
 * browser cannot see, per field, in the user's language) and the values a form shows (the stored
 * experiment, or what was posted when it was refused).
 */
export type Form = Record<string, string | string[] | undefined>;
export type FieldErrors = Record<string, string>;

export const RESEARCH_QUESTION_ROWS = 3;
export const EXTRA_ROWS = 2;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,59}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (f: Form, k: string) => one(f[k]).trim();

function reasonError(f: Form, locale: Locale, errors: FieldErrors): string {
  const r = text(f, 'reason');
  if (r.length < MIN_REASON_LENGTH) errors.reason = formMessages(locale)('reasonRequired');
  return r;
}

function date(f: Form, k: string, errors: FieldErrors, locale: Locale): string | null {
  const v = text(f, k);
  if (v === '') return null;
  if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) errors[k] = formMessages(locale)('invalidDate');
  return v;
}

function num(f: Form, k: string, errors: FieldErrors, locale: Locale): number | null {
  const v = text(f, k).replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) errors[k] = formMessages(locale)('invalidNumber');
  return n;
}

export function parseCreate(f: Form, locale: Locale) {
  const t = formMessages(locale);
  const errors: FieldErrors = {};
  const id = text(f, 'id');
  if (!ID_PATTERN.test(id)) errors.id = t('invalidId');
  const nameNl = text(f, 'nameNl');
  if (!nameNl) errors.nameNl = t('required');
  const reason = reasonError(f, locale, errors);
  const stage = text(f, 'stage') === 'idea' ? ('idea' as const) : ('initiative' as const);
  return { errors, input: { id, nameNl, nameEn: text(f, 'nameEn') || nameNl, summary: text(f, 'summary'), stage, reason } };
}

export function parseDescription(f: Form, locale: Locale): { errors: FieldErrors; input: ExperimentFields & { reason: string } } {
  const t = formMessages(locale);
  const errors: FieldErrors = {};
  const nameNl = text(f, 'nameNl');
  if (!nameNl) errors.nameNl = t('required');
  const researchQuestions: LocalizedText[] = [];
  for (let i = 0; i < RESEARCH_QUESTION_ROWS; i++) {
    const nl = text(f, `rq${i}nl`);
    const en = text(f, `rq${i}en`);
    if (nl || en) researchQuestions.push({ nl: nl || en, en: en || nl });
  }
  const plannedStart = date(f, 'plannedStart', errors, locale);
  const plannedEnd = date(f, 'plannedEnd', errors, locale);
  if (plannedStart && plannedEnd && !errors.plannedStart && !errors.plannedEnd && plannedEnd < plannedStart) errors.plannedEnd = t('endBeforeStart');
  const input = {
    nameNl,
    nameEn: text(f, 'nameEn') || nameNl,
    summary: text(f, 'summary'),
    signalType: text(f, 'signalType') || null,
    ruleIds: text(f, 'ruleIds')
      .split(/[\s,]+/)
      .filter(Boolean),
    researchQuestions,
    targetGroup: text(f, 'targetGroup'),
    plan80On: date(f, 'plan80On', errors, locale),
    plannedStart,
    plannedEnd,
    apAdviceOn: date(f, 'apAdviceOn', errors, locale),
    publishedOn: date(f, 'publishedOn', errors, locale),
    publicationUrl: text(f, 'publicationUrl') || null,
    reason: reasonError(f, locale, errors),
  };
  return { errors, input };
}

const ROLES = ['municipality', 'creditor', 'processor', 'other'] as const;

function contactsOf(s: string): Contact[] {
  return s
    .split(/\r?\n/)
    .map((line) => line.split(';').map((x) => x.trim()))
    .filter((p) => p[0])
    .map(([name, fn, email, phone]) => ({ name: name!, ...(fn ? { function: fn } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) }));
}

const contactsText = (cs: readonly Contact[]) => cs.map((c) => [c.name, c.function ?? '', c.email ?? '', c.phone ?? ''].join('; ').replace(/(; )+$/, '')).join('\n');

export function parseParticipants(f: Form, locale: Locale, rows: number): { errors: FieldErrors; input: { participants: ParticipantInput[]; reason: string }; rowOf: number[] } {
  const errors: FieldErrors = {};
  const participants: ParticipantInput[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    const organisationId = text(f, `p${i}org`);
    const name = text(f, `p${i}name`);
    if (!organisationId && !name) continue;
    const role = text(f, `p${i}role`);
    participants.push({
      organisationId: organisationId || null,
      ...(name ? { name } : {}),
      role: (ROLES as readonly string[]).includes(role) ? (role as ParticipantInput['role']) : 'other',
      municipalityCode: text(f, `p${i}code`) || null,
      contacts: contactsOf(one(f[`p${i}contacts`])),
    });
    rowOf.push(i);
  }
  return { errors, input: { participants, reason: reasonError(f, locale, errors) }, rowOf };
}

const METHODS: readonly AssignmentMethod[] = ['none', 'random', 'stratified', 'by_municipality'];

export function parseArms(f: Form, locale: Locale, rows: number) {
  const errors: FieldErrors = {};
  const arms: ArmInput[] = [];
  for (let i = 0; i < rows; i++) {
    const code = text(f, `a${i}code`);
    if (!code) continue;
    const nameNl = text(f, `a${i}nameNl`) || code;
    const consent = text(f, `a${i}consent`);
    const weight = num(f, `a${i}weight`, errors, locale);
    arms.push({
      code,
      nameNl,
      nameEn: text(f, `a${i}nameEn`) || nameNl,
      combineWithOtherSignals: one(f[`a${i}combine`]) === 'on',
      withoutPriorConsent: consent === 'without' ? true : consent === 'with' ? false : null,
      weight: weight ?? 1,
      municipalities: text(f, `a${i}municipalities`)
        .split(/[\s,]+/)
        .filter(Boolean),
    });
  }
  const method = text(f, 'method');
  return {
    errors,
    input: { method: (METHODS as readonly string[]).includes(method) ? (method as AssignmentMethod) : 'none', seed: text(f, 'seed') || null, arms, reason: reasonError(f, locale, errors) },
  };
}

export function parsePlan(f: Form, locale: Locale): { errors: FieldErrors; input: PlanInput & { reason: string } } {
  const errors: FieldErrors = {};
  const input = {
    primaryOutcome: text(f, 'primaryOutcome'),
    secondaryOutcomes: many(f.secondaryOutcomes),
    baselinePct: num(f, 'baselinePct', errors, locale),
    minimalEffectPts: num(f, 'minimalEffectPts', errors, locale),
    inflowPerMonth: num(f, 'inflowPerMonth', errors, locale),
    reason: reasonError(f, locale, errors),
  };
  return { errors, input };
}

/** The form values of the stored experiment, for the edit page's first view. */
export function valuesOf(v: ExperimentView): Form {
  const f: Form = {
    nameNl: v.name.nl,
    nameEn: v.name.en,
    summary: v.summary,
    signalType: v.signalType ?? '',
    ruleIds: v.ruleIds.join(', '),
    targetGroup: v.targetGroup,
    plan80On: v.dates.plan80On ?? '',
    plannedStart: v.dates.plannedStart ?? '',
    plannedEnd: v.dates.plannedEnd ?? '',
    apAdviceOn: v.dates.apAdviceOn ?? '',
    publishedOn: v.dates.publishedOn ?? '',
    publicationUrl: v.publicationUrl ?? '',
    method: v.assignment.method,
    seed: v.assignment.seed ?? '',
  };
  v.researchQuestions.forEach((q, i) => {
    f[`rq${i}nl`] = q.nl;
    f[`rq${i}en`] = q.en;
  });
  v.participants.forEach((p, i) => {
    f[`p${i}org`] = p.organisationId ?? '';
    f[`p${i}name`] = p.name;
    f[`p${i}role`] = p.role;
    f[`p${i}code`] = p.municipalityCode ?? '';
    f[`p${i}contacts`] = contactsText(p.contacts);
  });
  v.arms.forEach((a, i) => {
    f[`a${i}code`] = a.code;
    f[`a${i}nameNl`] = a.name.nl;
    f[`a${i}nameEn`] = a.name.en;
    f[`a${i}combine`] = a.combineWithOtherSignals ? 'on' : '';
    f[`a${i}consent`] = a.withoutPriorConsent === null ? '' : a.withoutPriorConsent ? 'without' : 'with';
    f[`a${i}weight`] = String(a.weight);
    f[`a${i}municipalities`] = a.municipalities.join(', ');
  });
  const plan = v.analysisPlan?.plan;
  if (plan) {
    f.primaryOutcome = plan.primaryOutcome;
    f.secondaryOutcomes = plan.secondaryOutcomes;
    f.baselinePct = String(plan.baselinePct);
    f.minimalEffectPts = String(plan.minimalEffectPts);
    f.inflowPerMonth = plan.inflowSource === 'entered' ? String(plan.inflowPerMonth) : '';
  }
  return f;
}

/** A use case's field name ('participants.1.role', 'plannedEnd') → the form field it belongs to. */
export function fieldOf(name: string, rowOf: readonly number[] = []): string {
  const m = /^participants\.(\d+)\.(\w+)$/.exec(name);
  if (m) {
    const row = rowOf[Number(m[1])] ?? Number(m[1]);
    const suffix = { organisationId: 'org', role: 'role', name: 'name', municipalityCode: 'code' }[m[2]!] ?? 'org';
    return `p${row}${suffix}`;
  }
  return name;
}
