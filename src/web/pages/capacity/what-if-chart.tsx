import type { WhatIfResult } from '../../../domain/capacity/what-if.ts';
import { formatNumber, type Locale } from '../../i18n/locale.ts';
import { whatIfMessages } from './messages.ts';
import { scenarioLabel } from './what-if-columns.ts';

const COLOURS = ['#1f5fa8', '#b34700', '#3c7d22'];
const LABEL_W = 210;
const BAR_H = 14;
const GAP = 4;
const ROW_GAP = 16;
const TOP = 40;
const WIDTH = 760;

/**
 * The what-if as a horizontal bar chart in plain SVG: per municipality a bar per scenario and a
 * line at the stated capacity. Server-rendered (no script needed) and a labelled image; the table
 * beside it carries the same numbers for screen readers. The CLI writes the same markup to a file.
 */
export function WhatIfChart({ result, locale, id = 'wat-als-grafiek' }: { result: WhatIfResult; locale: Locale; id?: string }) {
  const t = whatIfMessages(locale);
  const k = result.scenarios.length;
  const rowH = k * BAR_H + (k - 1) * GAP + ROW_GAP;
  const height = TOP + result.rows.length * rowH + 10;
  const max = Math.max(1, ...result.rows.flatMap((r) => [...r.cells.map((c) => c.perMonth), r.capacity?.capacityPerMonth ?? 0]));
  const plotW = WIDTH - LABEL_W - 70;
  const x = (v: number) => LABEL_W + (v / max) * plotW;
  const n = (v: number) => formatNumber(locale, Math.round(v));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} className="vs-chart" style={{ maxWidth: `${WIDTH}px` }}>
      <title id={`${id}-title`}>{t('chartTitle')}</title>
      <desc id={`${id}-desc`}>{t('chartDesc')}</desc>
      <g fontFamily="sans-serif" fontSize="12" aria-hidden="true">
        {result.scenarios.map((key, i) => (
          <g key={key} transform={`translate(${LABEL_W + i * 150}, 12)`}>
            <rect width="14" height="14" fill={COLOURS[i % COLOURS.length]} />
            <text x="20" y="12">
              {scenarioLabel(locale, key)}
            </text>
          </g>
        ))}
        <g transform={`translate(${LABEL_W + k * 150}, 12)`}>
          <line x1="7" x2="7" y1="0" y2="14" stroke="#000" strokeWidth="3" />
          <text x="20" y="12">
            {t('capacity')}
          </text>
        </g>
        {result.rows.map((r, row) => {
          const y0 = TOP + row * rowH;
          const cap = r.capacity?.capacityPerMonth;
          return (
            <g key={r.municipalityCode}>
              <text x={LABEL_W - 8} y={y0 + (k * BAR_H + (k - 1) * GAP) / 2 + 4} textAnchor="end">
                {r.name}
              </text>
              {r.cells.map((c, i) => (
                <g key={c.key}>
                  <rect x={LABEL_W} y={y0 + i * (BAR_H + GAP)} width={Math.max(1, x(c.perMonth) - LABEL_W)} height={BAR_H} fill={COLOURS[i % COLOURS.length]} />
                  <text x={x(c.perMonth) + 4} y={y0 + i * (BAR_H + GAP) + 11}>
                    {n(c.perMonth)}
                  </text>
                </g>
              ))}
              {cap === undefined ? (
                <text x={LABEL_W} y={y0 + k * (BAR_H + GAP) + 8} fontStyle="italic" fontSize="10">
                  {t('capacity_missing')}
                </text>
              ) : (
                <line x1={x(cap)} x2={x(cap)} y1={y0 - 3} y2={y0 + k * (BAR_H + GAP)} stroke="#000" strokeWidth="3" />
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
