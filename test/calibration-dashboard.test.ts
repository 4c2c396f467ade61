/**
 * The calibration counts a synthetic year as the dashboard does (issue 25: "definitions as on the
 * dashboard"). The year's flags come from the platform's own matching and its figures from the
 * dashboard's own table builder; only the step from cases to the case pass's cells is done in memory
 * (src/simulation/calibration/figures.ts). Here a small year's cases and contact attempts are written
 * into a database and the dashboard's SQL case pass (caseCells) reads them: its counts and the
 * figures built from them must be the calibration's, on every engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadRules } from '../src/app/rules/load-rules.ts';
import { findContactAttemptsSource } from '../src/db/repositories/contact-attempts-source.ts';
import { caseCells } from '../src/db/repositories/evaluation.ts';
import type { CaseCell } from '../src/domain/evaluation/cells.ts';
import { dashboardFigures, evaluationCellsOf } from '../src/simulation/calibration/figures.ts';
import { simulateSyntheticYear, type SyntheticYear } from '../src/simulation/calibration/synthetic-year.ts';
import { loadPopulationParams } from '../src/simulation/params/load-population-params.ts';
import { loadSimulationParams } from '../src/simulation/params/load-simulation-params.ts';
import { ENGINES } from './helpers/engines.ts';

const COUNTED = ['cases', 'signalsInCases', 'multiple', 'consecutive', 'crisis', 'households1', 'households2', 'households3', 'households4Plus', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted', 'withOutcome', 'firstContact'] as const;

const totals = (cells: CaseCell[]) => Object.fromEntries(COUNTED.map((k) => [k, cells.reduce((s, c) => s + (c[k] ?? 0), 0)]));

let year: SyntheticYear;
before(async () => {
  const { book } = await loadRules();
  const standardTypes = new Set(book.signalTypes().filter((t) => t.regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/')).map((t) => t.signalType));
  // Heerlen and Leudal at a fifth of their size: about a thousand cases, every kind of case among them.
  year = simulateSyntheticYear(loadPopulationParams(), loadSimulationParams(), { municipalities: ['GM0917', 'GM1640'], seed: 3, year: 2025, scale: 0.2, standardTypes });
});

for (const engine of ENGINES) {
  describe(`the calibration's case counts are the dashboard's (${engine.name})`, () => {
    let database: Awaited<ReturnType<typeof engine.open>>;
    before(async () => {
      database = await engine.open();
    });
    after(async () => database?.drop());

    test('the case pass over the stored year counts what the calibration counts, and gives the same figures', async () => {
      assert.ok(year.cases.length > 500, `${year.cases.length} cases`);
      assert.ok(year.cases.some((c) => c.multiple) && year.cases.some((c) => c.consecutive) && year.cases.some((c) => c.contactAttempted && !c.attemptReached) && year.cases.some((c) => !c.contactAttempted));
      const { db } = database;
      for (let i = 0; i < year.cases.length; i += 500) {
        const page = year.cases.slice(i, i + 500);
        await db
          .insertInto('cases')
          .values(
            page.map((c) => ({
              id: c.id,
              municipality_code: c.municipality,
              address_key: `addr-${c.id}`,
              bsn_pseudonym: null,
              surname_key: 'synthetic',
              status: c.status,
              first_signal_date: c.firstSignalDate,
              last_signal_date: c.firstSignalDate,
              matching_date: c.matchingDate,
              matching_period_start: `${c.firstSignalDate.slice(0, 7)}-01`,
              matching_period_end: c.matchingDate,
              signal_count: c.signalCount,
              signal_types: c.signalTypes,
              multiple: c.multiple,
              consecutive: c.consecutive,
              crisis: c.crisis,
              known_via_standard_signals: true,
              has_experimental_signal: false,
              deadline: c.deadline,
              picked_up_on: c.contactAttempted ? c.matchingDate : null,
              result: c.result,
            })),
          )
          .execute();
        const attempts = page.filter((c) => c.contactAttempted);
        if (attempts.length > 0)
          await db
            .insertInto('contact_attempts')
            .values(attempts.map((c) => ({ case_id: c.id, municipality_code: c.municipality, contact_type: c.contactType ?? 'Overige', reached: c.attemptReached, attempted_on: c.matchingDate })))
            .execute();
      }
      const source = await findContactAttemptsSource(db);
      assert.ok(source, 'contact attempts are read');
      const stored = await caseCells(db, { from: '2025-01-01', to: '2025-12-31', today: '2026-01-31' }, source);
      const inMemory = evaluationCellsOf(year);
      assert.deepEqual(totals(stored), totals(inMemory.cases));
      assert.deepEqual(dashboardFigures(year, { ...inMemory, cases: stored }), dashboardFigures(year));
    });
  });
}
