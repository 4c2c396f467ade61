import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { isValidPostcode } from '../../domain/rules/input-checks.ts';
import { passesElfproef } from './bsn.ts';
import { parsePopulationParams } from './params.ts';
import { generatePopulation, type Household } from './population.ts';

const params = parsePopulationParams(parse(readFileSync(new URL('../params/population.params.yaml', import.meta.url), 'utf8')));

test('the population has every municipality with about its number of inhabitants', () => {
  const pop = generatePopulation(params, 1);
  assert.equal(pop.municipalities.length, params.municipalities.length);
  for (const m of pop.municipalities) {
    assert.ok(Math.abs(m.residentCount - m.params.inhabitants) / m.params.inhabitants < 0.01, `${m.code}: ${m.residentCount} residents`);
  }
  assert.ok(!pop.bsnsRepeat, 'the default population fits the BSN range');
  const amsterdam = pop.municipality('GM0363');
  assert.ok(amsterdam !== undefined);
  assert.equal(generatePopulation(params, 1, { scale: 2 }).municipality('GM0363')?.inhabitants, 2 * 931000);
});

test('addresses: real postcode ranges, valid format, no two households at one address', () => {
  const pop = generatePopulation(params, 2);
  for (const code of ['GM0363', 'GM1783', 'GM1711']) {
    const m = pop.municipality(code);
    assert.ok(m !== undefined);
    const ranges = m.params.postcodes.map((p) => p.range);
    const seen = new Set<string>();
    const n = Math.min(m.householdCount, 40_000);
    for (let i = 0; i < n; i++) {
      const a = m.household(i).address;
      assert.ok(isValidPostcode(a.postcode), a.postcode);
      assert.match(a.postcode, /^[1-9][0-9]{3}[ABCDEGHJKLMNPRSTVWXZ]{2}$/);
      assert.ok(!/S[ADS]$/.test(a.postcode), a.postcode);
      const pc4 = Number(a.postcode.slice(0, 4));
      assert.ok(ranges.some(([lo, hi]) => pc4 >= lo && pc4 <= hi), `${code}: ${a.postcode} outside its ranges`);
      assert.match(a.houseNumber, /^[1-9][0-9]*$/);
      const key = `${a.postcode} ${a.houseNumber} ${a.houseNumberAddition ?? ''}`;
      assert.ok(!seen.has(key), `${code}: ${key} twice`);
      seen.add(key);
    }
  }
});

test('residents: unique elfproef BSNs with the prefix, plausible ages and names', () => {
  const pop = generatePopulation(params, 3);
  const m = pop.municipality('GM0599');
  assert.ok(m !== undefined);
  const bsns = new Set<string>();
  let prefixed = 0;
  let diacritics = 0;
  let owners = 0;
  const n = 30_000;
  for (let i = 0; i < n; i++) {
    const h: Household = m.household((i * 7919) % m.householdCount);
    if (h.tenure === 'owner') owners++;
    assert.equal(h.residents.length, h.size);
    assert.equal(h.residents[0]?.role, 'head');
    assert.ok((h.residents[0]?.age ?? 0) >= 18);
    for (const r of h.residents) {
      assert.ok(passesElfproef(r.bsn), r.bsn);
      assert.ok(r.bsn.startsWith(params.bsn.prefix));
      assert.ok(!bsns.has(r.bsn), `BSN ${r.bsn} twice`);
      bsns.add(r.bsn);
      if (r.prefix !== undefined) prefixed++;
      if (/[^\x20-\x7e]/.test(r.givenName + r.surname)) diacritics++;
      if (r.email !== undefined) assert.match(r.email, /^[a-z]+\.[a-z]+[0-9]*@example\.(com|net|org)$/);
      assert.match(r.birthDate, /^\d{4}-\d{2}-\d{2}$/);
    }
  }
  assert.ok(prefixed > 1000, 'surname prefixes occur');
  assert.ok(diacritics > 500, 'diacritics occur');
  // Rotterdam's owner share is 35 % in the parameters.
  assert.ok(Math.abs(owners / n - 0.35) < 0.03, `owner share ${owners / n}`);
});

test('the same seed gives the same household, another seed another one', () => {
  const a = generatePopulation(params, 5).municipality('GM0344')?.household(1234) as Household;
  const b = generatePopulation(params, 5).municipality('GM0344')?.household(1234) as Household;
  const c = generatePopulation(params, 6).municipality('GM0344')?.household(1234) as Household;
  assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
  assert.notDeepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(c)));
  // Residents are built on demand but are part of the household's JSON.
  assert.equal((JSON.parse(JSON.stringify(a)) as { residents: unknown[] }).residents.length, a.size);
});

test('household sizes follow the profile', () => {
  const m = generatePopulation(params, 7).municipality('GM0505');
  assert.ok(m !== undefined);
  const counts = new Map<number, number>();
  for (let i = 0; i < m.householdCount; i++) counts.set(m.household(i).size, (counts.get(m.household(i).size) ?? 0) + 1);
  const profile = params.households.sizeProfiles.national ?? {};
  for (const [size, share] of Object.entries(profile)) {
    assert.ok(Math.abs((counts.get(Number(size)) ?? 0) / m.householdCount - share) < 0.005, `size ${size}`);
  }
});
