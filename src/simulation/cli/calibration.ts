/**
 * The calibration report (issue 25): a synthetic year of a set of municipalities, counted as the
 * dashboard counts it, beside the public figures it is calibrated to, and the inflow per signal type
 * and month. Exits 1 when a figure is outside its ±20 % band.
 *
 *   npm run calibration -- [--municipalities GM0363,GM0599] [--seed 1] [--year 2025] [--scale 0.25] [--json] [--help]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRules } from '../../app/rules/load-rules.ts';
import type { CalibrationReport } from '../calibration/figures.ts';
import { CalibrationInputError, DEFAULT_CALIBRATION_MUNICIPALITIES, DEFAULT_CALIBRATION_SCALE, DEFAULT_CALIBRATION_YEAR, runCalibration } from '../calibration/run-calibration.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const value = (v: number, unit: 'share' | 'rate') => (unit === 'share' ? pct(v) : v.toFixed(2));
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)} %`;

function pad(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

/** The report as lines of text (English: the command's output is for developers). */
export function formatCalibration(r: CalibrationReport): string[] {
  const lines = [
    `Synthetic year ${r.year}, seed ${r.seed}, scale ${r.scale}: ${r.municipalities.join(', ')} (${r.inhabitants.toLocaleString('en')} inhabitants simulated)`,
    `${r.signals.toLocaleString('en')} signals accepted, ${r.cases.toLocaleString('en')} cases; band ±${r.band * 100} %`,
    '',
    ...pad([
      ['figure', 'public', 'simulated', 'difference', 'within', 'source'].map((s, i) => (i === 5 ? s : s)),
      ...r.rows.map((x) => [x.label.en, value(x.value, x.unit), value(x.simulated, x.unit), signed(x.relativeDifference), x.withinBand ? 'yes' : 'NO', x.source]),
    ]),
    '',
    'Inflow per signal type and month (accepted signals, by signal date)',
    ...pad([
      ['type', ...r.inflow.months.map((m) => m.slice(5)), 'winter/summer'],
      ...Object.entries(r.inflow.byType)
        .sort((a, b) => b[1].reduce((s, n) => s + n, 0) - a[1].reduce((s, n) => s + n, 0))
        .map(([type, n]) => {
          // Dec–Feb against Jun–Aug: energy should rise in winter, rent stay level.
          const winter = n[0]! + n[1]! + n[11]!;
          const summer = n[5]! + n[6]! + n[7]!;
          return [type, ...n.map(String), summer > 0 ? (winter / summer).toFixed(2) : '—'];
        }),
    ]),
  ];
  const out = r.rows.filter((x) => !x.withinBand).length;
  lines.push('', out === 0 ? `All ${r.rows.length} figures within ±${r.band * 100} %.` : `${out} of ${r.rows.length} figures outside ±${r.band * 100} %.`);
  return lines;
}

function usage(): string {
  return [
    'usage: npm run calibration -- [options]',
    `  --municipalities GM0363,GM0599   the set whose year is simulated (default: ${DEFAULT_CALIBRATION_MUNICIPALITIES.join(',')})`,
    '  --seed N                         the synthetic population and its year (default 1; the README shows seeds 1 and 2)',
    `  --year YYYY                      the measured calendar year, after six warm-up months (default ${DEFAULT_CALIBRATION_YEAR})`,
    `  --scale X                        share of the real inhabitants simulated, above 0 and at most 1 (default ${DEFAULT_CALIBRATION_SCALE}; a small set needs more)`,
    '  --json                           the report as JSON',
    'Exits 0 when every figure is within ±20 % of its public value, 1 when one is not, 2 on bad options.',
    'What the year is calibrated to and what not: src/simulation/README.md, "Calibration".',
  ].join('\n');
}

/** A number option: the whole text must be a number ('2x' is not 2). */
const numberOption = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        municipalities: { type: 'string', default: DEFAULT_CALIBRATION_MUNICIPALITIES.join(',') },
        seed: { type: 'string', default: '1' },
        year: { type: 'string', default: String(DEFAULT_CALIBRATION_YEAR) },
        scale: { type: 'string', default: String(DEFAULT_CALIBRATION_SCALE) },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage()}`);
    return 2;
  }
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const { book } = await loadRules();
  const standardTypes = new Set(
    book
      .signalTypes()
      .filter((t) => t.regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/'))
      .map((t) => t.signalType),
  );
  const notNumbers = (['seed', 'year', 'scale'] as const).filter((k) => Number.isNaN(numberOption(values[k])));
  if (notNumbers.length > 0) {
    console.error(`${notNumbers.map((k) => `--${k}: '${values[k]}' is not a number`).join('\n')}\n${usage()}`);
    return 2;
  }
  let report: CalibrationReport;
  try {
    report = runCalibration({
      municipalities: values.municipalities
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter((s) => s !== ''),
      seed: numberOption(values.seed),
      year: numberOption(values.year),
      scale: numberOption(values.scale),
      standardTypes,
    });
  } catch (e) {
    if (!(e instanceof CalibrationInputError)) throw e;
    console.error(`${e.problems.map((p) => `--${p.name}: ${p.reason}`).join('\n')}\n${usage()}`);
    return 2;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatCalibration(report).join('\n'));
  return report.rows.every((x) => x.withinBand) ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
