import { useWeb } from '../../web-context.ts';
import type { ChartData } from './charts.ts';
import { dashboardMessages } from './messages.ts';

/** JSON that can sit inside a <script> element: no "</script>" or "<!--" can close it early. */
const scriptSafe = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');

/**
 * A chart: a canvas that /assets/web/dashboard-charts.js draws with Chart.js from the JSON block
 * beside it (data, never code: CSP script-src 'self'). The canvas is a labelled image; the table
 * under it carries the same figures for screen readers and for readers without JavaScript.
 */
export function ChartFigure({ id, title, data }: { id: string; title: string; data: ChartData }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  return (
    <div className="vs-chart">
      <div className={`vs-chart__box${data.horizontal ? ' vs-chart__box--tall' : ''}`}>
        <canvas id={id} data-chart={`${id}-data`} role="img" aria-label={t(data.line ? 'chartLineLabel' : 'chartLabel', { title })}>
          {t('chartFallback')}
        </canvas>
      </div>
      <script type="application/json" id={`${id}-data`} dangerouslySetInnerHTML={{ __html: scriptSafe(data) }} />
    </div>
  );
}
