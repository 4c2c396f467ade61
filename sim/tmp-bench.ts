import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
const m = pop.municipalities[0]!;
let t0 = performance.now();
let x = 0;
for (let i = 0; i < 200_000; i++) x += m.household(i).residents.length;
console.log('household', ((performance.now() - t0) * 1000 / 200_000).toFixed(2), 'us each');
t0 = performance.now();
for (let i = 0; i < 200_000; i++) x += m.core(i).size;
console.log('core', ((performance.now() - t0) * 1000 / 200_000).toFixed(2), 'us each');
for (let rep = 0; rep < 2; rep++) {
t0 = performance.now();
let n = 0;
for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 12 }, 7)) n++;
console.log('signals', n, ((performance.now() - t0) * 1000 / n).toFixed(2), 'us each');
}
