import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import { listCapacityStatements, listExperimentSignals } from '../../db/repositories/capacity-statements.ts';
import { listPreselectionRules } from '../../db/repositories/experiments.ts';
import { ForecastInputError, type Forecast, type ForecastInput } from '../../domain/capacity/forecast.ts';
import { scaleFor, whatIfScenarios, type WhatIfQuestion } from '../../domain/capacity/scenarios.ts';
import type { Selection } from '../../domain/capacity/selection.ts';
import type { LocalizedText } from '../../domain/i18n/index.ts';
import { compareWithCapacity, statedCapacity, type WhatIfResult } from '../../domain/capacity/what-if.ts';
import { checkForecastInput, forecastOverSeedsInWorker, loadPopulationParams, type PopulationParams } from '../../simulation/what-if.ts';
import { calibrationStatus, type CalibrationStatus } from './calibration-report.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface WhatIfRequest {
  municipalities?: readonly string[];
  signalTypes?: readonly string[];
  addSignalTypes?: readonly string[];
  current?: Selection;
  proposed?: Selection;
  /** Take capacity (and, when not given, signal type and current selection) from this experiment. */
  experimentId?: string;
  firstMonth?: string;
  months?: number;
  seed?: number;
  scale?: number;
}

export interface WhatIfView {
  question: WhatIfQuestion & { experimentId: string | null };
  result: WhatIfResult;
  forecast: Pick<Forecast, 'months' | 'scale' | 'seed'>;
  experiments: Array<{ id: string; name: LocalizedText; signalType: string }>;
  signalTypes: string[];
  municipalities: Array<{ code: string; name: string }>;
  /** The municipality the caller is bound to (municipal staff), else null. */
  ownMunicipality: string | null;
  /** How the synthetic year stands against the public figures (issue 25). */
  calibration: Pick<CalibrationStatus, 'figures' | 'withinOnEverySeed' | 'band' | 'seeds'>;
}

export { ForecastInputError as WhatIfInputError };

let params: PopulationParams | undefined;
const population = () => (params ??= loadPopulationParams());

/** Runs (seeds) a forecast is repeated on: its figures are their mean, with the lowest and highest run beside them. */
const WHAT_IF_RUNS = 5;

// Forecasts are deterministic (seeded): the same question gives the same answer, so keep a few.
// Computed in a worker thread: the web process keeps answering other requests meanwhile.
const cache = new Map<string, Promise<Forecast>>();
const CACHE_SIZE = 16;
function cachedForecast(p: PopulationParams, input: ForecastInput): Promise<Forecast> {
  const key = JSON.stringify(input);
  const hit = cache.get(key);
  if (hit) return hit;
  checkForecastInput(p, input);
  const f = forecastOverSeedsInWorker(input, WHAT_IF_RUNS);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, f);
  // A failed run is not kept: the next request tries again.
  f.catch(() => cache.delete(key));
  return f;
}

/**
 * The capacity what-if (issue 9 point 3): expected signals per month per municipality from the
 * synthetic population, under the current and a proposed selection, against the capacity the
 * municipalities stated in the experiments. Aggregates of synthetic data only. Municipal staff see
 * their own municipality; the ministry any.
 */
export type WhatIfChoices = Pick<WhatIfView, 'experiments' | 'signalTypes' | 'municipalities' | 'ownMunicipality'>;

function scopeOf(ctx: CallContext): string | null {
  requirePermission(ctx.actor, 'evaluation:read');
  const kind = ctx.actor.organisationKind;
  if (kind === 'municipality') return ctx.actor.organisationId;
  if (kind !== 'ministry' && kind !== 'operator' && kind !== 'platform') throw new AccessDenied('evaluation:read');
  return null;
}

/** What a what-if can be asked about: signal types, experiments with a signal, municipalities (own only for municipal staff). */
export async function whatIfChoices(deps: AppDeps, ctx: CallContext): Promise<WhatIfChoices> {
  const own = scopeOf(ctx);
  const p = population();
  const rows = await listExperimentSignals(deps.db);
  return {
    experiments: rows.map((e) => ({ id: e.id, name: { nl: e.name_nl, en: e.name_en }, signalType: e.signal_type! })),
    signalTypes: p.signalTypes.map((t) => t.code),
    municipalities: p.municipalities.filter((m) => !own || m.code === own).map((m) => ({ code: m.code, name: m.name })),
    ownMunicipality: own,
  };
}

export async function whatIfCapacity(deps: AppDeps, ctx: CallContext, req: WhatIfRequest): Promise<WhatIfView> {
  const own = scopeOf(ctx);
  const p = population();
  if (own !== null && req.municipalities?.some((m) => m !== own)) throw new AccessDenied('evaluation:read (other municipality)');

  const [statements, choices] = await Promise.all([listCapacityStatements(deps.db), whatIfChoices(deps, ctx)]);
  const experiments = choices.experiments;
  const experiment = req.experimentId ? experiments.find((e) => e.id === req.experimentId) : undefined;
  if (req.experimentId && !experiment) throw new ForecastInputError([{ name: 'experiment', reason: `no experiment '${req.experimentId}' with a signal type` }]);

  let current = req.current;
  if (!current && experiment) {
    // The experiment's declared pre-selection is the current selection.
    const rules = await listPreselectionRules(deps.db, [experiment.id]);
    const amount = rules.find((r) => r.kind === 'min_amount')?.amount;
    current = { minAmount: amount == null ? null : Number(amount), minArrearAgeMonths: rules.find((r) => r.kind === 'min_arrear_age_months')?.months ?? null };
  }
  const signalTypes = req.signalTypes?.length ? req.signalTypes : experiment && p.signalTypes.some((t) => t.code === experiment.signalType) ? [experiment.signalType] : [];
  const question = { signalTypes, addSignalTypes: req.addSignalTypes ?? [], current: current ?? {}, ...(req.proposed ? { proposed: req.proposed } : {}) };
  const scenarios = whatIfScenarios(question);
  const capacity = statedCapacity(
    statements.map((s) => ({ experimentId: s.experiment_id, signalType: s.signal_type, municipalityCode: s.municipality_code, capacityPerMonth: s.capacity_per_month })),
    { experimentId: experiment?.id, signalTypes: scenarios.flatMap((s) => s.signalTypes) },
  );
  const known = new Set(p.municipalities.map((m) => m.code));
  const municipalities = own
    ? [own]
    : req.municipalities?.length
      ? [...req.municipalities]
      : capacity.size > 0
        ? [...capacity.keys()].filter((c) => known.has(c)).sort()
        : p.municipalities.map((m) => m.code);
  if (own && !known.has(own)) throw new ForecastInputError([{ name: 'municipality', reason: `${own} is not in the synthetic population (src/simulation/params/population.params.yaml)` }]);
  const inhabitants = p.municipalities.filter((m) => municipalities.includes(m.code)).reduce((s, m) => s + m.inhabitants, 0);
  // Both in worker threads, side by side.
  const calibration = calibrationStatus(deps);
  calibration.catch(() => undefined);
  const forecast = await cachedForecast(p, {
    municipalities,
    firstMonth: req.firstMonth ?? '2025-01',
    months: req.months ?? 12,
    seed: req.seed ?? 1,
    // The runs share the population budget: their mean is as precise as one run at the full budget.
    scale: req.scale ?? scaleFor(inhabitants * WHAT_IF_RUNS),
    scenarios,
  });
  return {
    question: { ...question, experimentId: experiment?.id ?? null },
    result: compareWithCapacity(forecast, capacity),
    forecast: { months: forecast.months, scale: forecast.scale, seed: forecast.seed },
    ...choices,
    calibration: await calibration,
  };
}
