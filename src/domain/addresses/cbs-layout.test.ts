import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCbsHeader, parseCbsLine } from './cbs-layout.ts';
import { readCbsRowBytes, type CbsRowBytes } from './cbs-bytes.ts';

describe('the CBS address table layout', () => {
  it('accepts the header of any year, quoted or not, and says what it expects otherwise', () => {
    assert.deepEqual(parseCbsHeader('PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024'), { year: 2024 });
    assert.deepEqual(parseCbsHeader('\uFEFF"PC6";"Huisnummer";"Buurt2023";"Wijk2023";"Gemeente2023"\r'), { year: 2023 });
    const wrongYear = parseCbsHeader('PC6;Huisnummer;Buurt2024;Wijk2023;Gemeente2024');
    assert.ok('error' in wrongYear && wrongYear.error.includes('PC6;Huisnummer;Buurt<jaar>'));
    const commas = parseCbsHeader('PC6,Huisnummer,Buurt2024,Wijk2024,Gemeente2024');
    assert.ok('error' in commas && commas.error.startsWith('1 column(s)'));
  });

  it('reads a line in every notation CBS used, and gives a reason for a line it refuses', () => {
    const row = { postcode: '1011AB', houseNumber: 12, neighbourhood: 3630000, district: 36300, municipality: 363 };
    assert.deepEqual(parseCbsLine('1011AB;12;3630000;36300;363'), row);
    assert.deepEqual(parseCbsLine('"1011 ab";"12";"BU03630000";"WK036300";"GM0363"\r'), row);
    assert.match((parseCbsLine('1011A;12;3630000;36300;363') as { reason: string }).reason, /postcode '1011A'/);
    assert.match((parseCbsLine('1011AB;0;3630000;36300;363') as { reason: string }).reason, /house number '0'/);
    assert.match((parseCbsLine('1011AB;12;3630000;36300') as { reason: string }).reason, /4 column/);
    assert.match((parseCbsLine('1011AB;12;3440000;36300;363') as { reason: string }).reason, /do not nest/);
  });

  it('reads the common line from bytes exactly as from text, and leaves every other notation to the text parser', () => {
    const out: CbsRowBytes = { postcodeAt: 0, houseNumber: 0, neighbourhood: 0, district: 0, municipality: 0 };
    const ok = Buffer.from('x\n9999ZZ;99999;199209;1993;19\n');
    assert.equal(readCbsRowBytes(ok, 2, ok.length - 1, out), false, 'codes that do not nest');
    const line = Buffer.from('1011AB;12;3630000;36300;363');
    assert.equal(readCbsRowBytes(line, 0, line.length, out), true);
    assert.deepEqual(out, { postcodeAt: 0, houseNumber: 12, neighbourhood: 3630000, district: 36300, municipality: 363 });
    for (const other of ['"1011AB";12;3630000;36300;363', '1011 AB;12;3630000;36300;363', '1011ab;12;3630000;36300;363', '1011AB;12;BU03630000;WK036300;GM0363', '1011AB;12;3630000;36300;363;x'])
      assert.equal(readCbsRowBytes(Buffer.from(other), 0, other.length, out), false, other);
  });
});
