/**
 * The layout of the CBS table "Buurt, wijk en gemeente <jaar> voor postcode huisnummer" (file
 * pc6hnr<jjjjmmdd>_gwb.csv in CBS's yearly download): semicolon-separated, one header line
 *
 *   PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024
 *
 * then one line per address: postcode without space, house number (number part only), and the CBS
 * codes of the neighbourhood (buurt, 8 digits: municipality, district, neighbourhood number), the
 * district (wijk, 6 digits) and the municipality (4 digits), as numbers (leading zeros dropped) or
 * with their prefix (BU03630000, WK036300, GM0363). Values may be in double quotes.
 */
export interface CbsAddressRow {
  postcode: string;
  houseNumber: number;
  neighbourhood: number;
  district: number;
  municipality: number;
}

const EXPECTED_HEADER = 'PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>';

const unquote = (v: string) => {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
};

/** The reference year the header names, or why it is not the accepted layout. */
export function parseCbsHeader(line: string): { year: number } | { error: string } {
  const cols = line.replace(/^\uFEFF/, '').replace(/\r$/, '').split(';').map(unquote);
  const shape = `expected the header ${EXPECTED_HEADER} (semicolon-separated), found: ${line.slice(0, 120)}`;
  if (cols.length !== 5) return { error: `${cols.length} column(s); ${shape}` };
  const [pc6, number, buurt, wijk, gemeente] = cols.map((c) => c.toLowerCase()) as [string, string, string, string, string];
  const year = /^buurt(\d{4})$/.exec(buurt)?.[1];
  if (pc6 !== 'pc6' || number !== 'huisnummer' || !year || wijk !== `wijk${year}` || gemeente !== `gemeente${year}`) return { error: shape };
  return { year: Number(year) };
}

const POSTCODE = /^[1-9]\d{3} ?[A-Za-z]{2}$/;

function code(value: string, prefix: string, digits: number): number {
  const v = value.toUpperCase().startsWith(prefix) ? value.slice(2) : value;
  if (v.length === 0 || v.length > digits || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** One data line as a row, or the reason it cannot be stored. */
export function parseCbsLine(line: string): CbsAddressRow | { reason: string } {
  const cols = line.replace(/\r$/, '').split(';');
  if (cols.length !== 5) return { reason: `${cols.length} column(s) instead of 5` };
  const [pc, hn, bu, wk, gm] = cols.map(unquote) as [string, string, string, string, string];
  if (!POSTCODE.test(pc)) return { reason: `postcode '${pc}' is not a Dutch postcode (1234AB)` };
  const houseNumber = /^\d{1,5}$/.test(hn) ? Number(hn) : 0;
  if (houseNumber < 1) return { reason: `house number '${hn}' is not a number from 1 to 99999` };
  const neighbourhood = code(bu, 'BU', 8);
  const district = code(wk, 'WK', 6);
  const municipality = code(gm, 'GM', 4);
  if (neighbourhood < 0) return { reason: `neighbourhood code '${bu}' is not a CBS buurt code (8 digits)` };
  if (district < 0) return { reason: `district code '${wk}' is not a CBS wijk code (6 digits)` };
  if (municipality < 1) return { reason: `municipality code '${gm}' is not a CBS gemeente code (4 digits)` };
  // A CBS buurt code is its wijk code plus two digits, and a wijk code its gemeente code plus two.
  if (Math.floor(neighbourhood / 100) !== district || Math.floor(district / 100) !== municipality)
    return { reason: `codes do not nest: buurt ${bu} should lie in wijk ${wk}, and that in gemeente ${gm}` };
  return { postcode: pc.replace(' ', '').toUpperCase(), houseNumber, neighbourhood, district, municipality };
}
