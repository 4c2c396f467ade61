/**
 * Encodes signals as batch-CSV lines straight into a byte buffer, without building a string per
 * line. At millions of rows the string route (a template of 28 cells, then UTF-8 encoding) spent
 * more time building and collecting strings than generating the signals; writing the bytes
 * directly is several times faster. The bytes are identical to Buffer.from(signalToCsvLine(s)).
 */
import type { SignalInput } from '../signals/signal.ts';

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CR = 13;
const SEMICOLON = 59;
const EQUALS = 61;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;

/** Longest line a signal can give, in bytes: the caller keeps at least this much room free. */
export const MAX_LINE_BYTES = 16 * 1024;

export class CsvLineEncoder {
  /** Next free byte. */
  offset = 0;

  constructor(public buffer: Uint8Array) {}

  /** Starts filling a new buffer (the previous one is handed to the stream and must stay intact). */
  reset(buffer: Uint8Array): void {
    this.buffer = buffer;
    this.offset = 0;
  }

  /** Appends one line; the caller ensures MAX_LINE_BYTES of room. */
  writeSignal(s: SignalInput): void {
    const p = s.person;
    const a = s.address;
    const sc = s.socialCollection;
    this.cell(s.reference);
    this.comma();
    this.cell(s.signalType);
    this.comma();
    this.cell(s.signalDate);
    this.comma();
    this.cell(s.municipalityCode);
    this.comma();
    this.cell(s.onBehalfOf);
    this.comma();
    if (typeof s.amount === 'number') this.euros(s.amount);
    else this.cell(s.amount);
    this.comma();
    this.components(s.components);
    this.comma();
    this.cell(s.arrearStartDate);
    this.comma();
    this.cell(s.bsn);
    this.comma();
    this.cell(p?.initials);
    this.comma();
    this.cell(p?.givenName);
    this.comma();
    this.cell(p?.prefix);
    this.comma();
    this.cell(p?.surname);
    this.comma();
    this.cell(a?.street);
    this.comma();
    this.cell(a?.houseNumber);
    this.comma();
    this.cell(a?.houseNumberAddition);
    this.comma();
    this.cell(a?.postcode);
    this.comma();
    this.cell(a?.city);
    this.comma();
    this.cell(s.phone);
    this.comma();
    this.cell(s.email);
    this.comma();
    this.cell(s.customerNumber);
    this.comma();
    this.cell(s.birthDate);
    this.comma();
    this.flag(s.crisis);
    this.comma();
    this.cell(sc?.personalContactAttemptedOn);
    this.comma();
    this.cell(sc?.debtAssistanceReferredOn);
    this.comma();
    this.cell(sc?.reminderSentOn);
    this.comma();
    this.flag(sc?.agreementOfferedInReminder);
    this.comma();
    this.cell(sc?.residentResponse);
    this.buffer[this.offset++] = NEWLINE;
  }

  /** Plain ASCII text (the header line). */
  writeAscii(text: string): void {
    for (let i = 0; i < text.length; i++) this.buffer[this.offset++] = text.charCodeAt(i);
  }

  private comma(): void {
    this.buffer[this.offset++] = COMMA;
  }

  private flag(v: boolean | undefined): void {
    if (v === undefined) return;
    const b = this.buffer;
    if (v) {
      b[this.offset++] = 106; // j
      b[this.offset++] = 97; // a
    } else {
      b[this.offset++] = 110; // n
      b[this.offset++] = 101; // e
      b[this.offset++] = 101; // e
    }
  }

  /** A text cell: copied as UTF-8; rewritten quoted if it holds a comma, quote or line break. */
  private cell(v: string | undefined): void {
    if (v === undefined || v.length === 0) return;
    const start = this.offset;
    if (this.utf8(v, false)) return;
    this.offset = start;
    this.buffer[this.offset++] = QUOTE;
    this.utf8(v, true);
    this.buffer[this.offset++] = QUOTE;
  }

  /**
   * Writes v as UTF-8. Without `quoted`, stops and returns false at the first character that
   * needs quoting; with it, doubles quotes and writes everything.
   */
  private utf8(v: string, quoted: boolean): boolean {
    const b = this.buffer;
    let o = this.offset;
    for (let i = 0; i < v.length; i++) {
      let c = v.charCodeAt(i);
      if (c < 0x80) {
        if (c === COMMA || c === QUOTE || c === NEWLINE || c === CR) {
          if (!quoted) return false;
          if (c === QUOTE) b[o++] = QUOTE;
        }
        b[o++] = c;
      } else if (c < 0x800) {
        b[o++] = 0xc0 | (c >> 6);
        b[o++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
          const lo = v.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            i++;
            b[o++] = 0xf0 | (c >> 18);
            b[o++] = 0x80 | ((c >> 12) & 0x3f);
            b[o++] = 0x80 | ((c >> 6) & 0x3f);
            b[o++] = 0x80 | (c & 0x3f);
            continue;
          }
        }
        // A lone surrogate becomes U+FFFD, as Buffer.from does.
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        b[o++] = 0xe0 | (c >> 12);
        b[o++] = 0x80 | ((c >> 6) & 0x3f);
        b[o++] = 0x80 | (c & 0x3f);
      }
    }
    this.offset = o;
    return true;
  }

  /** Euros with two decimals ('812.50'), written digit by digit. */
  private euros(v: number): void {
    const b = this.buffer;
    let cents = Math.round(v * 100);
    if (cents < 0) {
      b[this.offset++] = MINUS;
      cents = -cents;
    }
    const frac = cents % 100;
    let whole = (cents - frac) / 100;
    // Digits of the whole part, most significant first.
    let div = 1;
    while (div * 10 <= whole) div *= 10;
    while (div >= 1) {
      const d = Math.floor(whole / div);
      b[this.offset++] = ZERO + d;
      whole -= d * div;
      div /= 10;
    }
    b[this.offset++] = DOT;
    b[this.offset++] = ZERO + Math.floor(frac / 10);
    b[this.offset++] = ZERO + (frac % 10);
  }

  /** 'municipal_tax=250.00;parking_fine=90.00', quoted as a whole if a value needs it. */
  private components(c: Record<string, string | number> | undefined): void {
    if (c === undefined) return;
    const start = this.offset;
    let first = true;
    let plain = true;
    for (const k in c) {
      if (!first) this.buffer[this.offset++] = SEMICOLON;
      first = false;
      const v = c[k] as string | number;
      plain = this.utf8(k, false) && plain;
      if (!plain) break;
      this.buffer[this.offset++] = EQUALS;
      if (typeof v === 'number') this.euros(v);
      else if (!this.utf8(v, false)) {
        plain = false;
        break;
      }
    }
    if (plain) return;
    // Rare: a component name or value with a comma or quote. Write the whole cell quoted.
    this.offset = start;
    let text = '';
    for (const k in c) {
      const v = c[k] as string | number;
      text += `${text === '' ? '' : ';'}${k}=${typeof v === 'number' ? eurosText(v) : v}`;
    }
    this.buffer[this.offset++] = QUOTE;
    this.utf8(text, true);
    this.buffer[this.offset++] = QUOTE;
  }
}

/** The same euro format as text (for the rare quoted components cell). */
export function eurosText(v: number): string {
  const cents = Math.round(v * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const c = abs % 100;
  return `${sign}${(abs - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}
