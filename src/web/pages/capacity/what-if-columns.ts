import { CURRENT } from '../../../domain/capacity/scenarios.ts';
import type { WhatIfCell, WhatIfResult, WhatIfRow } from '../../../domain/capacity/what-if.ts';
import type { Selection } from '../../../domain/capacity/selection.ts';
import { formatNumber, type Locale } from '../../i18n/locale.ts';
import { whatIfMessages } from './messages.ts';

/** One column of the what-if table as text: the web page and the CLI (text and CSV) show the same. */
export interface TextColumn {
  key: string;
  header: string;
  numeric: boolean;
  value(row: WhatIfRow): string;
}

export function scenarioLabel(locale: Locale, key: string): string {
  const t = whatIfMessages(locale);
  return key === CURRENT ? t('current') : t('proposed');
}

function verdictText(locale: Locale, c: WhatIfCell): string {
  const t = whatIfMessages(locale);
  return c.peakOverCapacity ? `${t(c.verdict)} (${t('peakOver')})` : t(c.verdict);
}

export function whatIfColumns(locale: Locale, result: WhatIfResult, opts: { plain?: boolean } = {}): TextColumn[] {
  const t = whatIfMessages(locale);
  const n = (v: number) => (opts.plain ? String(Math.round(v)) : formatNumber(locale, Math.round(v)));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
  const cols: TextColumn[] = [
    { key: 'municipality', header: t('municipality'), numeric: false, value: (r) => `${r.name} (${r.municipalityCode})` },
    { key: 'capacity', header: t('capacity'), numeric: true, value: (r) => (r.capacity ? n(r.capacity.capacityPerMonth) : '—') },
  ];
  result.scenarios.forEach((key, k) => {
    const label = scenarioLabel(locale, key);
    cols.push({ key: `${key}-perMonth`, header: t('perMonth', { label }), numeric: true, value: (r) => n(r.cells[k]!.perMonth) });
  });
  if (result.scenarios.length > 1) cols.push({ key: 'change', header: t('change'), numeric: true, value: (r) => (r.change > 0 ? `+${n(r.change)}` : n(r.change)) });
  // Repeated on several seeds: the lowest and highest run beside the mean.
  if (result.seeds.length > 1)
    result.scenarios.forEach((key, k) => {
      const label = scenarioLabel(locale, key);
      cols.push({
        key: `${key}-interval`,
        header: t('interval', { label: label.toLowerCase() }),
        numeric: true,
        value: (r) => {
          const i = r.cells[k]!.interval;
          return i ? `${n(i.low)}–${n(i.high)}` : '—';
        },
      });
    });
  result.scenarios.forEach((key, k) => {
    const label = scenarioLabel(locale, key);
    const lower = label.toLowerCase();
    cols.push({ key: `${key}-peak`, header: t('peak', { label: lower }), numeric: true, value: (r) => `${n(r.cells[k]!.peakPerMonth)} (${r.cells[k]!.peakMonth})` });
    cols.push({ key: `${key}-utilisation`, header: t('utilisation', { label: lower }), numeric: true, value: (r) => pct(r.cells[k]!.utilisation) });
    cols.push({ key: `${key}-verdict`, header: t('verdict', { label: lower }), numeric: false, value: (r) => verdictText(locale, r.cells[k]!) });
  });
  return cols;
}

export function selectionText(locale: Locale, s: Selection): string {
  const t = whatIfMessages(locale);
  const parts: string[] = [];
  if (s.minAmount) parts.push(t('selectionAmount', { amount: formatNumber(locale, s.minAmount) }));
  if (s.minArrearAgeMonths) parts.push(t('selectionAge', { months: s.minArrearAgeMonths }));
  return parts.length > 0 ? parts.join(', ') : t('selectionNone');
}

/** The notes under the table: missing capacity, forecasts outside the designation, thresholds the model cannot show. */
export function whatIfNotes(locale: Locale, result: WhatIfResult, typeName: (type: string) => string): string[] {
  const t = whatIfMessages(locale);
  const out: string[] = [];
  if (result.withoutCapacity.length > 0) out.push(t('noCapacity', { list: result.withoutCapacity.join(', ') }));
  for (const note of result.notes) {
    if (note.kind === 'not_designated') out.push(t('notDesignated', { type: typeName(note.signalType), list: note.municipalities.join(', ') }));
    else out.push(t('belowModelled', { type: typeName(note.signalType), min: note.modelledMinimum, scenario: scenarioLabel(locale, note.scenario) }));
  }
  return out;
}
