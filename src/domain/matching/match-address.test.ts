import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REPEAT_RESULT } from '../cases/case-status.ts';
import { matchAddress, type MatchSettings, type SignalToMatch, type OpenCase, type PriorSignal } from './match-address.ts';
import { addDays, addWorkingDays, isPublicHoliday } from './dates.ts';

const settings: MatchSettings = {
  matchingMode: 'continuous',
  standardLookbackMonths: 12,
  consecutiveMonths: 6,
  repeatMonths: 6,
  standardTypes: new Set(['rent', 'electricity', 'gas', 'heat', 'drinking_water', 'health_insurance']),
};

let n = 0;
function sig(o: Partial<SignalToMatch>): SignalToMatch {
  return { id: String(++n), signalType: 'rent', signalDate: '2025-03-10', creditorOrgId: 'landlord', amountCents: 80000, bsnPseudonym: null, surnameKey: 'jansen', crisis: false, ...o };
}
function run(signals: SignalToMatch[], openCases: OpenCase[] = [], history: PriorSignal[] = []) {
  return matchAddress({ signals, openCases, history, matchingDate: '2025-03-12', newIdStart: 1 }, settings);
}

describe('matching signals at one address into households', () => {
  it('puts signals of one household in one case and flags it multiple', () => {
    const a = sig({ signalType: 'rent' });
    const b = sig({ signalType: 'municipal_tax', creditorOrgId: 'tax', surnameKey: 'janssen', bsnPseudonym: 'P1' });
    const r = run([a, b]);
    assert.equal(r.cases.length, 1);
    assert.equal(r.assignments.get(a.id), r.assignments.get(b.id));
    const c = r.cases[0]!;
    assert.equal(c.multiple, true);
    assert.equal(c.signalCount, 2);
    assert.equal(c.knownViaStandardSignals, false, 'its own rent signal does not make the household known before it');
    assert.equal(c.hasExperimentalSignal, true);
    assert.equal(c.deadline, '2025-04-09');
    assert.equal(c.matchingPeriodStart, '2025-03-01');
    assert.equal(c.matchingPeriodEnd, '2025-03-31');
  });

  it('keeps two households at one address apart: different BSNs, or different surnames', () => {
    const r1 = run([sig({ bsnPseudonym: 'P1' }), sig({ bsnPseudonym: 'P2', creditorOrgId: 'energy', signalType: 'gas' })]);
    assert.equal(r1.cases.length, 2);
    const r2 = run([sig({ surnameKey: 'jansen' }), sig({ surnameKey: 'yilmaz', creditorOrgId: 'energy', signalType: 'gas' })]);
    assert.equal(r2.cases.length, 2);
    assert.ok(r2.cases.every((c) => c.multiple), 'two signals at the address in the month');
  });

  it('a new signal joins the open case of its household', () => {
    const open: OpenCase = {
      id: '41', bsnPseudonym: null, surnameKey: 'meer', firstSignalDate: '2025-03-01', lastSignalDate: '2025-03-01',
      matchingPeriodStart: '2025-03-01', matchingPeriodEnd: '2025-03-31', signalCount: 1, signalTypes: ['rent'], crisis: false,
      status: 'open', result: null, deadline: '2025-03-29',
    };
    const r = run([sig({ surnameKey: 'meer', signalType: 'mortgage', creditorOrgId: 'bank' })], [open]);
    assert.equal(r.cases.length, 1);
    assert.equal(r.cases[0]!.id, '41');
    assert.equal(r.cases[0]!.isNew, false);
    assert.equal(r.cases[0]!.deadline, '2025-03-29', 'an existing deadline is kept');
  });

  it('flags consecutive when the address had a signal in the six months before the period', () => {
    const history: PriorSignal[] = [{ id: '7', caseId: '3', signalType: 'gas', signalDate: '2024-11-20', creditorOrgId: 'energy', amountCents: 1000, bsnPseudonym: null, surnameKey: 'jansen' }];
    assert.equal(run([sig({})], [], history).cases[0]!.consecutive, true);
    const old: PriorSignal[] = [{ ...history[0]!, signalDate: '2024-08-31' }];
    assert.equal(run([sig({})], [], old).cases[0]!.consecutive, false);
  });

  it('marks a re-sent arrear that did not rise as a repeat, and a risen one as new', () => {
    const prior: PriorSignal = { id: '9', caseId: '5', signalType: 'rent', signalDate: '2025-02-10', creditorOrgId: 'landlord', amountCents: 80000, bsnPseudonym: null, surnameKey: 'jansen' };
    const same = sig({ amountCents: 80000 });
    const r = run([same], [], [prior]);
    assert.equal(r.repeats.get(same.id), '9');
    assert.equal(r.cases[0]!.status, 'closed');
    assert.equal(r.cases[0]!.result, REPEAT_RESULT);
    const rose = sig({ amountCents: 95000 });
    const r2 = run([rose], [], [prior]);
    assert.equal(r2.repeats.size, 0);
    assert.equal(r2.cases[0]!.status, 'open');
    const otherCreditor = sig({ amountCents: 80000, creditorOrgId: 'other-landlord' });
    assert.equal(run([otherCreditor], [], [prior]).repeats.size, 0);
  });

  it('gives a crisis case three working days, skipping weekends and holidays', () => {
    const r = run([sig({ crisis: true })]);
    assert.equal(r.cases[0]!.deadline, '2025-03-17'); // Wed 12 March + 3 working days = Mon 17 March
    assert.equal(addWorkingDays('2026-04-24', 3), '2026-04-30', "King's Day (Mon 27 April 2026) is skipped");
    assert.equal(addWorkingDays('2025-12-23', 3), '2025-12-30', 'Christmas days are skipped');
    assert.ok(isPublicHoliday('2025-04-21'), 'Easter Monday 2025');
    assert.ok(isPublicHoliday('2025-05-29'), 'Ascension Day 2025');
  });

  it('a household known only through a new signal type is "new"', () => {
    const r = run([sig({ signalType: 'mortgage', creditorOrgId: 'bank' })]);
    assert.equal(r.cases[0]!.knownViaStandardSignals, false);
    assert.equal(r.cases[0]!.hasExperimentalSignal, true);
  });

  const openCase = (o: Partial<OpenCase> = {}): OpenCase => ({
    id: '41', bsnPseudonym: null, surnameKey: 'jansen', firstSignalDate: '2025-01-10', lastSignalDate: '2025-01-10',
    matchingPeriodStart: '2025-01-01', matchingPeriodEnd: '2025-01-31', signalCount: 1, signalTypes: ['rent'], crisis: false,
    status: 'open', result: null, deadline: '2025-02-07', multiple: false, consecutive: false, knownViaStandardSignals: false, ...o,
  });
  const prior = (o: Partial<PriorSignal>): PriorSignal => ({
    id: String(++n), caseId: '41', signalType: 'rent', signalDate: '2025-01-10', creditorOrgId: 'landlord', amountCents: 80000, bsnPseudonym: null, surnameKey: 'jansen', ...o,
  });

  // Issue 18 point 4: each of these failed on the code before it.
  it('flags consecutive when a signal of a later matching period joins a case that is still open', () => {
    const later = sig({ signalDate: '2025-03-10', signalType: 'gas', creditorOrgId: 'energy' });
    const r = run([later], [openCase()], [prior({})]);
    assert.equal(r.assignments.get(later.id), '41', 'it joins the open case');
    assert.equal(r.cases[0]!.consecutive, true, 'the household was signalled in an earlier period');
    const sameMonth = sig({ signalDate: '2025-01-20', signalType: 'gas', creditorOrgId: 'energy' });
    assert.equal(run([sameMonth], [openCase()], [prior({})]).cases[0]!.consecutive, false, 'a signal in the same period is not consecutive');
  });

  it('"known via standard signals" counts only standard signals before the case, not its own or later ones', () => {
    const mortgage = () => sig({ signalType: 'mortgage', creditorOrgId: 'bank', signalDate: '2025-03-10' });
    // An earlier standard signal of the household in another (closed) case: known.
    const earlier = prior({ caseId: '7', signalDate: '2024-11-02' });
    assert.equal(run([mortgage()], [], [earlier]).cases[0]!.knownViaStandardSignals, true);
    // A standard signal after the case's first signal, in another case: not known.
    const later = prior({ caseId: '7', signalDate: '2025-03-20' });
    assert.equal(run([mortgage()], [], [later]).cases[0]!.knownViaStandardSignals, false);
    // Outside the look-back window: not known.
    assert.equal(run([mortgage()], [], [prior({ caseId: '7', signalDate: '2024-02-01' })]).cases[0]!.knownViaStandardSignals, false);
    // The case's own standard signal, even dated before the new one: not known.
    const ownCase = openCase({ firstSignalDate: '2025-03-01', lastSignalDate: '2025-03-01', matchingPeriodStart: '2025-03-01', matchingPeriodEnd: '2025-03-31' });
    const r = run([mortgage()], [ownCase], [prior({ signalDate: '2025-03-01' })]);
    assert.equal(r.cases[0]!.id, '41');
    assert.equal(r.cases[0]!.knownViaStandardSignals, false);
  });

  it('multiple: two signals at the address in one calendar month, whichever household and matching period', () => {
    // A second household's signal in the month raises the flag of the open case already there (no signal joins it).
    const march = openCase({ firstSignalDate: '2025-03-03', lastSignalDate: '2025-03-03', matchingPeriodStart: '2025-03-01', matchingPeriodEnd: '2025-03-31' });
    const r = run([sig({ surnameKey: 'yilmaz', creditorOrgId: 'energy', signalType: 'gas', signalDate: '2025-03-20' })], [march], [prior({ signalDate: '2025-03-03' })]);
    assert.equal(r.cases.length, 2);
    assert.ok(r.cases.every((c) => c.multiple));
    assert.equal(r.cases.find((c) => c.id === '41')!.deadline, '2025-02-07', 'an untouched case keeps its deadline');
    // A case's later month counts as well: its February signal shares the month with a neighbour's.
    const feb = sig({ signalDate: '2025-02-12', signalType: 'gas', creditorOrgId: 'energy' });
    const neighbour = prior({ id: '99', caseId: '50', surnameKey: 'yilmaz', signalDate: '2025-02-03' });
    const r2 = run([feb], [openCase()], [prior({}), neighbour]);
    assert.equal(r2.cases.find((c) => c.id === '41')!.multiple, true);
    // One signal in each of two months is not multiple.
    assert.equal(run([sig({ signalDate: '2025-02-12' })], [openCase()], [prior({})]).cases[0]!.multiple, false);
  });

  it('weekly matching: a new case gets the ISO week as its period; multiple still counts the calendar month', () => {
    const weekly: MatchSettings = { ...settings, matchingMode: 'weekly' };
    const a = sig({ signalDate: '2025-03-04' });
    const b = sig({ signalDate: '2025-03-19', signalType: 'gas', creditorOrgId: 'energy' });
    const r = matchAddress({ signals: [a, b], openCases: [], history: [], matchingDate: '2025-03-24', newIdStart: 1 }, weekly);
    assert.equal(r.cases.length, 1);
    assert.equal(r.cases[0]!.matchingPeriodStart, '2025-03-03');
    assert.equal(r.cases[0]!.matchingPeriodEnd, '2025-03-09');
    assert.equal(r.cases[0]!.multiple, true);
    assert.equal(r.cases[0]!.consecutive, true, 'its signal of a later week is a later period');
  });
});

describe('an address with one new signal and nothing else', () => {
  // The short path for a lone signal must give what the general path gives. A history signal ten
  // years back, of another creditor and type, is outside every window, so with it the general path
  // runs and must reach the same answer.
  it('matches as the general path does, for any signal and matching mode', () => {
    fc.assert(
      fc.property(
        fc.record({
          signalType: fc.constantFrom('rent', 'gas', 'health_insurance', 'municipal_tax', 'mortgage'),
          day: fc.integer({ min: 0, max: 1500 }),
          crisis: fc.boolean(),
          bsnPseudonym: fc.option(fc.constantFrom('P1', 'P2'), { nil: null }),
          surnameKey: fc.constantFrom('', 'jansen', 'bakker'),
          amountCents: fc.option(fc.integer({ min: 1, max: 500000 }), { nil: null }),
          mode: fc.constantFrom('continuous', 'weekly', 'monthly'),
          newIdStart: fc.integer({ min: 0, max: 99 }),
        }),
        (o) => {
          const signalDate = addDays('2023-01-01', o.day);
          const s = sig({ signalType: o.signalType, signalDate, crisis: o.crisis, bsnPseudonym: o.bsnPseudonym, surnameKey: o.surnameKey, amountCents: o.amountCents });
          const far: PriorSignal = { id: '0', caseId: '1', signalType: 'water_x', signalDate: addDays(signalDate, -3660), creditorOrgId: 'elsewhere', amountCents: 1, bsnPseudonym: null, surnameKey: 'other' };
          const mode = { ...settings, matchingMode: o.mode };
          const input = { signals: [s], openCases: [], matchingDate: '2025-03-12', newIdStart: o.newIdStart };
          assert.deepEqual(matchAddress({ ...input, history: [] }, mode), matchAddress({ ...input, history: [far] }, mode));
        },
      ),
      { numRuns: 500 },
    );
  });
});
