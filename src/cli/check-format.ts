import type { FileReading } from '../app/intake/file/read-batch-file.ts';
import { formatCitation } from '../domain/rules/format-citation.ts';
import type { Judgement, Refusal } from '../domain/rules/judgement.ts';
import { defineMessages, textIn, type Locale, type LocalizedText } from '../domain/i18n/index.ts';

/** How `check` prints a judgement: readable text in Dutch or English, or one JSON object per line. */

export type Lang = Locale;

export const checkMessages = defineMessages({
  nl: {
    line: 'regel',
    accepted: 'toegestaan',
    refused: 'geweigerd',
    inputError: 'invoerfout',
    basis: 'grondslag',
    rule: 'regel',
    unreadable: 'onleesbaar',
    readJsonl: 'Gelezen als JSON Lines (UTF-8).',
    readCsv: "Gelezen als CSV, scheidingsteken '{delimiter}', codering {encoding}{bom}{notation}.",
    withBom: ', met byte order mark',
    dutchNotation: ', Nederlandse notatie (komma als decimaalteken, datums als d-m-jjjj)',
    summary: '{total} signalen: {accepted} toegestaan, {refused} geweigerd ({withInputErrors} met invoerfouten), {unreadable} onleesbaar. Er is niets opgeslagen.',
  },
  en: {
    line: 'line',
    accepted: 'accepted',
    refused: 'refused',
    inputError: 'input error',
    basis: 'basis',
    rule: 'rule',
    unreadable: 'unreadable',
    readJsonl: 'Read as JSON Lines (UTF-8).',
    readCsv: "Read as CSV, separator '{delimiter}', encoding {encoding}{bom}{notation}.",
    withBom: ', with byte order mark',
    dutchNotation: ', Dutch notation (decimal comma, dates as d-m-yyyy)',
    summary: '{total} signals: {accepted} accepted, {refused} refused ({withInputErrors} with input errors), {unreadable} unreadable. Nothing was stored.',
  },
});

/** How the file was read: "Gelezen als CSV, scheidingsteken ';', codering windows-1252, Nederlandse notatie". */
export function formatReading(r: FileReading, lang: Lang): string {
  const t = checkMessages(lang);
  if (r.format !== 'csv') return t('readJsonl');
  const bom = r.byteOrderMark ? t('withBom') : '';
  const notation = r.notation === 'nl' ? t('dutchNotation') : '';
  return t('readCsv', { delimiter: r.delimiter ?? ',', encoding: r.encoding, bom, notation });
}

function formatRefusal(r: Refusal, lang: Lang): string {
  const tags = [r.code, ...(r.inputError ? [checkMessages(lang)('inputError')] : [])].join(', ');
  const where = r.field === undefined ? '' : ` ${r.field}:`;
  const cite = r.citation === undefined ? '' : `\n        ${formatCitation(r.citation, lang)} — ${r.citation.url}`;
  return `    - [${tags}]${where} ${textIn(r.message, lang)}${cite}`;
}

export function formatHuman(line: number, reference: string, signalType: string, j: Judgement, lang: Lang): string {
  const t = checkMessages(lang);
  const w = { line: t('line'), accepted: t('accepted'), refused: t('refused'), basis: t('basis'), rule: t('rule') };
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

export function formatUnreadable(line: number, error: LocalizedText, lang: Lang): string {
  const t = checkMessages(lang);
  return `✘ ${t('line')} ${line} → ${t('unreadable')}\n    ${textIn(error, lang)}`;
}

export interface Tally {
  total: number;
  accepted: number;
  refused: number;
  withInputErrors: number;
  unreadable: number;
}

export function formatSummary(t: Tally, lang: Lang): string {
  return checkMessages(lang)('summary', { ...t });
}
