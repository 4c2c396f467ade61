import { AccessDenied } from '../../domain/access/actor.ts';
import { isSignalPartnerType, signalTypesOfPartner, type SignalPartnerType } from '../../domain/ddas/vocabulary.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import type { EvaluationFilter } from '../../domain/evaluation/cells.ts';
import type { CallContext } from '../context.ts';

export interface EvaluationQuery {
  from: string;
  to: string;
  municipalities?: readonly string[] | undefined;
  /** DDAS signal-partner types (Huur, Energie, Hypotheek, Overige, …). */
  creditorTypes?: readonly string[] | undefined;
  /** Our signal types (municipal_tax, mortgage, …): an experiment's new signal. */
  signalTypes?: readonly string[] | undefined;
  arms?: readonly string[] | undefined;
  experiment?: string | undefined;
}

export class EvaluationInputError extends Error {
  constructor(
    message: string,
    public readonly field: string,
  ) {
    super(message);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isoToday = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The filter an evaluation runs with, within what the caller may see: a municipality's own staff
 * see their own municipality only; the ministry (and the platform) see every municipality — in
 * aggregates, never a person.
 */
export function resolveEvaluationFilter(ctx: CallContext, q: EvaluationQuery, now: Date, rules: Pick<RuleBook, 'rulesByType' | 'ddasPartnerOf'>): EvaluationFilter {
  for (const [field, v] of [['from', q.from], ['to', q.to]] as const)
    if (!DAY.test(v) || Number.isNaN(Date.parse(v))) throw new EvaluationInputError(`${field} must be a date (YYYY-MM-DD)`, field);
  if (q.from > q.to) throw new EvaluationInputError('from lies after to', 'from');
  let municipalities = q.municipalities?.length ? [...q.municipalities] : undefined;
  if (ctx.actor.organisationKind === 'municipality') {
    if (municipalities && municipalities.some((m) => m !== ctx.actor.organisationId)) throw new AccessDenied('evaluation:read (other municipality)');
    municipalities = [ctx.actor.organisationId];
  } else if (ctx.actor.organisationKind !== 'ministry' && ctx.actor.organisationKind !== 'operator' && ctx.actor.organisationKind !== 'platform')
    throw new AccessDenied('evaluation:read');
  let signalTypes = q.signalTypes?.length ? [...q.signalTypes] : undefined;
  if (q.creditorTypes?.length) {
    const bad = q.creditorTypes.filter((t) => !isSignalPartnerType(t));
    if (bad.length) throw new EvaluationInputError(`unknown signal-partner type(s): ${bad.join(', ')}`, 'creditorType');
    const fromPartners = q.creditorTypes.flatMap((t) => signalTypesOfPartner(t as SignalPartnerType, [...rules.rulesByType.keys()], rules.ddasPartnerOf));
    signalTypes = signalTypes ? signalTypes.filter((t) => fromPartners.includes(t)) : fromPartners;
    // A filter that matches no signal type must select nothing, not everything.
    if (signalTypes.length === 0) signalTypes = ['-'];
  }
  return { from: q.from, to: q.to, municipalities, signalTypes, arms: q.arms?.length ? [...q.arms] : undefined, experiment: q.experiment || undefined, today: isoToday(now) };
}
