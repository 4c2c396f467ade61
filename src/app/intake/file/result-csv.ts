import type { Citation } from '../../../domain/rules/judgement.ts';
import { formatCitation } from '../../../domain/rules/format-citation.ts';
import { neutraliseCell } from '../../../domain/csv-cell.ts';
import { textIn, type LocalizedText } from '../../../domain/i18n/index.ts';

/** The per-row result file a sender downloads after a batch (or gets back from a dry run). */
export const RESULT_COLUMNS = [
  'row',
  'reference',
  'outcome',
  'signal_id',
  'regulation_version',
  'codes',
  'fields',
  'articles',
  'message',
] as const;

export interface ResultLine {
  row: number;
  reference: string | null;
  outcome: string;
  signalId: string | null;
  regulationVersion: string | null;
  refusals: ReadonlyArray<{ code: string; field?: string | undefined; citation?: Citation | undefined; message: LocalizedText }>;
}

function cite(c: Citation): string {
  return formatCitation(c);
}

// RFC 4180 quoting, written out: a results file has a million lines, and csv-stringify spends ~10 µs
// on each (the sync API builds and parses options per call); this is what it would write.
// Every text cell is neutralised first: a reference like `=HYPERLINK(…)` must not run in a spreadsheet.
const NEEDS_QUOTES = /[",\r\n]/;
const field = (raw: string) => {
  const v = neutraliseCell(raw);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

export function resultHeader(): string {
  return `${RESULT_COLUMNS.join(',')}\n`;
}

export function resultCsvLines(lines: readonly ResultLine[], lang: 'nl' | 'en'): string {
  let out = '';
  for (const l of lines) {
    const head = `${l.row},${field(l.reference ?? '')},${l.outcome},${l.signalId ?? ''},${field(l.regulationVersion ?? '')}`;
    if (l.refusals.length === 0) {
      out += `${head},,,,\n`;
      continue;
    }
    const codes = l.refusals.map((r) => r.code).join(' ');
    const fields = l.refusals.map((r) => r.field ?? '').filter(Boolean).join(' ');
    const articles = l.refusals.map((r) => (r.citation ? cite(r.citation) : '')).filter(Boolean).join('; ');
    const message = l.refusals.map((r) => textIn(r.message, lang)).join(' ');
    out += `${head},${field(codes)},${field(fields)},${field(articles)},${field(message)}\n`;
  }
  return out;
}
