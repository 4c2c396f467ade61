import type { FileReading } from '../app/intake/file/read-batch-file.ts';
import { formatCitation } from '../domain/rules/format-citation.ts';
import type { Judgement, Refusal } from '../domain/rules/judgement.ts';

/** How `check` prints a judgement: readable text in Dutch or English, or one JSON object per line. */

export type Lang = 'nl' | 'en';

const WORDS = {
  nl: { line: 'regel', accepted: 'toegestaan', refused: 'geweigerd', inputError: 'invoerfout', basis: 'grondslag', rule: 'regel', unreadable: 'onleesbaar' },
  en: { line: 'line', accepted: 'accepted', refused: 'refused', inputError: 'input error', basis: 'basis', rule: 'rule', unreadable: 'unreadable' },
} as const;

/** How the file was read: "Gelezen als CSV, scheidingsteken ';', codering windows-1252, Nederlandse notatie". */
export function formatReading(r: FileReading, lang: Lang): string {
  if (r.format !== 'csv') return lang === 'nl' ? 'Gelezen als JSON Lines (UTF-8).' : 'Read as JSON Lines (UTF-8).';
  const bom = r.byteOrderMark ? (lang === 'nl' ? ', met byte order mark' : ', with byte order mark') : '';
  const notation =
    r.notation === 'nl'
      ? lang === 'nl'
        ? ', Nederlandse notatie (komma als decimaalteken, datums als d-m-jjjj)'
        : ', Dutch notation (decimal comma, dates as d-m-yyyy)'
      : '';
  return lang === 'nl'
    ? `Gelezen als CSV, scheidingsteken '${r.delimiter ?? ','}', codering ${r.encoding}${bom}${notation}.`
    : `Read as CSV, separator '${r.delimiter ?? ','}', encoding ${r.encoding}${bom}${notation}.`;
}

function formatRefusal(r: Refusal, lang: Lang): string {
  const tags = [r.code, ...(r.inputError ? [WORDS[lang].inputError] : [])].join(', ');
  const where = r.field === undefined ? '' : ` ${r.field}:`;
  const cite = r.citation === undefined ? '' : `\n        ${formatCitation(r.citation, lang)} — ${r.citation.url}`;
  return `    - [${tags}]${where} ${r.message[lang]}${cite}`;
}

export function formatHuman(line: number, reference: string, signalType: string, j: Judgement, lang: Lang): string {
  const w = WORDS[lang];
  const mark = j.decision === 'accepted' ? '✔' : '✘';
  const head = `${mark} ${w.line} ${line} · ${reference || '—'} · ${signalType || '—'} → ${j.decision === 'accepted' ? w.accepted : w.refused}`;
  const lines = [head];
  if (j.regulationVersion !== undefined) lines.push(`    ${j.regulationVersion}${j.ruleId === undefined ? '' : `, ${w.rule} ${j.ruleId}`}`);
  if (j.decision === 'accepted') {
    lines.push(`    ${w.basis}:`);
    for (const c of j.applied) lines.push(`      ${formatCitation(c, lang)} — ${c.url}`);
  } else {
    for (const r of j.refusals) lines.push(formatRefusal(r, lang));
  }
  return lines.join('\n');
}

export function formatUnreadable(line: number, error: { nl: string; en: string }, lang: Lang): string {
  return `✘ ${WORDS[lang].line} ${line} → ${WORDS[lang].unreadable}\n    ${error[lang]}`;
}

export interface Tally {
  total: number;
  accepted: number;
  refused: number;
  withInputErrors: number;
  unreadable: number;
}

export function formatSummary(t: Tally, lang: Lang): string {
  if (lang === 'nl') {
    return `${t.total} signalen: ${t.accepted} toegestaan, ${t.refused} geweigerd (${t.withInputErrors} met invoerfouten), ${t.unreadable} onleesbaar. Er is niets opgeslagen.`;
  }
  return `${t.total} signals: ${t.accepted} accepted, ${t.refused} refused (${t.withInputErrors} with input errors), ${t.unreadable} unreadable. Nothing was stored.`;
}
