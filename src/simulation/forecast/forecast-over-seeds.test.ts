import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { forecastOverSeeds } from './forecast-over-seeds.ts';
import { forecastSignals } from './forecast-signals.ts';

const params = loadPopulationParams();
const input = {
  municipalities: ['GM0505', 'GM1711'],
  firstMonth: '2025-01',
  months: 3,
  seed: 4,
  scale: 0.5,
  scenarios: [
    { key: 'lo', signalTypes: ['municipal_tax'], selection: { minAmount: 300 } },
    { key: 'hi', signalTypes: ['municipal_tax'], selection: { minAmount: 600 } },
  ],
};

test('repeated on several seeds: the mean of the runs, with the lowest and highest run around it', () => {
  const f = forecastOverSeeds(params, input, 4);
  assert.deepEqual(f.seeds, [4, 5, 6, 7]);
  const runs = [4, 5, 6, 7].map((seed) => forecastSignals(params, { ...input, seed }));
  for (const [i, m] of f.municipalities.entries()) {
    for (const [k, s] of m.scenarios.entries()) {
      const per = runs.map((r) => r.municipalities[i]!.scenarios[k]!.perMonth);
      assert.equal(s.interval!.low, Math.min(...per));
      assert.equal(s.interval!.high, Math.max(...per));
      assert.ok(Math.abs(s.perMonth - per.reduce((a, b) => a + b, 0) / per.length) <= 0.051, `${m.municipalityCode} ${s.key}: mean`);
    }
    // Each run counts both scenarios on one stream, so the mean keeps the order of the thresholds.
    assert.ok(m.scenarios[1]!.perMonth <= m.scenarios[0]!.perMonth, m.municipalityCode);
  }
});

test('one run is the plain forecast, with a spread of nothing', () => {
  const f = forecastOverSeeds(params, input, 1);
  const plain = forecastSignals(params, input);
  assert.deepEqual(f.seeds, [4]);
  const s = f.municipalities[0]!.scenarios[0]!;
  assert.equal(s.perMonth, plain.municipalities[0]!.scenarios[0]!.perMonth);
  assert.equal(s.interval!.low, s.interval!.high);
});
