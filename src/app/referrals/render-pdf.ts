import PDFDocument from 'pdfkit';
import type { ReferralPayload } from '../../domain/referrals/payload.ts';
import type { ReferralState } from './referral-view.ts';
import { PDF_FONT, pdfText, registerPdfFonts } from '../pdf/pdf-text.ts';

export type PdfLang = 'nl' | 'en';

const TEXT = {
  nl: {
    title: 'Overdracht aan schuldhulpverlening',
    referral: 'Verwijzing',
    case: 'Zaak',
    municipality: 'Gemeente (CBS-code)',
    result: 'Eindresultaat',
    consent: 'Toestemming inwoner',
    consentText: 'gegeven, vastgelegd door {by} op {at}',
    status: 'Status verzending',
    resident: 'Inwoner',
    name: 'Naam',
    address: 'Adres',
    phone: 'Telefoon',
    email: 'E-mail',
    debts: 'Gesignaleerde achterstanden',
    creditor: 'Schuldeiser',
    type: 'Soort',
    date: 'Signaaldatum',
    amount: 'Bedrag',
    unknown: 'niet doorgegeven',
    pending: 'wacht op (nieuwe) poging',
    delivered: 'verzonden op {at}',
    failed: 'mislukt na {n} pogingen',
    footer: 'Alleen gegevens die schuldhulpverlening nodig heeft en die de wet de schuldeiser liet doorgeven. Vertrouwelijk.',
  },
  en: {
    title: 'Hand-off to debt help',
    referral: 'Referral',
    case: 'Case',
    municipality: 'Municipality (CBS code)',
    result: 'End result',
    consent: "Resident's consent",
    consentText: 'given, recorded by {by} on {at}',
    status: 'Delivery status',
    resident: 'Resident',
    name: 'Name',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    debts: 'Signalled arrears',
    creditor: 'Creditor',
    type: 'Kind',
    date: 'Signal date',
    amount: 'Amount',
    unknown: 'not provided',
    pending: 'waiting for a (new) attempt',
    delivered: 'sent on {at}',
    failed: 'failed after {n} attempts',
    footer: 'Only data debt help needs and the law allowed the creditor to provide. Confidential.',
  },
} as const;

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
const MARGIN = 50;

/** A one-page summary of a referral (A4), in the evaluation report's plain style. */
export function renderReferralPdf(p: ReferralPayload, state: ReferralState, lang: PdfLang): Promise<Buffer> {
  const m = TEXT[lang];
  const when = (d: Date | string) => new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d));
  const money = (a: string | null) => (a === null ? m.unknown : new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(Number(a)));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${m.title} - ${m.case} ${p.caseId}`, Author: 'Vroegsignaal' } });
  registerPdfFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const line = (k: string, v: string) => doc.font(PDF_FONT.bold).fontSize(9).text(pdfText(`${k}: `), { continued: true, width }).font(PDF_FONT.regular).text(pdfText(v));
  const heading = (h: string) => doc.moveDown(0.8).font(PDF_FONT.bold).fontSize(12).text(pdfText(h), MARGIN).moveDown(0.3);
  doc.font(PDF_FONT.bold).fontSize(16).text(pdfText(m.title));
  doc.moveDown(0.5);
  line(m.referral, p.referralId);
  line(m.case, p.caseId);
  line(m.municipality, p.municipalityCode);
  line(m.result, p.result);
  line(m.consent, fill(m.consentText, { by: p.consent.recordedBy, at: when(p.consent.recordedAt) }));
  line(m.status, state.status === 'delivered' && state.deliveredAt ? fill(m.delivered, { at: when(state.deliveredAt) }) : state.status === 'failed' ? fill(m.failed, { n: String(state.attempts) }) : m.pending);
  heading(m.resident);
  const a = p.resident.address;
  line(m.name, p.resident.name ?? m.unknown);
  line(m.address, a ? [[a.street, [a.houseNumber, a.houseNumberAddition].filter(Boolean).join(' ')].filter(Boolean).join(' '), [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : m.unknown);
  line(m.phone, p.resident.phone ?? m.unknown);
  line(m.email, p.resident.email ?? m.unknown);
  heading(m.debts);
  const widths = [width * 0.35, width * 0.25, width * 0.2, width * 0.2];
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c), { width: widths[i]! - 4 }))) + 4;
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(pdfText(c), x + 2, y + 2, { width: widths[i]! - 4, align: i === 3 ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row([m.creditor, m.type, m.date, m.amount], true);
  for (const d of p.debts) row([d.creditor, d.partnerType, d.signalDate, money(d.amount)], false);
  doc.moveDown(1.5).font(PDF_FONT.italic).fontSize(8).text(pdfText(m.footer), MARGIN, doc.y, { width });
  doc.end();
  return done;
}
