import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { forecastOverSeeds } from '../forecast/forecast-over-seeds.ts';
import { whatIfScenarios } from '../../domain/capacity/scenarios.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { main } from './what-if.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ARGS = ['--signal', 'municipal_tax', '--min-amount', '300', '--compare-min-amount', '500', '--municipality', 'GM0363,GM0599,GM0505', '--months', '3', '--scale', '0.1'];

test('prints the table: the forecast per municipality, the stated capacity and the verdict, and names who stated none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'what-if-'));
  try {
    const r = await run([...ARGS, '--capacity', 'GM0363=400,GM0599=150', '--csv', join(dir, 'w.csv'), '--svg', join(dir, 'w.svg')]);
    assert.equal(r.code, 0, r.err);
    // The same forecast computed directly (five runs by default): the CLI must print these numbers.
    const f = forecastOverSeeds(loadPopulationParams(), {
      municipalities: ['GM0363', 'GM0599', 'GM0505'],
      firstMonth: '2025-01',
      months: 3,
      seed: 1,
      scale: 0.1,
      scenarios: whatIfScenarios({ signalTypes: ['municipal_tax'], current: { minAmount: 300, minArrearAgeMonths: null }, proposed: { minAmount: 500 } }),
    }, 5);
    const ams = f.municipalities[0]!.scenarios;
    const line = r.out.split('\n').find((l) => l.startsWith('Amsterdam (GM0363)'))!;
    assert.ok(line, r.out);
    const cells = line.split(/\s{2,}/);
    assert.equal(cells[1], '400');
    assert.equal(cells[2], String(Math.round(ams[0]!.perMonth)));
    assert.equal(cells[3], String(Math.round(ams[1]!.perMonth)));
    // The uncertainty: the lowest and highest of the five runs beside the mean, and the seeds named.
    const [low, high] = cells[5]!.split('–').map(Number);
    assert.ok(low! <= Math.round(ams[0]!.perMonth) && Math.round(ams[0]!.perMonth) <= high! && low! < high!, `spread ${cells[5]} around ${ams[0]!.perMonth}`);
    assert.match(r.out, /gemiddelde van 5 runs .* seeds \(1, 2, 3, 4, 5\)/);
    // And how the calibration stands, as on the web page.
    assert.match(r.out, /Kalibratie: 7 van de 7 publieke cijfers binnen ±20 % op seeds 1, 2\. De tabel: npm run calibration\./);
    assert.ok(ams[1]!.perMonth < ams[0]!.perMonth, 'EUR 500 selects fewer than EUR 300');
    assert.match(line, Math.round(ams[1]!.perMonth) > 400 ? /boven capaciteit$/ : /past( \(drukste maand erboven\))?$/);
    assert.match(r.out.split('\n').find((l) => l.startsWith('Dordrecht'))!, /geen capaciteit opgegeven/);
    assert.match(r.out, /Geen capaciteit opgegeven door: GM0505/);
    assert.match(r.out, /Huidig: municipal_tax; minimaal € 300/);
    assert.match(r.out, /Voorstel: municipal_tax; minimaal € 500/);
    const csv = readFileSync(join(dir, 'w.csv'), 'utf8').trim().split('\n');
    assert.equal(csv.length, 4, 'header and three municipalities');
    assert.match(csv[1]!, /^Amsterdam \(GM0363\),400,/);
    const svg = readFileSync(join(dir, 'w.svg'), 'utf8');
    assert.match(svg, /<svg[^>]*role="img"/);
    assert.match(svg, /<title id="wat-als-grafiek-title">/);
    assert.equal((svg.match(/<rect /g) ?? []).length, 2 + 3 * 2, 'two legend swatches and two bars per municipality');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reads capacity from the experiments register by default, in English on request, and a new signal type adds to the proposal', async () => {
  const r = await run([...ARGS, '--add-signal', 'wmo_own_contribution', '--lang', 'en']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /experiments\.yaml/);
  const line = r.out.split('\n').find((l) => l.startsWith('Rotterdam (GM0599)'))!;
  assert.equal(line.split(/\s{2,}/)[1], '150', 'the capacity Rotterdam stated for the municipal tax experiment');
  assert.match(r.out, /Proposal: municipal_tax, wmo_own_contribution; at least € 500/);
});

test('bad input: exit code 2 and what is wrong', async () => {
  const r = await run(['--signal', 'lottery', '--municipality', 'GM9999', '--capacity', 'Amsterdam=many']);
  assert.equal(r.code, 2);
  assert.match(r.err, /capacity: 'Amsterdam=many' is not CODE=NUMBER/);
  const r2 = await run(['--signal', 'lottery', '--municipality', 'GM9999', '--months', '3']);
  assert.equal(r2.code, 2);
  assert.match(r2.err, /'lottery' is not a signal type/);
  assert.match(r2.err, /GM9999 is not in the synthetic population/);
});
