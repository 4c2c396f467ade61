/**
 * A synthetic year as the platform would hold it, in memory: the generator's signals go through
 * what intake keeps (broken rows, objections and replays of a row already received are refused or
 * de-duplicated), the platform's own pure matching (src/domain/matching/match-address.ts, per
 * address, on the first day after each month, as `npm run simulate` does) and the municipalities'
 * work up to their capacity in worklist order (most urgent deadline first) with the simulation's
 * case-work model. What comes out are the rows the dashboard counts: stored signals and cases with
 * their flags, contact attempts and end results. No database, no HTTP: a year of several
 * municipalities takes seconds, so the calibration can look at enough cases to be stable.
 *
 * What it leaves out of the platform: the BRP check (no resident moves away), queue rules other than
 * the deadline order, and re-opening by hand. Those do not change the figures the calibration compares.
 */
import { firstDayOfMonth, isoDate, monthLabel, parseMonth } from '../../domain/calendar.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';
import { matchAddress, type MatchSettings, type OpenCase, type PriorSignal, type SignalToMatch } from '../../domain/matching/match-address.ts';
import { addDays, addMonths, monthStart } from '../../domain/matching/dates.ts';
import { addressKey, surnameKey } from '../../domain/matching/normalise-address.ts';
import { CaseWorkModel } from '../casework/casework.ts';
import type { SimulationParams } from '../casework/params.ts';
import type { PopulationParams } from '../population/params.ts';
import { generatePopulation } from '../population/population.ts';
import { Rng } from '../population/rng.ts';
import { generateSignals } from '../population/signal-stream.ts';

export interface SyntheticYearOptions {
  municipalities: readonly string[];
  seed: number;
  /** The measured calendar year. */
  year: number;
  /** Population scale (1: the municipalities' real inhabitants). */
  scale?: number;
  /** Months simulated before the year so that it starts with open cases and history, as a running platform has. */
  warmupMonths?: number;
  /** Signal types designated by the Besluit (the platform's deps.standardSignalTypes). */
  standardTypes: ReadonlySet<string>;
}

/** A stored signal as the dashboard's intake table counts it. */
export interface StoredSignal {
  municipality: string;
  signalType: string;
  signalDate: string;
  repeat: boolean;
}

/** A case as the dashboard's case pass reads it (src/db/repositories/evaluation.ts caseCells). */
export interface SimulatedCase {
  id: string;
  municipality: string;
  firstSignalDate: string;
  signalCount: number;
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  status: CaseStatus;
  result: string | null;
  contactAttempted: boolean;
  attemptReached: boolean;
  /** The DDAS contact type of the attempt (an administrative step is no attempt towards the resident). */
  contactType: string | null;
  matchingDate: string;
  deadline: string;
  signalTypes: string[];
}

export interface SyntheticYear {
  year: number;
  seed: number;
  scale: number;
  municipalities: string[];
  /** Scaled inhabitants of the municipalities (those the signals come from). */
  inhabitants: number;
  signals: StoredSignal[];
  cases: SimulatedCase[];
}

interface CaseState extends OpenCase {
  municipality: string;
  contactAttempted: boolean;
  attemptReached: boolean;
  contactType: string | null;
  matchingDate: string;
  multiple: boolean;
  consecutive: boolean;
  knownViaStandardSignals: boolean;
  deadline: string;
}

/** The platform's defaults for a municipality without settings of its own (src/app/matching/match-signals.ts). */
function settingsOf(standardTypes: ReadonlySet<string>): MatchSettings {
  return { matchingMode: 'continuous', standardLookbackMonths: 12, consecutiveMonths: 6, repeatMonths: 6, standardTypes };
}

export function simulateSyntheticYear(population: PopulationParams, sim: SimulationParams, opts: SyntheticYearOptions): SyntheticYear {
  const scale = opts.scale ?? 1;
  const warmup = opts.warmupMonths ?? 6;
  const settings = settingsOf(opts.standardTypes);
  const lookbackMonths = Math.max(settings.standardLookbackMonths, settings.consecutiveMonths, settings.repeatMonths) + 1;
  const pop = generatePopulation(population, opts.seed, { scale });
  const municipalities = [...opts.municipalities];
  for (const code of municipalities) if (!pop.municipality(code)) throw new RangeError(`municipality ${code} is not in the synthetic population`);
  const inhabitants = municipalities.reduce((s, code) => s + pop.municipality(code)!.inhabitants, 0);
  const model = new CaseWorkModel(sim, population);
  const rng = new Rng(opts.seed, 0xca1b);
  const capacity = new Map(municipalities.map((code) => [code, model.capacityPerMonth(pop.municipality(code)!.inhabitants)]));

  const first = parseMonth(`${opts.year}-01`) - warmup;
  const months = warmup + 12;
  const yearStart = `${opts.year}-01-01`;
  const signals: StoredSignal[] = [];
  const cases = new Map<string, CaseState>();
  const casesAt = new Map<string, CaseState[]>();
  const historyAt = new Map<string, PriorSignal[]>();
  let nextSignal = 1;
  let nextCase = 1;

  const stream = generateSignals(pop, population, { firstMonth: monthLabel(first), months }, opts.seed, { municipalities });
  let next = stream.next();
  for (let month = first; month < first + months; month++) {
    const byAddress = new Map<string, SignalToMatch[]>();
    while (!next.done && next.value.truth.month === month) {
      const g = next.value;
      next = stream.next();
      const t = g.truth;
      // Intake refuses broken rows and objections, and answers a replay of a row it has with the row it has.
      if (t.defect !== undefined || t.objected || (t.repeatOf !== undefined && t.repeatOf === g.signal.reference)) continue;
      const s = g.signal;
      const key = addressKey(s.address?.postcode, s.address?.houseNumber, s.address?.houseNumberAddition);
      if (key === undefined) continue;
      const id = String(nextSignal++);
      const amount = s.amount === undefined ? null : Math.round(Number(s.amount) * 100);
      const list = byAddress.get(`${t.municipalityCode}#${key}`) ?? [];
      list.push({
        id,
        signalType: s.signalType,
        signalDate: s.signalDate,
        creditorOrgId: g.senderId,
        amountCents: amount,
        bsnPseudonym: s.bsn ?? null,
        surnameKey: s.person ? surnameKey(s.person.prefix, s.person.surname) : '',
        crisis: s.crisis === true,
      });
      byAddress.set(`${t.municipalityCode}#${key}`, list);
      if (s.signalDate >= yearStart) signals.push({ municipality: t.municipalityCode, signalType: s.signalType, signalDate: s.signalDate, repeat: t.repeatOf !== undefined });
    }

    // Matching on the first day after the month (continuous matching: every signal of the month at once).
    const matchingDate = isoDate(firstDayOfMonth(month + 1));
    for (const [place, group] of byAddress) {
      const municipality = place.slice(0, place.indexOf('#'));
      const earliest = group.reduce((a, s) => (s.signalDate < a ? s.signalDate : a), group[0]!.signalDate);
      const from = addMonths(monthStart(earliest), -lookbackMonths);
      const history = (historyAt.get(place) ?? []).filter((h) => h.signalDate >= from);
      const atAddress = casesAt.get(place) ?? [];
      const open = atAddress.filter((c) => c.status !== 'closed');
      const m = matchAddress({ signals: group, openCases: open, history, matchingDate, newIdStart: 0 }, settings);
      const ids = new Map<string, string>();
      for (const c of m.cases) {
        if (c.isNew) {
          const id = String(nextCase++);
          ids.set(c.id, id);
          const state: CaseState = { ...c, id, municipality, contactAttempted: false, attemptReached: false, contactType: null, matchingDate };
          cases.set(id, state);
          atAddress.push(state);
        } else {
          const state = cases.get(c.id)!;
          Object.assign(state, {
            ...c,
            id: c.id,
            municipality,
            contactAttempted: state.contactAttempted,
            attemptReached: state.attemptReached,
            contactType: state.contactType,
            matchingDate: state.matchingDate,
          });
        }
      }
      casesAt.set(place, atAddress);
      for (const s of group) {
        const assigned = m.assignments.get(s.id)!;
        history.push({ ...s, caseId: ids.get(assigned) ?? assigned });
      }
      historyAt.set(place, history);
    }

    // The month's work, registered 27 days after matching: open cases, most urgent deadline first, up to capacity.
    const today = addDays(matchingDate, 27);
    for (const code of municipalities) {
      const queue = [...cases.values()]
        .filter((c) => c.municipality === code && c.status === 'open')
        .sort((a, b) => (a.deadline === b.deadline ? Number(a.id) - Number(b.id) : a.deadline < b.deadline ? -1 : 1))
        .slice(0, capacity.get(code)!);
      for (const c of queue) {
        const plan = model.plan({ crisis: c.crisis, signalCount: c.signalCount, multiple: c.multiple, matchingDate: c.matchingDate }, matchingDate, today, rng);
        c.contactAttempted = true;
        c.attemptReached = plan.reached;
        c.contactType = plan.contactType;
        c.result = plan.outcome;
        c.status = 'closed';
      }
    }
  }

  const measured = [...cases.values()]
    .filter((c) => c.firstSignalDate >= yearStart && c.firstSignalDate <= `${opts.year}-12-31`)
    .map(
      (c): SimulatedCase => ({
        id: c.id,
        municipality: c.municipality,
        firstSignalDate: c.firstSignalDate,
        signalCount: c.signalCount,
        multiple: c.multiple,
        consecutive: c.consecutive,
        crisis: c.crisis,
        status: c.status,
        result: c.result,
        contactAttempted: c.contactAttempted,
        attemptReached: c.attemptReached,
        contactType: c.contactType,
        matchingDate: c.matchingDate,
        deadline: c.deadline,
        signalTypes: [...c.signalTypes],
      }),
    );
  return { year: opts.year, seed: opts.seed, scale, municipalities, inhabitants, signals, cases: measured };
}

