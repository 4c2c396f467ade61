import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
import { CsvLineEncoder } from '../src/domain/population/csv-encoder.ts';
import { signalToCsvLine } from '../src/domain/population/signal-csv.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
const sigs = [];
let t0 = performance.now();
for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 12 }, 7)) sigs.push(g.signal);
console.log('gen', ((performance.now() - t0) * 1000 / sigs.length).toFixed(3), 'us/signal', sigs.length);
for (let rep = 0; rep < 4; rep++) {
  t0 = performance.now();
  let enc = new CsvLineEncoder(Buffer.allocUnsafe(1 << 20));
  for (const s of sigs) { if (enc.offset > (1 << 20) - 20000) enc.reset(Buffer.allocUnsafe(1 << 20)); enc.writeSignal(s); }
  console.log('encoder', ((performance.now() - t0) * 1000 / sigs.length).toFixed(3));
  t0 = performance.now();
  let buf = Buffer.allocUnsafe(1 << 20); let used = 0;
  for (const s of sigs) { const l = signalToCsvLine(s); if (used + l.length * 3 > buf.length) { buf = Buffer.allocUnsafe(1 << 20); used = 0; } used += buf.write(l, used); }
  console.log('string+write', ((performance.now() - t0) * 1000 / sigs.length).toFixed(3));
  t0 = performance.now();
  let n = 0;
  for (const s of sigs) { n += JSON.stringify(s).length; }
  console.log('json', ((performance.now() - t0) * 1000 / sigs.length).toFixed(3));
}
