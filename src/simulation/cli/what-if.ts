/**
 * Capacity what-if from the command line (issue 9 point 3): expected signals per month per
 * municipality under the current and a proposed selection, against the stated capacity.
 *
 *   npm run what-if -- --signal municipal_tax --min-amount 300 --compare-min-amount 500 --municipality GM0363,GM0599
 *     [--add-signal wmo_own_contribution] [--min-age-months N] [--compare-min-age-months N]
 *     [--experiment gemeentelijke-belastingen] [--capacity GM0363=400,GM0599=150]
 *     [--from 2025-01] [--months 12] [--seed 1] [--scale 1] [--lang nl|en]
 *     [--csv out.csv] [--svg out.svg] [--json]
 *
 * Capacity comes from --capacity, else from the experiments in the database when DATABASE_URL (or
 * --data-dir, a PGlite directory not in use by a running platform) is given, else from the
 * experiments register the platform seeds (src/app/seed/experiments.yaml) — the output says which.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { calibrationStatus } from '../../app/capacity/calibration-report.ts';
import { loadRules } from '../../app/rules/load-rules.ts';
import { readSeedExperiments } from '../../app/seed/seed-experiments.ts';
import { openDatabase } from '../../db/database.ts';
import { listCapacityStatements } from '../../db/repositories/capacity-statements.ts';
import { ForecastInputError } from '../../domain/capacity/forecast.ts';
import { forecastOverSeeds } from '../forecast/forecast-over-seeds.ts';
import { whatIfScenarios, type WhatIfQuestion } from '../../domain/capacity/scenarios.ts';
import { compareWithCapacity, statedCapacity, type CapacityStatement, type WhatIfResult } from '../../domain/capacity/what-if.ts';
import { csvCell } from '../population/signal-csv.ts';
import { isLocale, type Locale } from '../../web/i18n/locale.ts';
import { whatIfMessages } from '../../web/pages/capacity/messages.ts';
import { WhatIfChart } from '../../web/pages/capacity/what-if-chart.tsx';
import { scenarioLabel, selectionText, whatIfColumns, whatIfNotes } from '../../web/pages/capacity/what-if-columns.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== ''));
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(',', '.')));

function usage(): string {
  return [
    'usage: npm run what-if -- --signal TYPE[,TYPE] [options]',
    '  --signal municipal_tax         signal types the capacity is for (default: the experiment\'s)',
    '  --add-signal TYPE[,TYPE]       new signal types in the proposal',
    '  --min-amount EUR               current minimum arrear',
    '  --compare-min-amount EUR       proposed minimum arrear (default: the current one)',
    '  --min-age-months N             current minimum age of the arrear',
    '  --compare-min-age-months N     proposed minimum age',
    '  --municipality GM0363[,…]      default: the municipalities that stated a capacity',
    '  --experiment ID                capacity (and default type) of this experiment',
    '  --capacity GM0363=400[,…]      state capacity here instead of reading it',
    '  --data-dir DIR                 read capacity from this PGlite directory (platform stopped)',
    '  --from YYYY-MM  --months N  --seed N  --scale X   forecast period and population',
    '  --runs N        repeat on N seeds (default 5): the mean, with the lowest and highest run',
    '  --lang nl|en  --csv FILE  --svg FILE  --json',
  ].join('\n');
}

interface CapacitySource {
  statements: CapacityStatement[];
  label: string;
}

async function capacitySource(values: { capacity?: string | undefined; 'data-dir'?: string | undefined }): Promise<CapacitySource> {
  if (values.capacity !== undefined) {
    const statements = list(values.capacity).map((pair) => {
      const m = /^(GM\d{4})=(\d+)$/.exec(pair);
      if (!m) throw new ForecastInputError([{ name: 'capacity', reason: `'${pair}' is not CODE=NUMBER, e.g. GM0363=400` }]);
      return { experimentId: 'cli', signalType: null, municipalityCode: m[1]!, capacityPerMonth: Number(m[2]) };
    });
    return { statements, label: '--capacity' };
  }
  const url = process.env.DATABASE_URL;
  if (url || values['data-dir']) {
    const database = await openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir: `${values['data-dir']}/pglite` });
    try {
      const rows = await listCapacityStatements(database.db);
      return {
        statements: rows.map((r) => ({ experimentId: r.experiment_id, signalType: r.signal_type, municipalityCode: r.municipality_code, capacityPerMonth: r.capacity_per_month })),
        label: url ? 'DATABASE_URL' : `${values['data-dir']}/pglite`,
      };
    } finally {
      await database.close();
    }
  }
  const statements = readSeedExperiments().flatMap((e) =>
    (e.capacity ?? []).map((c) => ({ experimentId: e.id, signalType: e.signal_type ?? null, municipalityCode: c.municipality, capacityPerMonth: c.capacity_per_month })),
  );
  return { statements, label: 'src/app/seed/experiments.yaml' };
}

/** The table as aligned text: numbers right, words left. */
export function formatTable(result: WhatIfResult, locale: Locale): string {
  const cols = whatIfColumns(locale, result, { plain: true });
  const cells = [cols.map((c) => c.header), ...result.rows.map((r) => cols.map((c) => c.value(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((v, i) => (cols[i]!.numeric ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function formatCsv(result: WhatIfResult, locale: Locale): string {
  const cols = whatIfColumns(locale, result, { plain: true });
  return [cols.map((c) => csvCell(c.header)).join(','), ...result.rows.map((r) => cols.map((c) => csvCell(c.value(r))).join(','))].join('\n') + '\n';
}

export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        signal: { type: 'string' },
        'add-signal': { type: 'string' },
        'min-amount': { type: 'string' },
        'compare-min-amount': { type: 'string' },
        'min-age-months': { type: 'string' },
        'compare-min-age-months': { type: 'string' },
        municipality: { type: 'string' },
        experiment: { type: 'string' },
        capacity: { type: 'string' },
        'data-dir': { type: 'string' },
        from: { type: 'string', default: '2025-01' },
        months: { type: 'string', default: '12' },
        seed: { type: 'string', default: '1' },
        // Repeated on this many seeds (seed, seed + 1, …): the mean, with the lowest and highest run beside it.
        runs: { type: 'string', default: '5' },
        scale: { type: 'string', default: '1' },
        lang: { type: 'string', default: 'nl' },
        csv: { type: 'string' },
        svg: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    err(`${(e as Error).message}\n${usage()}`);
    return 2;
  }
  if (values.help) {
    out(usage());
    return 0;
  }
  const locale: Locale = isLocale(values.lang) ? values.lang : 'nl';
  const t = whatIfMessages(locale);
  try {
    const params = loadPopulationParams();
    const source = await capacitySource(values);
    let signalTypes = list(values.signal);
    if (signalTypes.length === 0 && values.experiment) {
      const e = readSeedExperiments().find((x) => x.id === values.experiment);
      if (e?.signal_type) signalTypes = [e.signal_type];
    }
    const question: WhatIfQuestion = {
      signalTypes,
      addSignalTypes: list(values['add-signal']),
      current: { minAmount: num(values['min-amount']) ?? null, minArrearAgeMonths: num(values['min-age-months']) ?? null },
      proposed: {
        ...(values['compare-min-amount'] !== undefined ? { minAmount: num(values['compare-min-amount']) ?? null } : {}),
        ...(values['compare-min-age-months'] !== undefined ? { minArrearAgeMonths: num(values['compare-min-age-months']) ?? null } : {}),
      },
    };
    const scenarios = whatIfScenarios(question);
    const capacity = statedCapacity(source.statements, { experimentId: values.experiment, signalTypes: scenarios.flatMap((s) => s.signalTypes) });
    let municipalities = list(values.municipality);
    if (municipalities.length === 0) municipalities = [...capacity.keys()].filter((c) => params.municipalities.some((m) => m.code === c)).sort();
    if (municipalities.length === 0) municipalities = params.municipalities.map((m) => m.code);
    // How the synthetic year behind the forecast stands against the public figures, as the web page
    // says it (issue 25): simulated in a worker thread while this thread forecasts.
    const { book } = await loadRules();
    const calibrating = calibrationStatus({ standardSignalTypes: new Set(book.signalTypes().filter((t) => t.regulationVersion.startsWith('besluit-gemeentelijke-schuldhulpverlening/')).map((t) => t.signalType)) });
    calibrating.catch(() => undefined);
    const forecast = forecastOverSeeds(params, {
      municipalities,
      firstMonth: values.from,
      months: Number(values.months),
      seed: Number(values.seed),
      scale: Number(values.scale),
      scenarios,
    }, Number(values.runs));
    const result = compareWithCapacity(forecast, capacity);
    const status = await calibrating;
    const calibration = { figures: status.figures, withinOnEverySeed: status.withinOnEverySeed, band: status.band, seeds: status.seeds, scale: status.scale, municipalities: status.municipalities };
    if (values.json) out(JSON.stringify({ question, capacitySource: source.label, forecast: { months: forecast.months, scale: forecast.scale, seed: forecast.seed }, result, calibration }, null, 2));
    else {
      out(t('title'));
      for (const s of scenarios) out(`  ${t('scenarioLine', { label: scenarioLabel(locale, s.key), types: s.signalTypes.join(', '), selection: selectionText(locale, s.selection) })}`);
      out('');
      out(t('tableCaption', { from: forecast.months[0]!, to: forecast.months[forecast.months.length - 1]! }));
      out(formatTable(result, locale));
      out('');
      // The command line takes signal type codes (--signal rent), so its notes name them as typed.
      for (const n of whatIfNotes(locale, result, (type) => type)) out(`* ${n}`);
      if (result.seeds.length > 1) out(t('uncertainty', { runs: result.seeds.length, seeds: result.seeds.join(', ') }));
      out(`${t('calibrationStatus', { within: calibration.withinOnEverySeed, figures: calibration.figures, band: calibration.band * 100, seeds: calibration.seeds.join(', ') })} ${t('calibrationCommand')}`);
      out(t('source', { seed: result.seeds.join(', '), scale: forecast.scale, capacity: `${t('sourceExperiments')} (${source.label})` }));
    }
    if (values.csv) writeFileSync(values.csv, formatCsv(result, locale));
    if (values.svg) writeFileSync(values.svg, `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(createElement(WhatIfChart, { result, locale }))}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ForecastInputError) {
      err(`${t('badInput')}:`);
      for (const p of e.params) err(`  ${p.name}: ${p.reason}`);
      err(usage());
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
