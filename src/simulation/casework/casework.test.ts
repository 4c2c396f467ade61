import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSimulationParams } from '../params/load-simulation-params.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { Rng } from '../population/rng.ts';
import { OutreachModel } from '../population/outreach.ts';
import { CaseWorkModel } from './casework.ts';
import { parseSimulationParams, SimulationParamsError } from './params.ts';

const population = loadPopulationParams();
const sim = loadSimulationParams();

test('a case is contacted between its matching date and today, a crisis within days, with a DDAS end result that fits reached or not', () => {
  const model = new CaseWorkModel(sim, population);
  const rng = new Rng(7);
  for (let i = 0; i < 2000; i++) {
    const crisis = i % 5 === 0;
    const p = model.plan({ crisis, signalCount: 1 + (i % 3), matchingDate: '2025-03-03' }, '2025-03-03', '2025-03-30', rng);
    assert.ok(p.date >= '2025-03-03' && p.date <= '2025-03-30', p.date);
    if (crisis) assert.ok(p.date <= '2025-03-06', `crisis contacted on ${p.date}`);
    const pool = p.reached ? sim.outcomes.reached : sim.outcomes.notReached;
    assert.ok(p.outcome in pool, `${p.outcome} for reached=${p.reached}`);
  }
  // A backlog case is worked from the day the worker gets to it, never before.
  const late = model.plan({ crisis: false, signalCount: 1, matchingDate: '2025-02-01' }, '2025-03-01', '2025-03-28', rng);
  assert.ok(late.date >= '2025-03-01');
  // The day of registration caps the date: an attempt is never in the future.
  assert.equal(model.plan({ crisis: false, signalCount: 1, matchingDate: '2025-03-03' }, '2025-03-03', '2025-03-03', rng).date, '2025-03-03');
});

test('reached as often as the outreach model says (calibrated to 1 in 5), and capacity from the staff per 10,000 inhabitants', () => {
  const model = new CaseWorkModel(sim, population);
  const outreach = new OutreachModel(population.municipalHandling.outreach);
  const rng = new Rng(9);
  let reached = 0;
  let expected = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const c = { crisis: i % 40 === 0, signalCount: i % 9 === 0 ? 2 : 1, matchingDate: '2025-03-03' };
    if (model.plan(c, '2025-03-03', '2025-03-30', rng).reached) reached++;
    expected += outreach.reachProbability({ ...c, phoneKnown: true }) * population.households.contact.phone + outreach.reachProbability({ ...c, phoneKnown: false }) * (1 - population.households.contact.phone);
  }
  assert.ok(Math.abs(reached / n - expected / n) < 0.015, `${reached / n} vs ${expected / n}`);
  const fte = (931_000 / 10_000) * population.municipalHandling.capacityFtePer10000;
  assert.equal(model.capacityPerMonth(931_000), Math.round(fte * sim.work.casesPerFtePerMonth));
});

test('the simulation parameters are checked: a wrong value names its path', () => {
  const raw = { delivery: { file_share_of_senders: 0.5, api_chunk: 100 }, work: { cases_per_fte_per_month: 90, contact_delay_days: { crisis: [0, 3], other: [1, 26] }, part_of_day: { Ochtend: 1 }, contact_type: { letter: 'Brief' } }, outcomes: { reached: { '(Budget)advies en/of quick fix': 1 }, not_reached: { 'Verwijzing zonder contact': 1 } } };
  assert.equal(parseSimulationParams(raw).delivery.apiChunk, 100);
  assert.throws(() => parseSimulationParams({ ...raw, delivery: { file_share_of_senders: 2, api_chunk: 100 } }), (e: unknown) => e instanceof SimulationParamsError && /delivery\.file_share_of_senders/.test(e.message));
  assert.throws(() => parseSimulationParams({ ...raw, outcomes: { ...raw.outcomes, reached: { Geholpen: 1 } } }), /outcomes\.reached\.Geholpen: not a value of the DDAS vocabulary/);
  assert.throws(() => parseSimulationParams({ ...raw, work: { ...raw.work, contact_type: { letter: 'Duif' } } }), /work\.contact_type\.letter/);
});
