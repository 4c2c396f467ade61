import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { SignalSource, generateSignals } from '../src/domain/population/signal-stream.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42, { scale: 2 });
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now(); let n = 0; let x = 0;
  const src = new SignalSource(pop, params, { firstMonth: '2025-01', months: 12 }, 7);
  while (src.nextUnit((g) => { n++; x += g.signal.reference.length; }));
  console.log('push', n, ((performance.now() - t0) * 1000 / n).toFixed(3), 'us/signal');
  t0 = performance.now(); n = 0;
  for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 12 }, 7)) { n++; x += g.signal.reference.length; }
  console.log('gen', n, ((performance.now() - t0) * 1000 / n).toFixed(3), 'us/signal');
}
