

import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
console.log(pop.residentCount, pop.bsnCapacity, pop.municipalities.map(m => [m.code, m.householdCount, m.inhabitants]).slice(0,4));
console.log(JSON.stringify(pop.municipalities[0]!.household(12345), null, 1));
let n = 0; const t0 = performance.now();
let first: unknown;
for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 12 }, 7)) { if (n === 100) first = g; n++; }
const dt = (performance.now() - t0) / 1000;
console.log(n, 'signals', dt.toFixed(2), 's', (n / dt).toFixed(0), '/s');
console.log(JSON.stringify(first, null, 1));
