import type { EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { formatCell, money, reportMessages, reportSections, type Lang } from './report-text.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function tableHtml(t: EvaluationTable, lang: Lang): string {
  const head = t.columns.map((c) => `<th scope="col">${esc(textIn(c.label, lang))}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${t.columns.map((c, i) => (i === 0 ? `<th scope="row">${esc(formatCell(r[c.key] ?? null, c, lang))}</th>` : `<td>${esc(formatCell(r[c.key] ?? null, c, lang))}</td>`)).join('')}</tr>`)
    .join('');
  const notes = t.notes.map((n) => `<p class="note">${esc(textIn(n, lang))}</p>`).join('');
  return `<h3>${esc(textIn(t.title, lang))}</h3><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${notes}`;
}

/** The art. 1.3 report as one self-contained HTML page (no external resources), Dutch or English. */
export function renderReportHtml(r: ArticleReport, lang: Lang): string {
  const m = reportMessages(lang);
  const due = r.due.warning ? `<p class="warning" role="alert">${esc(textIn(r.due.warning, lang))}</p>` : '';
  const sections = reportSections(r)
    .map((s) => `<section><h2>${esc(textIn(s.heading, lang))}</h2>${s.tables.map((t) => tableHtml(t, lang)).join('')}</section>`)
    .join('');
  const arms = r.comparisons.length
    ? r.comparisons
        .map((o) => `<h3>${esc(textIn(o.label, lang))}</h3>${o.comparisons.map((c) => `<p>${esc(textIn(c.reading, lang))}</p>${c.warnings.filter((w) => w.nl !== c.reading.nl).map((w) => `<p class="note">${esc(textIn(w, lang))}</p>`).join('')}`).join('')}`)
        .join('')
    : `<p>${esc(m('noArms'))}</p>`;
  const plan = r.preRegistration ? `<h3>${esc(m('preRegistration'))}</h3>${r.preRegistration.map((l) => `<p>${esc(textIn(l, lang))}</p>`).join('')}` : '';
  const costRows = r.costs.lines
    .map((l) => `<tr><th scope="row">${esc(textIn(l.label, lang))}</th><td>${esc(money(l.quantity, lang))}</td><td>${esc(money(l.unitAmount, lang))}</td><td>${l.kind === 'cost' ? '−' : ''}${esc(money(l.amount, lang))}</td></tr>`)
    .join('');
  const costs = `<table><thead><tr><th scope="col">${m('costLine')}</th><th scope="col">${m('quantity')}</th><th scope="col">${m('unit')}</th><th scope="col">${m('amount')}</th></tr></thead><tbody>${costRows}</tbody></table>
<p>${m('totalCosts')}: € ${esc(money(r.costs.totalCosts, lang))} · ${m('totalBenefits')}: € ${esc(money(r.costs.totalBenefits, lang))} · ${m('net')}: € ${esc(money(r.costs.net, lang))}${r.costs.benefitCostRatio === null ? '' : ` · ${m('ratio')}: ${esc(money(r.costs.benefitCostRatio, lang))}`}</p>${r.costsAreDefaults ? `<p class="note">${m('defaults')}</p>` : ''}`;
  const perMunicipality = r.byMunicipality.map((t) => tableHtml(t, lang)).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(m('title'))} — ${esc(textIn(r.subject.name, lang))}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.75rem}h2{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid #154273}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #b5b5b5;padding:.3rem .5rem;text-align:right}
th[scope=row],thead th:first-child{text-align:left}thead th{background:#e8eef5}
.note{font-size:.85rem;color:#444}.warning{background:#fff4d6;border-left:4px solid #b35c00;padding:.5rem 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}
</style></head><body>
<header><h1>${esc(m('title'))}</h1><p><strong>${esc(textIn(r.subject.name, lang))}</strong></p>${due}
<dl><dt>${m('regulation')}</dt><dd><a href="${esc(r.regulation.url)}">${esc(r.regulation.title)}</a></dd>
<dt>${m('inForce')}</dt><dd>${esc(r.regulation.inForceFrom)}</dd><dt>${m('due')}</dt><dd>${esc(r.due.due)}</dd>
<dt>${m('period')}</dt><dd>${esc(r.period.from)} – ${esc(r.period.to)}</dd><dt>${m('signalTypes')}</dt><dd>${esc(r.subject.signalTypes.join(', '))}</dd>
${r.subject.municipalities.length ? `<dt>${m('municipalities')}</dt><dd>${esc(r.subject.municipalities.join(', '))}</dd>` : ''}
<dt>${m('generated')}</dt><dd>${esc(r.generatedAt)}</dd></dl>
<p>${esc(m('article'))}</p></header>
<main>${sections}<section><h2>${esc(m('sectionArms'))}</h2>${arms}${plan}</section>
<section><h2>${esc(m('sectionCosts'))}</h2>${costs}</section>
<section><h2>${esc(m('sectionMunicipalities'))}</h2>${perMunicipality}</section>
<section><h2>${esc(m('sectionPrivacy'))}</h2><p>${esc(m('privacy'))}</p></section></main>
</body></html>`;
}
