import { sameSurname } from './normalise-address.ts';
import { addDays, addMonths, addWorkingDays, monthEnd, monthStart } from './dates.ts';
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
  /** every case touched, with its recomputed aggregates and flags */
  cases: Array<OpenCase & CaseFlags & { isNew: boolean }>;
}

const FIRST_CONVERSATION_DAYS = 28;
const CRISIS_WORKING_DAYS = 3;

function sameHousehold(c: { bsnPseudonym: string | null; surnameKey: string }, s: { bsnPseudonym: string | null; surnameKey: string }): boolean {
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
  const from = addMonths(s.signalDate, -settings.repeatMonths);
  for (const p of earlier) {
    if (p.id === s.id || p.creditorOrgId !== s.creditorOrgId || p.signalType !== s.signalType) continue;
    if (p.signalDate > s.signalDate || p.signalDate < from) continue;
    if (!sameHousehold(p, s)) continue;
    if (s.amountCents === null || p.amountCents === null || s.amountCents <= p.amountCents) return p.id;
  }
  return undefined;
}

export function matchAddress(
  input: { signals: readonly SignalToMatch[]; openCases: readonly OpenCase[]; history: readonly PriorSignal[]; matchingDate: string; newIdStart: number },
  settings: MatchSettings,
): AddressMatch {
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
      const start = monthStart(s.signalDate);
      c = {
        id: `new:${next++}`,
        bsnPseudonym: s.bsnPseudonym,
        surnameKey: s.surnameKey,
        firstSignalDate: s.signalDate,
        lastSignalDate: s.signalDate,
        matchingPeriodStart: start,
        matchingPeriodEnd: monthEnd(start),
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
  const out = cases
    .filter((c) => touched.has(c.id))
    .map((c) => {
      const inPeriod = all.filter((x) => x.signalDate >= c.matchingPeriodStart && x.signalDate <= c.matchingPeriodEnd).length;
      const consecutiveFrom = addMonths(c.matchingPeriodStart, -settings.consecutiveMonths);
      const consecutive = all.some((x) => x.signalDate < c.matchingPeriodStart && x.signalDate >= consecutiveFrom);
      const lookFrom = addMonths(c.firstSignalDate, -settings.standardLookbackMonths);
      const members = all.filter((x) => sameHousehold(c, x));
      const knownViaStandardSignals = members.some((x) => settings.standardTypes.has(x.signalType) && x.signalDate >= lookFrom && x.signalDate <= c.lastSignalDate);
      const hasExperimentalSignal = c.signalTypes.some((t) => !settings.standardTypes.has(t));
      const computed = c.crisis ? addWorkingDays(input.matchingDate, CRISIS_WORKING_DAYS) : addDays(input.matchingDate, FIRST_CONVERSATION_DAYS);
      const deadline = c.deadline && c.deadline < computed ? c.deadline : computed;
      return { ...c, multiple: inPeriod >= 2, consecutive, knownViaStandardSignals, hasExperimentalSignal, deadline, isNew: isNew.has(c.id) };
    });
  return { assignments, repeats, cases: out };
}
