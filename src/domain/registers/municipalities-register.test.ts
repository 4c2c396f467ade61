import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleFiles } from '../../app/rules/load-rule-files.ts';
import type { Municipality } from './registers.ts';

/**
 * Checks the municipality register (rules/registers/municipalities.yaml) against the CBS counts:
 * it must hold every municipality that existed on or after 2021-01-01, so that a standard signal
 * (designated for all municipalities) is never refused for an unknown code.
 */

const { regulations, registers } = loadRuleFiles();
const list: readonly Municipality[] = registers.municipalities;
const byCode = new Map(list.map((m) => [m.code, m]));

function existsOn(m: Municipality, day: string): boolean {
  return (m.valid_from === null || m.valid_from <= day) && (m.valid_until === null || day <= m.valid_until);
}

function countOn(day: string): number {
  return list.filter((m) => existsOn(m, day)).length;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('the register has the CBS number of municipalities on each date', () => {
  assert.equal(countOn('2021-01-01'), 352); // Eemsdelta formed; Haaren divided
  assert.equal(countOn('2021-12-31'), 352);
  assert.equal(countOn('2022-01-01'), 345); // Dijk en Waard, Maashorst, Land van Cuijk; Beemster into Purmerend
  assert.equal(countOn('2022-03-23'), 345);
  assert.equal(countOn('2022-03-24'), 344); // Weesp into Amsterdam
  assert.equal(countOn('2023-01-01'), 342); // Voorne aan Zee
  assert.equal(countOn('2024-01-01'), 342);
  assert.equal(countOn('2025-01-01'), 342);
  assert.equal(countOn('2026-11-23'), 342);
  assert.equal(list.length, 356);
});

test('codes and names are unique', () => {
  assert.equal(byCode.size, list.length);
  assert.equal(new Set(list.map((m) => m.name)).size, list.length);
});

test('every municipality that ended merged into one that exists the next day', () => {
  const ended = list.filter((m) => m.valid_until !== null);
  assert.equal(ended.length, 14);
  for (const m of ended) {
    assert.ok(m.successor !== undefined, `${m.code} ${m.name} ended without a successor`);
    const next = byCode.get(m.successor);
    assert.ok(next !== undefined, `${m.code}: successor ${m.successor} is not in the register`);
    assert.ok(existsOn(next, nextDay(m.valid_until!)), `${m.code}: successor ${m.successor} does not exist on ${nextDay(m.valid_until!)}`);
  }
  for (const m of list) if (m.valid_until === null) assert.equal(m.successor, undefined, `${m.code} still exists but names a successor`);
});

test('known codes and mergers', () => {
  const expect: Array<[string, string, string | null, string | null, string?]> = [
    ['GM0014', 'Groningen', null, null],
    ['GM0034', 'Almere', null, null],
    ['GM0370', 'Beemster', null, '2021-12-31', 'GM0439'],
    ['GM0457', 'Weesp', null, '2022-03-23', 'GM0363'],
    ['GM0398', 'Heerhugowaard', null, '2021-12-31', 'GM1980'],
    ['GM0416', 'Langedijk', null, '2021-12-31', 'GM1980'],
    ['GM1685', 'Landerd', null, '2021-12-31', 'GM1991'],
    ['GM0856', 'Uden', null, '2021-12-31', 'GM1991'],
    ['GM0756', 'Boxmeer', null, '2021-12-31', 'GM1982'],
    ['GM1684', 'Cuijk', null, '2021-12-31', 'GM1982'],
    ['GM0786', 'Grave', null, '2021-12-31', 'GM1982'],
    ['GM0815', 'Mill en Sint Hubert', null, '2021-12-31', 'GM1982'],
    ['GM1702', 'Sint Anthonis', null, '2021-12-31', 'GM1982'],
    ['GM0501', 'Brielle', null, '2022-12-31', 'GM1992'],
    ['GM0530', 'Hellevoetsluis', null, '2022-12-31', 'GM1992'],
    ['GM0614', 'Westvoorne', null, '2022-12-31', 'GM1992'],
    ['GM1979', 'Eemsdelta', '2021-01-01', null],
    ['GM1980', 'Dijk en Waard', '2022-01-01', null],
    ['GM1982', 'Land van Cuijk', '2022-01-01', null],
    ['GM1991', 'Maashorst', '2022-01-01', null],
    ['GM1992', 'Voorne aan Zee', '2023-01-01', null],
  ];
  for (const [code, name, from, until, successor] of expect) {
    const m = byCode.get(code);
    assert.ok(m, `${code} missing`);
    assert.equal(m.name, name);
    assert.equal(m.valid_from, from, `${code} valid_from`);
    assert.equal(m.valid_until, until, `${code} valid_until`);
    assert.equal(m.successor, successor, `${code} successor`);
  }
  // Ended before 2021-01-01: not listed.
  for (const code of ['GM0003', 'GM0010', 'GM0024', 'GM0788']) assert.equal(byCode.get(code), undefined, code);
});

test('every municipality designated in a regulation exists during that version', () => {
  for (const v of regulations) {
    for (const r of v.rules) {
      for (const code of r.municipalities.codes ?? []) {
        const m = byCode.get(code);
        assert.ok(m, `${v.id}/${v.valid_from} ${r.id}: ${code} not in the register`);
        assert.ok(existsOn(m, v.valid_from), `${v.id}/${v.valid_from} ${r.id}: ${code} does not exist on ${v.valid_from}`);
      }
    }
  }
});
