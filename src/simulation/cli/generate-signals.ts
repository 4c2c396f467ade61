/**
 * Scale data for benchmarks: streams synthetic signals from the population generator to a batch
 * file (CSV or JSON Lines) without holding them, and reports the rate.
 *
 *   npx tsx src/simulation/cli/generate-signals.ts --count 1000000 --format csv --out /tmp/signals.csv
 *     [--seed N] [--municipality GM0363[,GM0599]] [--sender-type rent[,gas]] [--sender ID]
 *     [--only-sender ID[,ID]]
 *     [--from 2025-01] [--months N] [--scale X] [--params file] [--clean]
 *
 * Without --scale, the population is scaled so that --count signals fit in 12 months (or --months);
 * a larger population keeps dates realistic instead of spreading signals over decades.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { DEFAULT_FIRST_MONTH, writeSignals, type WriteSignalsOptions } from '../generate/generate-signals-write.ts';

export {
  asOneSender,
  onlyTypes,
  scaleForCount,
  writeSignals,
  writeSignalsCsv,
  writeSignalsJsonl,
  type SignalFileFormat,
  type WriteSignalsOptions,
  type WriteSignalsResult,
} from '../generate/generate-signals-write.ts';

function list(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function usage(): string {
  return [
    'usage: npx tsx src/simulation/cli/generate-signals.ts --count N --out FILE [options]',
    '  --format csv|jsonl       file format (default csv)',
    '  --seed N                 random seed (default 1); the same seed gives the same file',
    '  --municipality GM0363    one or more CBS codes, comma-separated (default: all in the parameters)',
    '  --sender-type rent       one or more signal types, comma-separated',
    '  --sender ID              deliver every row as this organisation (a batch file has one sender)',
    '  --only-sender ID[,ID]    keep only the rows of these generated senders',
    '  --from YYYY-MM           first month (default 2025-01)',
    '  --months N               months to spread the signals over when deriving the scale (default 12)',
    '  --scale X                population scale (default: derived from --count and --months)',
    '  --params FILE            parameter file (default src/simulation/params/population.params.yaml)',
    '  --workers N              generating threads (default 2; 1 = no worker threads)',
    '  --clean                  no deliberately invalid rows and no repeats',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      seed: { type: 'string' },
      municipality: { type: 'string' },
      'sender-type': { type: 'string' },
      sender: { type: 'string' },
      'only-sender': { type: 'string' },
      from: { type: 'string' },
      months: { type: 'string' },
      scale: { type: 'string' },
      params: { type: 'string' },
      workers: { type: 'string' },
      clean: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const count = Number(values.count);
  const format = values.format;
  if (!Number.isInteger(count) || count < 0 || values.out === undefined || (format !== 'csv' && format !== 'jsonl')) {
    console.error(usage());
    return 2;
  }
  const opts: WriteSignalsOptions = {
    format,
    params: loadPopulationParams(values.params),
    seed: values.seed === undefined ? 1 : Number(values.seed),
    clean: values.clean,
  };
  const municipalities = list(values.municipality);
  const signalTypes = list(values['sender-type']);
  const senders = list(values['only-sender']);
  if (values.sender !== undefined) opts.asSender = values.sender;
  if (municipalities !== undefined) opts.municipalities = municipalities;
  if (signalTypes !== undefined) opts.signalTypes = signalTypes;
  if (senders !== undefined) opts.senders = senders;
  if (values.from !== undefined) opts.firstMonth = values.from;
  if (values.months !== undefined) opts.months = Number(values.months);
  if (values.scale !== undefined) opts.scale = Number(values.scale);
  if (values.workers !== undefined) opts.workers = Number(values.workers);

  const toStdout = values.out === '-';
  const stream = toStdout ? process.stdout : createWriteStream(values.out);
  const result = await writeSignals(stream, count, opts);
  if (!toStdout) await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const report = [
    `wrote ${result.rows.toLocaleString('en')} signals (${(result.bytes / 1e6).toFixed(1)} MB ${format}) to ${values.out}`,
    `elapsed ${result.seconds.toFixed(2)} s, ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s`,
    `population scale ${result.scale.toFixed(3)}, ${result.workers} worker(s), from ${opts.firstMonth ?? DEFAULT_FIRST_MONTH}, seed ${opts.seed}`,
  ];
  if (result.rows < count) report.push(`note: only ${result.rows} of ${count} rows: the selected types produced nothing for two years (no longer designated?)`);
  if (result.bsnsRepeat) report.push('note: the scaled population has more residents than the BSN prefix has test numbers, so BSNs repeat across residents');
  // With `--out -` the report goes to stderr, so that the output stays a clean file.
  if (toStdout) console.error(report.join('\n'));
  else console.log(report.join('\n'));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
