import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ForecastInputError, type Scenario } from '../../domain/capacity/forecast.ts';
import { compareWithCapacity, statedCapacity, type CapacityStatement } from '../../domain/capacity/what-if.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { forecastSignals } from './forecast-signals.ts';

const params = loadPopulationParams();
const base = { municipalities: ['GM0363', 'GM0599', 'GM1711'], firstMonth: '2025-01', months: 4, seed: 3, scale: 0.05 };
const perMonth = (f: ReturnType<typeof forecastSignals>, code: string, key: string) =>
  f.municipalities.find((m) => m.municipalityCode === code)!.scenarios.find((s) => s.key === key)!;

test('a higher amount threshold never gives more signals, in any municipality or month', () => {
  const thresholds = [0, 300, 400, 500, 750, 1000, 2000];
  const f = forecastSignals(params, { ...base, scenarios: thresholds.map((t): Scenario => ({ key: `min-${t}`, signalTypes: ['municipal_tax', 'rent'], selection: { minAmount: t } })) });
  for (const m of f.municipalities) {
    for (let i = 1; i < thresholds.length; i++) {
      const lower = m.scenarios[i - 1]!;
      const higher = m.scenarios[i]!;
      assert.ok(higher.perMonth <= lower.perMonth, `${m.municipalityCode}: ${higher.key} ${higher.perMonth} > ${lower.key} ${lower.perMonth}`);
      higher.byMonth.forEach((n, k) => assert.ok(n <= lower.byMonth[k]!, `${m.municipalityCode} month ${k}`));
    }
  }
  const a = perMonth(f, 'GM0363', 'min-300');
  const b = perMonth(f, 'GM0363', 'min-2000');
  assert.ok(a.perMonth > 0, 'Amsterdam has signals at all');
  assert.ok(b.perMonth < a.perMonth, 'a threshold of EUR 2,000 removes signals');
});

test('the same holds for any pair of thresholds and arrear ages (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (a, b, x, y) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const [young, old] = x <= y ? [x, y] : [y, x];
      const f = forecastSignals(params, {
        ...base,
        municipalities: ['GM1711'],
        months: 2,
        scenarios: [
          { key: 'lo', signalTypes: ['rent', 'health_insurance'], selection: { minAmount: lo, minArrearAgeMonths: young } },
          { key: 'hi', signalTypes: ['rent', 'health_insurance'], selection: { minAmount: hi, minArrearAgeMonths: old } },
        ],
      });
      return perMonth(f, 'GM1711', 'hi').perMonth <= perMonth(f, 'GM1711', 'lo').perMonth;
    }),
    { numRuns: 15 },
  );
});

test('adding a signal type never gives fewer signals, and a new type outside its designation is forecast as if designated', () => {
  const f = forecastSignals(params, {
    ...base,
    scenarios: [
      { key: 'now', signalTypes: ['municipal_tax'], selection: { minAmount: 300 } },
      { key: 'plus-wmo', signalTypes: ['municipal_tax', 'wmo_own_contribution'], selection: { minAmount: 300 } },
      { key: 'plus-mortgage', signalTypes: ['municipal_tax', 'wmo_own_contribution', 'mortgage'], selection: { minAmount: 300 } },
    ],
  });
  for (const m of f.municipalities) {
    const [now, wmo, mortgage] = m.scenarios;
    assert.ok(wmo!.perMonth >= now!.perMonth && mortgage!.perMonth >= wmo!.perMonth, m.municipalityCode);
    wmo!.byMonth.forEach((n, k) => assert.ok(n >= now!.byMonth[k]!));
  }
  assert.ok(perMonth(f, 'GM1711', 'plus-mortgage').byType.mortgage! > 0, 'mortgage forecast in Echt-Susteren although not designated there');
  const note = f.notes.find((n) => n.kind === 'not_designated' && n.signalType === 'mortgage');
  assert.deepEqual(note && 'municipalities' in note ? note.municipalities : null, ['GM1711'], 'and the forecast says so');
  assert.ok(!f.notes.some((n) => n.kind === 'below_modelled_minimum'), 'EUR 300 is not below what the generator models');
});

test('the forecast is reproducible and of the calibrated size', () => {
  const input = { ...base, municipalities: ['GM0599'], scenarios: [{ key: 'all', signalTypes: params.signalTypes.map((t) => t.code), selection: {} }] };
  const a = forecastSignals(params, input);
  assert.deepEqual(forecastSignals(params, input), a, 'same seed, same forecast');
  // Rotterdam: 664,000 inhabitants, risk index 1.15, about 4 per 1,000 per month (within noise and displacement).
  const n = perMonth(a, 'GM0599', 'all').perMonth;
  assert.ok(n > 2000 && n < 4000, `Rotterdam ${n} signals per month`);
  // Without a threshold, the types whose amounts the generator models only from a minimum are named.
  const below = a.notes.flatMap((x) => (x.kind === 'below_modelled_minimum' ? [`${x.signalType}:${x.modelledMinimum}`] : []));
  assert.deepEqual(below.sort(), ['benefits_recovery:50', 'municipal_tax:300', 'student_debt:270', 'tax_debt:600', 'wmo_own_contribution:100']);
});

test('bad input is refused with what and why', () => {
  assert.throws(
    () => forecastSignals(params, { ...base, municipalities: ['GM9999'], months: 0, scenarios: [{ key: 'x', signalTypes: ['lottery'], selection: { minAmount: -5 } }] }),
    (e: unknown) => {
      assert.ok(e instanceof ForecastInputError);
      const names = e.params.map((p) => p.name);
      for (const n of ['municipality', 'months', 'signal', 'x.minAmount']) assert.ok(names.includes(n), n);
      return true;
    },
  );
});

test('capacity comparison: stated capacity per municipality, verdicts of the experiments check, and a municipality without a statement is named', () => {
  const statements: CapacityStatement[] = [
    { experimentId: 'gemeentelijke-belastingen', signalType: 'municipal_tax', municipalityCode: 'GM0363', capacityPerMonth: 400 },
    { experimentId: 'gemeentelijke-belastingen', signalType: 'municipal_tax', municipalityCode: 'GM0599', capacityPerMonth: 150 },
    { experimentId: 'hypotheken', signalType: 'mortgage', municipalityCode: 'GM0599', capacityPerMonth: 50 },
  ];
  const tax = statedCapacity(statements, { signalTypes: ['municipal_tax'] });
  assert.equal(tax.get('GM0599')!.capacityPerMonth, 150);
  const both = statedCapacity(statements, { signalTypes: ['municipal_tax', 'mortgage'] });
  assert.deepEqual(both.get('GM0599'), { capacityPerMonth: 200, experiments: ['gemeentelijke-belastingen', 'hypotheken'] });
  assert.equal(statedCapacity(statements, { experimentId: 'hypotheken', signalTypes: ['municipal_tax'] }).get('GM0363'), undefined);

  const f = forecastSignals(params, {
    ...base,
    scenarios: [
      { key: 'huidig', signalTypes: ['municipal_tax'], selection: { minAmount: 300 } },
      { key: 'voorstel', signalTypes: ['municipal_tax'], selection: { minAmount: 500 } },
    ],
  });
  const r = compareWithCapacity(f, tax);
  assert.deepEqual(r.withoutCapacity, ['GM1711']);
  const ams = r.rows.find((x) => x.municipalityCode === 'GM0363')!;
  const [now, proposal] = ams.cells;
  assert.equal(now!.utilisation, Math.round((Math.round(now!.perMonth) / 400) * 1000) / 1000);
  assert.equal(now!.verdict, Math.round(now!.perMonth) > 400 ? 'over_capacity' : 'fits');
  assert.ok(proposal!.perMonth <= now!.perMonth);
  assert.equal(ams.change, Math.round((proposal!.perMonth - now!.perMonth) * 10) / 10);
  assert.equal(r.rows.find((x) => x.municipalityCode === 'GM1711')!.cells[0]!.verdict, 'capacity_missing');
  // A capacity of 1 per month is exceeded wherever there are signals.
  const tiny = compareWithCapacity(f, new Map([['GM0363', { capacityPerMonth: 1, experiments: ['x'] }]]));
  assert.equal(tiny.rows[0]!.cells[0]!.verdict, 'over_capacity');
});
