import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
import { CsvLineEncoder } from '../src/domain/population/csv-encoder.ts';
import { signalToCsvLine } from '../src/domain/population/signal-csv.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
const sigs = [];
for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 3 }, 7)) sigs.push(g.signal);
const flat = sigs.map((s) => JSON.parse(JSON.stringify(s)));
for (let rep = 0; rep < 4; rep++) {
  for (const [name, arr] of [['cons', sigs], ['flat', flat]] as const) {
    const t0 = performance.now();
    let enc = new CsvLineEncoder(Buffer.allocUnsafe(1 << 20));
    for (const s of arr) { if (enc.offset > (1 << 20) - 20000) enc.reset(Buffer.allocUnsafe(1 << 20)); enc.writeSignal(s); }
    console.log(name, 'encoder', ((performance.now() - t0) * 1000 / arr.length).toFixed(3));
  }
}
