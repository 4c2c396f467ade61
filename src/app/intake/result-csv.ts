import { stringify } from 'csv-stringify/sync';
import type { Citation } from '../../domain/rules/judgement.ts';

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
  refusals: ReadonlyArray<{ code: string; field?: string | undefined; citation?: Citation | undefined; message: { nl: string; en: string } }>;
}

function cite(c: Citation): string {
  return `${c.title} art. ${c.article}${c.paragraph ? ` lid ${c.paragraph}` : ''}${c.item ? ` onder ${c.item}` : ''}`;
}

export function resultHeader(): string {
  return stringify([RESULT_COLUMNS as unknown as string[]]);
}

export function resultCsvLines(lines: readonly ResultLine[], lang: 'nl' | 'en'): string {
  return stringify(
    lines.map((l) => [
      l.row,
      l.reference ?? '',
      l.outcome,
      l.signalId ?? '',
      l.regulationVersion ?? '',
      l.refusals.map((r) => r.code).join(' '),
      l.refusals.map((r) => r.field ?? '').filter(Boolean).join(' '),
      l.refusals.map((r) => (r.citation ? cite(r.citation) : '')).filter(Boolean).join('; '),
      l.refusals.map((r) => r.message[lang]).join(' '),
    ]),
  );
}
