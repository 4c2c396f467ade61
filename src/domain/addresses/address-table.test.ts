import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AddressTables, type AddressTableData } from './address-table.ts';
import { pc6Index } from './postcode-index.ts';

function version(id: number, validFrom: string, postcodes: Array<[string, number]>, border: Array<[string, number, number]> = []): AddressTableData {
  const pcs = postcodes.map(([p, m]) => [pc6Index(p), m] as const).sort((a, b) => a[0] - b[0]);
  const bs = border.map(([p, h, m]) => [pc6Index(p) * 100000 + h, m] as const).sort((a, b) => a[0] - b[0]);
  return {
    id,
    validFrom,
    postcodes: Int32Array.from(pcs.map((x) => x[0])),
    municipalities: Uint16Array.from(pcs.map((x) => x[1])),
    borderKeys: Float64Array.from(bs.map((x) => x[0])),
    borderMunicipalities: Uint16Array.from(bs.map((x) => x[1])),
  };
}

describe('placing an address by the address table', () => {
  const tables = new AddressTables([
    version(2, '2022-01-01', [['1461AA', 439], ['1462AB', 439], ['3011AA', 599], ['3011AB', 0], ['3012AA', 599]], [['3011AB', 1, 599], ['3011AB', 2, 606]]),
    version(1, '2021-01-01', [['1461AA', 370], ['1462AB', 370]]),
  ]);

  it('uses the version in force on the date, and the oldest before the first', () => {
    assert.equal(tables.versionOn('2021-06-01')?.place('1461AA', '1').municipality, 'GM0370');
    assert.equal(tables.versionOn('2022-06-01')?.place('1461AA', '1').municipality, 'GM0439');
    assert.equal(tables.versionOn('2019-06-01')?.data.id, 1);
  });

  it('places by postcode, then by house number on a border, then by the four-digit area (marked)', () => {
    const t = tables.versionOn('2023-01-01')!;
    assert.deepEqual(t.place('3012AA', '5'), { municipality: 'GM0599', by: 'address', version: '2022-01-01' });
    assert.equal(t.place('3011AB', '2-hoog').municipality, 'GM0606');
    assert.deepEqual(t.place('3011AB', '7'), { unplaced: 'house-number-unknown', version: '2022-01-01' });
    assert.deepEqual(t.place('1461ZZ', '1'), { municipality: 'GM0439', by: 'postcode-area', version: '2022-01-01' });
    assert.deepEqual(t.place('3011ZZ', '1'), { unplaced: 'postcode-area-split', version: '2022-01-01' });
    assert.deepEqual(t.place('9999ZZ', '1'), { unplaced: 'postcode-unknown', version: '2022-01-01' });
  });
});
