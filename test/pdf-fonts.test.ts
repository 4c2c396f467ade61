import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, type Writable } from 'node:stream';
import { writeLettersPdf, type LetterPage } from '../src/app/outreach/render-letters-pdf.ts';
import { renderReferralPdf } from '../src/app/referrals/render-pdf.ts';
import { writeAccessAnswerPdf } from '../src/app/privacy/render-access-pdf.ts';
import type { ReferralPayload } from '../src/domain/referrals/payload.ts';
import { pdfTextOf } from './helpers/pdf-text.ts';

// Names as the population register spells them: Turkish, Polish and Hungarian letters outside
// Latin-1, which pdfkit's built-in fonts print as '?'.
const NAME = 'Şükrü Łukasz Ğüzel-Kőrösi';
const STREET = 'Çağlayan Straße';

async function collect(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

/** The PDF embeds Noto Sans (a subset) and uses no built-in font. */
function assertEmbedsNotoSans(pdf: Buffer): void {
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/FontFile2 \d+ 0 R/, 'a TrueType font file is embedded');
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSans/, 'the embedded font is a Noto Sans subset');
  assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/, 'no built-in (WinAnsi-only) font');
}

describe('PDFs print names outside Latin-1 (embedded Noto Sans)', () => {
  it('a letter carries the resident name and street as written, not as question marks', async () => {
    const letter: LetterPage = { sender: 'Gemeente Amsterdam', addressLines: [NAME, `${STREET} 12`, '1011 AB Amsterdam'], date: '5 december 2026', subject: 'Wij willen u graag helpen', body: `Beste ${NAME},\n\nWe nemen contact met u op.` };
    const pdf = await collect((out) => writeLettersPdf((async function* () { yield letter; yield letter; })(), out, { title: 'Brieven' }));
    const text = pdfTextOf(pdf);
    assert.ok(text.includes(NAME), `name in the window: ${text}`);
    assert.ok(text.includes(`${STREET} 12`));
    assert.ok(text.includes(`Beste ${NAME},`));
    assert.doesNotMatch(text, /\?/);
    assertEmbedsNotoSans(pdf);
    // Sender and subject fit the Latin-1 cut (bold), the date too (regular); name, address and body
    // need the full regular face: three subsets for the whole run, not one per letter.
    assert.equal((pdf.toString('latin1').match(/\/FontFile2/g) ?? []).length, 3);
  });

  it('a line with a sign the Latin-1 cut lacks is drawn in the full font, not as an empty box', async () => {
    // U+2030 (per mille) is in the full font only; "–" is in both.
    const subject = 'Uw betaling – nog open: € 120 (3 ‰ rente)';
    const letter: LetterPage = { sender: 'Gemeente Amsterdam', addressLines: ['J. de Vries', 'Dorpsstraat 1', '1011 AB Amsterdam'], date: '5 december 2026', subject, body: 'Beste J. de Vries,' };
    const pdf = await collect((out) => writeLettersPdf((async function* () { yield letter; })(), out, { title: 'Brieven' }));
    const text = pdfTextOf(pdf);
    assert.ok(text.includes(subject), text);
    assert.ok(!text.includes(String.fromCharCode(0)) && !text.includes("\ufffd"), "no glyph missing");
  });

  it('the referral summary carries the name and address as written', async () => {
    const payload: ReferralPayload = {
      version: 1,
      referralId: '00000000-0000-4000-8000-000000000001',
      createdAt: '2026-12-05T10:00:00Z',
      municipalityCode: 'GM0363',
      caseId: '42',
      result: 'Vervolghulp en/of verwijzing financieel',
      consent: { given: true, recordedAt: '2026-12-05T10:00:00Z', recordedBy: 'Ayşe Demir' },
      resident: { name: NAME, address: { street: STREET, houseNumber: '12', houseNumberAddition: null, postcode: '1011 AB', city: 'Amsterdam' }, phone: null, email: null },
      debts: [{ creditor: 'Woonstichting Łódź', signalType: 'rent', partnerType: 'Huur', signalDate: '2026-11-01', amount: '812.50' }],
    };
    const at = new Date('2026-12-05T10:00:00Z');
    const pdf = await renderReferralPdf(payload, { status: 'delivered', attempts: 1, nextAttemptAt: null, lastAttemptAt: at, deliveredAt: at, consentAt: at, consentBy: 'Ayşe Demir' }, 'nl');
    const text = pdfTextOf(pdf);
    for (const s of [NAME, STREET, 'Woonstichting Łódź', 'Ayşe Demir']) assert.ok(text.includes(s), `${s} in: ${text}`);
    assertEmbedsNotoSans(pdf);
  });

  it('the answer to an access request carries the name as written', async () => {
    const pdf = await collect((out) =>
      writeAccessAnswerPdf({ lang: 'nl', title: 'Antwoord op uw inzageverzoek', intro: [`Beste ${NAME},`], sections: [{ heading: 'Uw gegevens', paragraphs: [], facts: [{ title: 'Signaal', items: [['Naam', NAME], ['Adres', STREET]] }] }] }, out),
    );
    const text = pdfTextOf(pdf);
    assert.ok(text.includes(`Beste ${NAME},`), text);
    assert.ok(text.includes(STREET));
    assertEmbedsNotoSans(pdf);
  });
});
