import { sameSurname } from './normalise-address.ts';
import { addDays, addMonths, addWorkingDays } from './dates.ts';
import { matchingPeriodOf, periodStartOf, type MatchingMode } from './matching-period.ts';
import { isMultiple } from './multiple.ts';
import { checkCaseTransition, REPEAT_RESULT, type CaseStatus } from '../cases/case-status.ts';

/**
 * Matching of signals into cases (DDAS vroegsignaalzaak) for ONE address of one municipality.
 * Pure: the use case loads the address's open cases and history, calls this, and stores the result.
 *
 * A case is one household: the same address and, where signals carry one, the same BSN. Without a
 * BSN the surname decides between households sharing an address (spelling-tolerant); a signal with
 * no way to tell joins the address's only case.
 */

export interface MatchSettings {
  /** The matching period a new case gets, and against which "consecutive" looks back. */
  matchingMode: MatchingMode;
  /** Months of look-back for "known through the standard signals". */
  standardLookbackMonths: number;
  /** "Consecutive": an earlier signal at the address within this many months before the period. */
  consecutiveMonths: number;
  /** "Repeat": same creditor and arrear within this many months, not increased. */
  repeatMonths: number;
  /** Signal types designated by the Besluit (rent, energy, water, health insurance). */
  standardTypes: ReadonlySet<string>;
}

export interface SignalToMatch {
  id: string;
  signalType: string;
  signalDate: string;
  creditorOrgId: string;
  amountCents: number | null;
  bsnPseudonym: string | null;
  surnameKey: string;
  crisis: boolean;
}

/** A signal at the address that is already in a case (history for the flags). */
export interface PriorSignal {
  id: string;
  caseId: string;
  signalType: string;
  signalDate: string;
  creditorOrgId: string;
  amountCents: number | null;
  bsnPseudonym: string | null;
  surnameKey: string;
}

export interface OpenCase {
  /** Database id, or a temporary 'new:N' for a case made in this run. */
  id: string;
  bsnPseudonym: string | null;
  surnameKey: string;
  firstSignalDate: string;
  lastSignalDate: string;
  matchingPeriodStart: string;
  matchingPeriodEnd: string;
  signalCount: number;
  signalTypes: string[];
  crisis: boolean;
  status: CaseStatus;
  result: string | null;
  /** Existing cases keep their deadline unless a crisis signal brings it forward. */
  deadline?: string;
  /**
   * The flags as stored. A flag once raised stays: the history a page loads reaches back from its
   * new signals, not from the start of an older case.
   */
  multiple?: boolean;
  consecutive?: boolean;
  knownViaStandardSignals?: boolean;
}

export interface CaseFlags {
  multiple: boolean;
  consecutive: boolean;
  knownViaStandardSignals: boolean;
  hasExperimentalSignal: boolean;
  deadline: string;
}

export interface AddressMatch {
  /** signal id → case id (existing or 'new:N') */
  assignments: Map<string, string>;
  /** signal id → the earlier signal it repeats (status "Niet opgepakt: herhaalde melding") */
  repeats: Map<string, string>;
  /** every case a signal joined, and every open case at the address a new signal raised a flag of, with aggregates and flags */
  cases: Array<OpenCase & CaseFlags & { isNew: boolean }>;
}

const FIRST_CONVERSATION_DAYS = 28;
const CRISIS_WORKING_DAYS = 3;

/** One household: the same person by BSN pseudonym when both have one, else the same surname. */
export function sameHousehold(c: { bsnPseudonym: string | null; surnameKey: string }, s: { bsnPseudonym: string | null; surnameKey: string }): boolean {
  if (c.bsnPseudonym && s.bsnPseudonym) return c.bsnPseudonym === s.bsnPseudonym;
  return sameSurname(c.surnameKey, s.surnameKey);
}

function pickCase(open: OpenCase[], s: SignalToMatch): OpenCase | undefined {
  const live = open.filter((c) => c.status !== 'closed');
  if (s.bsnPseudonym) {
    const byBsn = live.find((c) => c.bsnPseudonym === s.bsnPseudonym);
    if (byBsn) return byBsn;
    return live.find((c) => !c.bsnPseudonym && sameSurname(c.surnameKey, s.surnameKey) && c.surnameKey !== '' && s.surnameKey !== '');
  }
  const byName = live.filter((c) => sameSurname(c.surnameKey, s.surnameKey) && (c.surnameKey !== '' || s.surnameKey !== ''));
  if (byName.length > 0) return byName.reduce((a, b) => (a.lastSignalDate >= b.lastSignalDate ? a : b));
  if (live.length === 1 && (s.surnameKey === '' || live[0]!.surnameKey === '')) return live[0];
  return undefined;
}

/**
 * A repeat: an earlier signal from the same creditor about the same arrear (same type, same
 * household) within the window, whose amount was at least this one's. A risen amount is new
 * information and must be picked up.
 */
function findRepeat(s: SignalToMatch, earlier: readonly (PriorSignal | SignalToMatch)[], settings: MatchSettings): string | undefined {
  let from: string | undefined;
  for (const p of earlier) {
    if (p.id === s.id || p.creditorOrgId !== s.creditorOrgId || p.signalType !== s.signalType) continue;
    from ??= addMonths(s.signalDate, -settings.repeatMonths);
    if (p.signalDate > s.signalDate || p.signalDate < from) continue;
    if (!sameHousehold(p, s)) continue;
    if (s.amountCents === null || p.amountCents === null || s.amountCents <= p.amountCents) return p.id;
  }
  return undefined;
}

/**
 * Consecutive: the address had a signal in the months before a matching period of the case — its
 * first, or a later one in which a signal joined it while it was still open (then its own earlier
 * signals count: the household was signalled in an earlier period).
 */
function isConsecutive(c: OpenCase, own: readonly { signalDate: string }[], all: readonly { signalDate: string }[], settings: MatchSettings): boolean {
  let earliest = all[0]?.signalDate;
  for (const x of all) if (x.signalDate < earliest!) earliest = x.signalDate;
  const starts = new Set([c.matchingPeriodStart]);
  for (const x of own) starts.add(periodStartOf(settings.matchingMode, x.signalDate));
  for (const start of starts) {
    if (earliest === undefined || earliest >= start) continue; // no signal at the address before this period
    const from = addMonths(start, -settings.consecutiveMonths);
    if (all.some((x) => x.signalDate < start && x.signalDate >= from)) return true;
  }
  return false;
}

/**
 * Known through the standard signals: the household had a standard signal (rent, energy, water,
 * health insurance) in the look-back window before the case's first signal — received before it,
 * in another case; the case's own signals and later ones do not make it known.
 */
function knownBefore(c: OpenCase, all: readonly (PriorSignal | SignalToMatch)[], caseOf: (x: PriorSignal | SignalToMatch) => string | undefined, settings: MatchSettings): boolean {
  let from: string | undefined;
  for (const x of all) {
    if (x.signalDate >= c.firstSignalDate || !settings.standardTypes.has(x.signalType)) continue;
    from ??= addMonths(c.firstSignalDate, -settings.standardLookbackMonths);
    if (x.signalDate >= from && caseOf(x) !== c.id && sameHousehold(c, x)) return true;
  }
  return false;
}

/** A new case's deadline from the matching date: the same few values for a whole run, so remembered. */
const deadlines = new Map<string, string>();
function deadlineFrom(matchingDate: string, crisis: boolean): string {
  const key = crisis ? `c${matchingDate}` : matchingDate;
  let d = deadlines.get(key);
  if (d === undefined) {
    d = crisis ? addWorkingDays(matchingDate, CRISIS_WORKING_DAYS) : addDays(matchingDate, FIRST_CONVERSATION_DAYS);
    if (deadlines.size > 64) deadlines.clear();
    deadlines.set(key, d);
  }
  return d;
}

/**
 * The most common address: one new signal, no open case and no history. The general path below
 * gives exactly this (a new open case, never a repeat, no flag: a lone signal has no other signal
 * to be multiple, consecutive or known with); worked out directly it allocates a fraction.
 */
function loneSignal(s: SignalToMatch, matchingDate: string, newIdStart: number, settings: MatchSettings): AddressMatch {
  const period = matchingPeriodOf(settings.matchingMode, s.signalDate);
  const id = `new:${newIdStart}`;
  return {
    assignments: new Map([[s.id, id]]),
    repeats: new Map(),
    cases: [
      {
        id,
        bsnPseudonym: s.bsnPseudonym,
        surnameKey: s.surnameKey,
        firstSignalDate: s.signalDate,
        lastSignalDate: s.signalDate,
        matchingPeriodStart: period.start,
        matchingPeriodEnd: period.end,
        signalCount: 1,
        signalTypes: [s.signalType],
        crisis: s.crisis,
        status: 'open',
        result: null,
        multiple: false,
        consecutive: false,
        knownViaStandardSignals: false,
        hasExperimentalSignal: !settings.standardTypes.has(s.signalType),
        deadline: deadlineFrom(matchingDate, s.crisis),
        isNew: true,
      },
    ],
  };
}

export function matchAddress(
  input: { signals: readonly SignalToMatch[]; openCases: readonly OpenCase[]; history: readonly PriorSignal[]; matchingDate: string; newIdStart: number },
  settings: MatchSettings,
): AddressMatch {
  if (input.signals.length === 1 && input.openCases.length === 0 && input.history.length === 0)
    return loneSignal(input.signals[0]!, input.matchingDate, input.newIdStart, settings);
  const signals = [...input.signals].sort((a, b) => (a.signalDate === b.signalDate ? Number(a.id) - Number(b.id) : a.signalDate < b.signalDate ? -1 : 1));
  const cases = input.openCases.map((c) => ({ ...c, signalTypes: [...c.signalTypes] }));
  const touched = new Set<string>();
  const isNew = new Set<string>();
  const assignments = new Map<string, string>();
  const repeats = new Map<string, string>();
  let next = input.newIdStart;
  const seen: Array<PriorSignal | SignalToMatch> = [...input.history];

  for (const s of signals) {
    const repeatOf = findRepeat(s, seen, settings);
    let c = pickCase(cases, s);
    if (!c) {
      const period = matchingPeriodOf(settings.matchingMode, s.signalDate);
      c = {
        id: `new:${next++}`,
        bsnPseudonym: s.bsnPseudonym,
        surnameKey: s.surnameKey,
        firstSignalDate: s.signalDate,
        lastSignalDate: s.signalDate,
        matchingPeriodStart: period.start,
        matchingPeriodEnd: period.end,
        signalCount: 0,
        signalTypes: [],
        crisis: false,
        // A case made only of a repeat is closed at once with that result (DDAS eindresultaat).
        status: repeatOf ? 'closed' : 'open',
        result: repeatOf ? REPEAT_RESULT : null,
      };
      cases.push(c);
      isNew.add(c.id);
    }
    if (!c.bsnPseudonym && s.bsnPseudonym) c.bsnPseudonym = s.bsnPseudonym;
    if (!c.surnameKey && s.surnameKey) c.surnameKey = s.surnameKey;
    c.signalCount++;
    if (!c.signalTypes.includes(s.signalType)) c.signalTypes.push(s.signalType);
    if (s.signalDate < c.firstSignalDate) c.firstSignalDate = s.signalDate;
    if (s.signalDate > c.lastSignalDate) c.lastSignalDate = s.signalDate;
    c.crisis ||= s.crisis;
    if (c.status === 'closed' && !repeatOf && checkCaseTransition(c, 'open').allowed) {
      c.status = 'open';
      c.result = null;
    }
    assignments.set(s.id, c.id);
    if (repeatOf) repeats.set(s.id, repeatOf);
    touched.add(c.id);
    seen.push(s);
  }

  const all = [...input.history, ...signals];
  // A new signal's case is its assignment; a history signal's the one it is in.
  const caseOf = (x: PriorSignal | SignalToMatch) => assignments.get(x.id) ?? (x as PriorSignal).caseId;
  // Most addresses have one signal: no second one to make anything multiple.
  const addressDates = all.length < 2 ? [] : all.map((x) => x.signalDate);
  const out: AddressMatch['cases'] = [];
  for (const c of cases) {
    const own = all.filter((x) => caseOf(x) === c.id);
    const multiple = (c.multiple ?? false) || (addressDates.length >= 2 && isMultiple(own.map((x) => x.signalDate), addressDates));
    const consecutive = (c.consecutive ?? false) || isConsecutive(c, own, all, settings);
    const knownViaStandardSignals = (c.knownViaStandardSignals ?? false) || knownBefore(c, all, caseOf, settings);
    // An open case no signal joined is written only when a new signal at its address raised a flag (a second signal in its month).
    const wasTouched = touched.has(c.id);
    if (!wasTouched && multiple === (c.multiple ?? false) && consecutive === (c.consecutive ?? false) && knownViaStandardSignals === (c.knownViaStandardSignals ?? false)) continue;
    const hasExperimentalSignal = c.signalTypes.some((t) => !settings.standardTypes.has(t));
    const computed = deadlineFrom(input.matchingDate, c.crisis);
    const deadline = c.deadline && (!wasTouched || c.deadline < computed) ? c.deadline : computed;
    out.push({ ...c, multiple, consecutive, knownViaStandardSignals, hasExperimentalSignal, deadline, isNew: isNew.has(c.id) });
  }
  return { assignments, repeats, cases: out };
}
