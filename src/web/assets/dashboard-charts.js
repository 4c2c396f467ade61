/*
 * Draws the dashboard's charts with Chart.js (/assets/chart.js/chart.umd.js, loaded before this
 * file). Each <canvas data-chart="ID"> names a <script type="application/json" id="ID"> holding
 * its data (src/web/pages/dashboard/charts.ts): data only, no code, as the CSP allows scripts
 * from this site only. Without JavaScript the tables beside the charts carry the same figures.
 */
/* global document, window */
(function () {
  'use strict';
  var Chart = window.Chart;
  if (!Chart) return;

  // Distinguishable colours with at least 3:1 contrast against white (WCAG 1.4.11).
  var PALETTE = ['#1f5fa8', '#b34700', '#3c7d22', '#6b3fa0', '#a0001c', '#00747a', '#5c5c5c', '#8a6d00'];
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL';

  // The 95% interval of a rate, drawn as a whisker over its bar (dataset.ci: [low, high] per bar).
  var intervalPlugin = {
    id: 'vsInterval',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var scale = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.ci || !chart.isDatasetVisible(i)) return;
        chart.getDatasetMeta(i).data.forEach(function (bar, j) {
          var ci = ds.ci[j];
          if (!ci) return;
          var lo = scale.getPixelForValue(ci[0]);
          var hi = scale.getPixelForValue(ci[1]);
          ctx.save();
          ctx.strokeStyle = '#000';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(bar.x, lo);
          ctx.lineTo(bar.x, hi);
          ctx.moveTo(bar.x - 5, lo);
          ctx.lineTo(bar.x + 5, lo);
          ctx.moveTo(bar.x - 5, hi);
          ctx.lineTo(bar.x + 5, hi);
          ctx.stroke();
          ctx.restore();
        });
      });
    },
  };

  function format(v, percent) {
    return percent ? v.toLocaleString(lang, { maximumFractionDigits: 1 }) + '%' : v.toLocaleString(lang);
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var valueAxis = spec.horizontal ? 'x' : 'y';
    var scales = { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked } };
    scales[valueAxis].beginAtZero = true;
    scales[valueAxis].ticks = {
      // Counts are whole numbers: no tick at 0.5 household.
      precision: spec.percent ? undefined : 0,
      callback: function (v) {
        return format(v, spec.percent);
      },
    };
    if (spec.percent) scales[valueAxis].max = 100;
    new Chart(canvas, {
      // A time series (spec.line) is drawn as lines; a suppressed month (null) leaves a gap.
      type: spec.line ? 'line' : 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          var colour = PALETTE[i % PALETTE.length];
          return { label: d.label, data: d.data, ci: d.ci, backgroundColor: colour, borderColor: colour, skipNull: true, spanGaps: false };
        }),
      },
      options: {
        locale: lang,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        scales: scales,
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (item) {
                var v = item.parsed[valueAxis];
                var ci = item.dataset.ci && item.dataset.ci[item.dataIndex];
                var text = item.dataset.label + ': ' + format(v, spec.percent);
                return ci ? text + ' (95%: ' + format(ci[0], true) + '–' + format(ci[1], true) + ')' : text;
              },
            },
          },
        },
      },
      plugins: [intervalPlugin],
    });
    canvas.setAttribute('data-rendered', 'true');
  }

  document.querySelectorAll('canvas[data-chart]').forEach(draw);
})();
