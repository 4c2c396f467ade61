import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { ArrearsProcess } from '../src/domain/population/arrears.ts';
import { SignalBuilder } from '../src/domain/population/signal-builder.ts';
import { Rng } from '../src/domain/population/rng.ts';
import { deliveryDays, parseMonth } from '../src/domain/population/calendar.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
const m = pop.municipalities[0]!;
for (let rep = 0; rep < 3; rep++) {
  const rng = new Rng(1, 2);
  const proc = new ArrearsProcess(m, params, rng, 2000);
  let t0 = performance.now();
  const all = [];
  const first = parseMonth('2025-01');
  let nc = 0, ns = 0;
  for (let mo = first; mo < first + 24; mo++) { const cs = proc.step(mo); nc += cs.length; for (const c of cs) ns += c.signals.length; all.push(cs); }
  const t1 = performance.now();
  console.log('process', nc, 'cases', ns, 'signals', ((t1 - t0) * 1000 / ns).toFixed(2), 'us/signal');
  const b = new SignalBuilder(params, m.code, m.seed);
  const days = deliveryDays(first, true);
  let k = 0;
  for (const cs of all) for (const c of cs) for (const s of c.signals) { const g = b.build(c, s, days[rng.int(days.length)]!, '2025-01', rng); k += g.signal.reference.length; }
  const t2 = performance.now();
  console.log('build', ((t2 - t1) * 1000 / ns).toFixed(2), 'us/signal');
}
