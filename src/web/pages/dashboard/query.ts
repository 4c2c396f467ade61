import type { EvaluationQuery } from '../../../app/evaluation/scope.ts';
import type { ExperimentEvaluationScope } from '../../../app/evaluation/experiment-scope.ts';
import { DIMENSIONS, type Dimension } from '../../../domain/evaluation/tables.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one } from '../../web-app.ts';

/** The dashboard's selection as the GET form (and every link between its parts) carries it. */
export interface DashboardForm {
  experiment: string;
  municipality: string;
  creditorType: string;
  from: string;
  to: string;
  groupBy: string;
  reference: string;
}

export type RawQuery = Record<string, string | string[] | undefined>;

const FIELDS = ['experiment', 'municipality', 'creditorType', 'from', 'to', 'groupBy', 'reference'] as const;

export function formOf(q: RawQuery): DashboardForm {
  return Object.fromEntries(FIELDS.map((f) => [f, one(q[f]).trim()])) as unknown as DashboardForm;
}

export const isDimension = (v: string): v is Dimension => (DIMENSIONS as readonly string[]).includes(v);

/**
 * The period when none is chosen: an experiment's own (its start until its end or today), the
 * same default the art. 1.3 report takes; otherwise from 1 January of last year until today.
 * Figures per month unless another breakdown is chosen: trends, not totals.
 */
export function withDefaults(f: DashboardForm, today: string, scope: ExperimentEvaluationScope | null): DashboardForm {
  const from = f.from || scope?.start || `${Number(today.slice(0, 4)) - 1}-01-01`;
  const to = f.to || (scope?.end && scope.end < today ? scope.end : today);
  return { ...f, from, to, groupBy: f.groupBy || 'month' };
}

/** The use cases' query: an experiment stands for its signal type and, when it has arms, its own cases. */
export function evaluationQueryOf(f: DashboardForm, scope: ExperimentEvaluationScope | null): EvaluationQuery {
  return {
    from: f.from,
    to: f.to,
    municipalities: f.municipality ? [f.municipality] : undefined,
    creditorTypes: f.creditorType ? [f.creditorType] : undefined,
    signalTypes: scope?.signalTypes.length ? scope.signalTypes : undefined,
    experiment: scope?.experiment,
  };
}

/** The selection as a query string for links between the dashboard's parts (empty fields left out). */
export function searchOf(f: DashboardForm, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (f[k]) p.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The same selection in the terms of the evaluation API (/v1/evaluation/…), for its CSV and report links. */
export function apiSearchOf(q: EvaluationQuery, locale: Locale, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  for (const m of q.municipalities ?? []) p.append('municipality', m);
  for (const c of q.creditorTypes ?? []) p.append('creditorType', c);
  for (const s of q.signalTypes ?? []) p.append('signalType', s);
  if (q.experiment) p.set('experiment', q.experiment);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  p.set('lang', locale);
  return `?${p.toString()}`;
}
