import { loadPopulationParams } from '../params/load-population-params.ts';
import { caseCounts, contactAttemptCounts } from '../../db/repositories/simulation-summary.ts';
import { REPEAT_RESULT } from '../../domain/cases/case-status.ts';
import { addDays } from '../../domain/matching/dates.ts';
import { firstDayOfMonth, isoDate, monthLabel, parseMonth } from '../../domain/calendar.ts';
import type { PopulationParams } from '../population/params.ts';
import { generatePopulation } from '../population/population.ts';
import { Rng } from '../population/rng.ts';
import { senderDirectory } from '../population/sender-directory.ts';
import type { GeneratedSignal } from '../population/signal-builder.ts';
import { generateSignals } from '../population/signal-stream.ts';
import { CaseWorkModel } from '../casework/casework.ts';
import type { SimulationParams } from '../casework/params.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import type { AppDeps } from '../../app/context.ts';
import { computeEvaluation } from '../../app/evaluation/compute-evaluation.ts';
import { matchAll } from '../../app/matching/match-signals.ts';
import type { SimulationApi } from './api-client.ts';
import { deliverApi, deliverFile, emptyTally, type DeliveryTally } from './deliver.ts';
import { loadSimulationParams } from '../params/load-simulation-params.ts';
import { onboardSenders } from './onboard-senders.ts';
import { emptyWorkTally, workQueue, type WorkTally } from './work-queues.ts';

export interface SimulateOptions {
  /** The platform's HTTP API: httpApi(url) for a running platform, injectApi(app) before it listens. */
  api: SimulationApi;
  /** CBS codes (default GM0363, GM0599: the demo's municipalities). */
  municipalities?: readonly string[];
  /** 'YYYY-MM' (default 2025-01: the experiments' designations run until the end of 2025). */
  firstMonth?: string;
  months?: number;
  /** Population scale (default 0.01: Amsterdam with about 9,000 inhabitants, some 40 signals a month). */
  scale?: number;
  seed?: number;
  /** Only these signal types (default all the parameters have). */
  signalTypes?: readonly string[];
  /** First outreaches per month per municipality; default modelled from the staff the parameters give it. */
  capacityPerMonth?: Readonly<Record<string, number>>;
  populationParams?: PopulationParams;
  simulationParams?: SimulationParams;
  log?: (line: string) => void;
}

export interface SimulationSummary {
  period: { from: string; to: string; months: number };
  municipalities: string[];
  scale: number;
  seed: number;
  /** What the generator meant to happen: rows broken on purpose, objections, re-sent copies; a row may be broken and objected to at once. */
  generated: { signals: number; defects: number; objected: number; repeats: number; mustBeRefused: number };
  delivery: DeliveryTally;
  sendersOnboarded: number;
  capacityPerMonth: Record<string, number>;
  work: WorkTally;
  cases: { total: number; open: number; pickedUp: number; closed: number; closedAsRepeat: number; byResult: Record<string, number> };
  contactAttempts: { attempts: number; reached: number; reachedShare: number | null };
  /** From the evaluation use case (TR art. 1.3 tables) over the period: the monitoring sees the simulation. */
  monitoring: { tables: string[]; funnel: Record<string, unknown> | null; timeliness: Record<string, unknown> | null };
}

/** Groups a month's signals per sender, in the order generated. */
function bySender(signals: readonly GeneratedSignal[]): Map<string, GeneratedSignal[]> {
  const m = new Map<string, GeneratedSignal[]>();
  for (const g of signals) {
    const list = m.get(g.senderId);
    if (list) list.push(g);
    else m.set(g.senderId, [g]);
  }
  return m;
}

/**
 * An experiment end to end through the platform itself (issue 9 point 2). Month by month: the
 * creditors of the synthetic population — social collection done, some rows broken, some residents
 * objected, some signals re-sent — deliver with their own API keys, the big ones as a file
 * (POST /v1/batches), the others per request (POST /v1/signals); matching runs; each municipality
 * works its queue with the worklist use cases up to its capacity (contact attempt, reached or not,
 * DDAS end result). The simulated clock stands on the first day after the month when signals are
 * delivered and matched, and on the 28th day after that when the month's work is registered, so
 * matching dates, deadlines and contact dates are those of the period, not of today. Intake itself
 * runs on the platform's clock (its receipt times are real).
 *
 * For demo data: `npm start`'s seeding can call it with injectApi(app) before the server listens
 * and with the background matcher not yet running (it matches with the simulated clock itself).
 */
export async function simulateDemo(deps: AppDeps, opts: SimulateOptions): Promise<SimulationSummary> {
  const population = opts.populationParams ?? loadPopulationParams();
  const sim = opts.simulationParams ?? loadSimulationParams();
  const municipalities = [...(opts.municipalities ?? ['GM0363', 'GM0599'])];
  const firstMonth = opts.firstMonth ?? '2025-01';
  const months = opts.months ?? 3;
  const scale = opts.scale ?? 0.01;
  const seed = opts.seed ?? 2025;
  const log = opts.log ?? (() => {});
  const first = parseMonth(firstMonth);

  let clock = new Date();
  const simDeps: AppDeps = { ...deps, now: () => clock };
  const setDay = (day: string) => {
    clock = new Date(`${day}T09:00:00Z`);
  };

  const pop = generatePopulation(population, seed, { scale });
  const model = new CaseWorkModel(sim, population);
  const rng = new Rng(seed, 0x5173);
  const capacityPerMonth: Record<string, number> = {};
  for (const code of municipalities) {
    const m = pop.municipality(code);
    if (!m) throw new RangeError(`municipality ${code} is not in the synthetic population (src/simulation/params/population.params.yaml)`);
    capacityPerMonth[code] = opts.capacityPerMonth?.[code] ?? model.capacityPerMonth(m.inhabitants);
  }
  const directory = new Map(senderDirectory(population).map((p) => [p.id, p]));
  const tokens = new Map<string, string>();
  const delivery = emptyTally();
  const work = emptyWorkTally();
  const generated = { signals: 0, defects: 0, objected: 0, repeats: 0, mustBeRefused: 0 };
  let onboarded = 0;

  const stream = generateSignals(pop, population, { firstMonth, months }, seed, { municipalities, ...(opts.signalTypes ? { signalTypes: opts.signalTypes } : {}) });
  let next = stream.next();
  for (let month = first; month < first + months; month++) {
    // This month's signals (the stream comes in month order).
    const signals: GeneratedSignal[] = [];
    while (!next.done && next.value.truth.month === month) {
      signals.push(next.value);
      next = stream.next();
    }
    for (const g of signals) {
      generated.signals++;
      if (g.truth.defect) generated.defects++;
      if (g.truth.objected) generated.objected++;
      if (g.truth.repeatOf) generated.repeats++;
      if (g.truth.defect || g.truth.objected) generated.mustBeRefused++;
    }
    const deliveryDay = isoDate(firstDayOfMonth(month + 1));
    setDay(deliveryDay);

    // Onboard the creditors seen for the first time, each with its own API key.
    const groups = bySender(signals);
    const fresh = [...groups.keys()].filter((id) => !tokens.has(id));
    if (fresh.length > 0) {
      const r = await onboardSenders(deps, fresh.map((id) => directory.get(id) ?? { id, name: id, kinds: [] }));
      for (const [id, token] of r.tokens) tokens.set(id, token);
      onboarded += r.added.length;
    }
    // The senders with most signals deliver a file; the rest use the API.
    const senders = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const fileCount = Math.round(senders.length * sim.delivery.fileShareOfSenders);
    for (const [i, [sender, list]] of senders.entries()) {
      const token = tokens.get(sender)!;
      if (i < fileCount) await deliverFile(opts.api, token, `simulatie-${sender}-${monthLabel(month)}.csv`, list, delivery);
      else await deliverApi(opts.api, token, list, sim.delivery.apiChunk, delivery);
    }
    const matched = await matchAll(simDeps, systemContext('platform-beheer', 'simulatie', 'job'));

    // The month's work, registered at its end.
    setDay(addDays(deliveryDay, 27));
    for (const code of municipalities) await workQueue(simDeps, code, { capacity: capacityPerMonth[code]!, workFrom: deliveryDay, model, rng }, work);
    log(`${monthLabel(month)}: ${signals.length} signals from ${groups.size} senders, ${matched.reduce((n, r) => n + r.casesCreated, 0)} new cases, ${work.worked} cases worked so far`);
  }

  const counts = await caseCounts(deps.db, municipalities);
  const cases = { total: 0, open: 0, pickedUp: 0, closed: 0, closedAsRepeat: 0, byResult: {} as Record<string, number> };
  for (const c of counts) {
    cases.total += c.cases;
    if (c.status === 'open') cases.open += c.cases;
    else if (c.status === 'picked_up') cases.pickedUp += c.cases;
    else cases.closed += c.cases;
    if (c.result) cases.byResult[c.result] = (cases.byResult[c.result] ?? 0) + c.cases;
    if (c.result === REPEAT_RESULT) cases.closedAsRepeat += c.cases;
  }
  const attempts = await contactAttemptCounts(deps.db, municipalities);
  const to = addDays(isoDate(firstDayOfMonth(first + months)), -1);
  const from = `${firstMonth}-01`;
  const evaluation = await computeEvaluation(simDeps, systemContext('szw', 'simulatie'), { from, to, municipalities, groupBy: 'total' });
  const row = (key: string) => (evaluation.tables.find((t) => t.key === key)?.rows[0] as Record<string, unknown> | undefined) ?? null;
  return {
    period: { from, to, months },
    municipalities,
    scale,
    seed,
    generated,
    delivery,
    sendersOnboarded: onboarded,
    capacityPerMonth,
    work,
    cases,
    contactAttempts: { ...attempts, reachedShare: attempts.attempts > 0 ? Math.round((attempts.reached / attempts.attempts) * 1000) / 1000 : null },
    monitoring: { tables: evaluation.tables.map((t) => t.key), funnel: row('funnel'), timeliness: row('timeliness') },
  };
}
