/**
 * The calibration test: the generated stream hits the public figures in the parameter file
 * (calibration.*, from docs/background/LEGAL-FRAMEWORK.md) within their stated tolerance, every valid BSN passes
 * the elfproef, and the same seed gives the same stream.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { passesElfproef } from './bsn.ts';
import { parseMonth } from '../../domain/calendar.ts';
import { CalibrationMeter, type CalibrationFigures } from './calibration.ts';
import { parsePopulationParams, type Target } from './params.ts';
import { generatePopulation } from './population.ts';
import { generateSignals } from './signal-stream.ts';

const params = parsePopulationParams(parse(readFileSync(new URL('../params/population.params.yaml', import.meta.url), 'utf8')));
const SEED = 20250101;

/** Twelve months of every municipality; the last six are measured (the first build up history). */
function measure(): { figures: CalibrationFigures; bsnsChecked: number; badBsns: string[] } {
  const population = generatePopulation(params, SEED);
  const inhabitants = population.municipalities.reduce((s, m) => s + m.inhabitants, 0);
  const meter = new CalibrationMeter(params, parseMonth('2025-07'), inhabitants);
  let bsnsChecked = 0;
  const badBsns: string[] = [];
  for (const g of generateSignals(population, params, { firstMonth: '2025-01', months: 12 }, SEED)) {
    meter.add(g);
    const bsn = g.signal.bsn;
    if (bsn !== undefined && g.truth.defect !== 'bad_bsn' && g.truth.defect !== 'field_not_allowed') {
      bsnsChecked++;
      if (!passesElfproef(bsn)) badBsns.push(bsn);
    }
  }
  return { figures: meter.result(), bsnsChecked, badBsns };
}

const { figures, bsnsChecked, badBsns } = measure();

function within(name: string, value: number, target: Target): void {
  assert.ok(
    Math.abs(value - target.value) <= target.tolerance,
    `${name}: ${value.toFixed(4)} is not within ${target.value} ± ${target.tolerance} (${target.source})`,
  );
}

test('signals per 1,000 inhabitants per month', () => {
  within('signals per 1,000 per month', figures.signalsPer1000PerMonth, params.calibration.signalsPer1000PerMonth);
});

test('shares of single, multiple and consecutive cases', () => {
  within('single', figures.singleShare, params.calibration.singleCaseShare);
  within('multiple', figures.multipleShare, params.calibration.multipleCaseShare);
  within('consecutive', figures.consecutiveShare, params.calibration.consecutiveCaseShare);
});

test('1 in 5 cases reached', () => {
  within('reached', figures.reachedShare, params.calibration.reachedCaseShare);
});

test('deliberate noise is present in the configured amounts', () => {
  assert.ok(Math.abs(figures.defectShare - params.defects.share) < 0.004, `defects ${figures.defectShare}`);
  assert.ok(Math.abs(figures.repeatShare - params.repeats.share) < 0.006, `repeats ${figures.repeatShare}`);
  const objected = params.socialCollection.residentResponse.objected ?? 0;
  assert.ok(Math.abs(figures.objectedShare - objected) < 0.004, `objected ${figures.objectedShare}`);
  assert.ok(figures.crisisShare > 0.01 && figures.crisisShare < 0.05, `crisis ${figures.crisisShare}`);
});

test('home owners are under-represented among troubled households, as the odds ratio says', () => {
  // Owner share of the municipalities, weighted by households (the cities rent more than the country).
  const pop = generatePopulation(params, SEED);
  let households = 0;
  let owners = 0;
  for (const m of pop.municipalities) {
    households += m.householdCount;
    owners += m.householdCount * m.params.ownerShare;
  }
  const share = owners / households;
  const r = params.risk;
  const odds = (r.troubledOwnerShare / (1 - r.troubledOwnerShare) / (r.nationalOwnerShare / (1 - r.nationalOwnerShare))) * (share / (1 - share));
  const expected = odds / (1 + odds);
  assert.ok(Math.abs(figures.ownerShareOfCases - expected) < 0.05, `owners among cases ${figures.ownerShareOfCases}, expected about ${expected}`);
});

test('every type of signal designated in the measured months occurs', () => {
  // A type whose designation ended before the measured half year (municipal taxes, repealed in 2025) is not sent then.
  const measured = (t: (typeof params.signalTypes)[number]) => t.available === undefined || t.available.some((a) => a.until >= '2025-07-31');
  for (const t of params.signalTypes.filter(measured)) assert.ok((figures.byType[t.code] ?? 0) > 0, `no ${t.code} signals`);
  assert.equal(figures.byType['municipal_tax'] ?? 0, 0, 'no municipal-tax signals after the repeal');
});

test('every BSN that is not deliberately broken passes the elfproef', () => {
  assert.ok(bsnsChecked > 5000, `only ${bsnsChecked} BSNs seen`);
  assert.deepEqual(badBsns, []);
});

function digest(seed: number, months: number): string {
  const h = createHash('sha256');
  const population = generatePopulation(params, seed);
  for (const g of generateSignals(population, params, { firstMonth: '2024-11', months }, seed)) h.update(JSON.stringify(g));
  return h.digest('hex');
}

test('reproducible: the same seed gives an identical stream, another seed another one', () => {
  assert.equal(digest(11, 3), digest(11, 3));
  assert.notEqual(digest(11, 3), digest(12, 3));
});

test('a municipality generated on its own gives the same signals as within the whole population', () => {
  const population = generatePopulation(params, 3);
  const period = { firstMonth: '2025-01', months: 2 };
  const alone = [...generateSignals(population, params, period, 3, { municipalities: ['GM0505'] })].map((g) => JSON.stringify(g));
  const within = [...generateSignals(population, params, period, 3)].filter((g) => g.truth.municipalityCode === 'GM0505').map((g) => JSON.stringify(g));
  assert.ok(alone.length > 100);
  assert.deepEqual(alone, within);
});
