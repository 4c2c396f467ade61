/**
 * `check` for senders: judges every signal in a batch file by the rules in force on each signal's
 * date, without storing anything, and prints the decision with the articles applied.
 *
 *   npx tsx src/cli/check.ts --sender <organisation-id> [--json] [--lang nl|en]
 *                            [--format csv|jsonl] [--sender-kind <kind>] [--rules <dir>] <file|->
 *
 * --sender-kind  treat an organisation unknown to the registers (e.g. a landlord onboarded in the
 *                platform) as being of this kind; repeatable.
 * --rules <dir>  an extra rules folder (e.g. a draft amendment) loaded next to rules/; repeatable.
 * --today <date> judge as if today were this date (YYYY-MM-DD): a later signal date is refused as in
 *                the future, as intake does with the clock. Default: today.
 * Exit code: 0 all accepted, 1 something refused or unreadable, 2 usage or file error.
 */
import { createReadStream } from 'node:fs';
import { DEFAULT_RULES_DIR, loadRuleBook } from '../app/rules/load-rule-files.ts';
import type { RuleBook } from '../domain/rules/rule-book.ts';
import { RuleBookJudge } from '../app/rules/rule-judge.ts';
import { latestSignalDate } from '../domain/rules/signal-date-bound.ts';
import { dateKey } from '../domain/rules/input-checks.ts';
import { loadPostcodeAreaRouter } from '../app/routing/load-postcode-areas.ts';
import { routeAndJudge } from '../app/intake/judging/judge-signal.ts';
import { FileRefused, readBatchFile, type BatchFormat, type FileReading } from '../app/intake/file/read-batch-file.ts';
import { textIn } from '../domain/i18n/index.ts';
import { formatHuman, formatReading, formatSummary, formatUnreadable, type Lang, type Tally } from './check-format.ts';

/** The file's format from its name; undefined when the name does not tell. */
export function formatFromPath(file: string): BatchFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  return undefined;
}

export interface CheckOptions {
  sender: string;
  json: boolean;
  lang: Lang;
  format: BatchFormat;
  file: string;
  senderKinds: string[];
  rulesDirs: string[];
  /** The latest acceptable signal date; undefined: from the clock. */
  today?: string;
}

const USAGE = `usage: check --sender <organisation-id> [--json] [--lang nl|en] [--format csv|jsonl] [--sender-kind <kind>] [--rules <dir>] [--today YYYY-MM-DD] <file.csv|file.jsonl|->`;

export function parseArgs(argv: readonly string[]): CheckOptions | string {
  let sender: string | undefined;
  let json = false;
  let lang: Lang = 'nl';
  let format: BatchFormat | undefined;
  let file: string | undefined;
  const senderKinds: string[] = [];
  const rulesDirs: string[] = [];
  let today: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (a === '--sender') sender = value();
    else if (a === '--json') json = true;
    else if (a === '--lang') {
      const l = value();
      if (l !== 'nl' && l !== 'en') return `--lang must be nl or en\n${USAGE}`;
      lang = l;
    } else if (a === '--format') {
      const f = value();
      if (f !== 'csv' && f !== 'jsonl') return `--format must be csv or jsonl\n${USAGE}`;
      format = f;
    } else if (a === '--sender-kind') senderKinds.push(value() ?? '');
    else if (a === '--rules') rulesDirs.push(value() ?? '');
    else if (a === '--today') {
      today = value();
      if (today === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(today) || dateKey(today) < 0) return `--today must be a date that exists (YYYY-MM-DD)\n${USAGE}`;
    }
    else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
    else if (file === undefined) file = a;
    else return `only one file at a time\n${USAGE}`;
  }
  if (sender === undefined || sender === '') return `--sender is required\n${USAGE}`;
  if (file === undefined) return `a file is required\n${USAGE}`;
  const fmt = format ?? (file === '-' ? undefined : formatFromPath(file));
  if (fmt === undefined) return `cannot tell the format from '${file}'; use --format csv|jsonl\n${USAGE}`;
  return { sender, json, lang, format: fmt, file, senderKinds, rulesDirs, ...(today === undefined ? {} : { today }) };
}

/** Rule books and the postcode router read once per process: a caller judging many files (the rule-case test) reads them once. */
const books = new Map<string, RuleBook>();
let routerLoaded: ReturnType<typeof loadPostcodeAreaRouter> | undefined;

function bookFor(opts: CheckOptions): RuleBook {
  const dirs = [DEFAULT_RULES_DIR, ...opts.rulesDirs];
  let book = books.get(dirs.join('\n'));
  if (!book) books.set(dirs.join('\n'), (book = loadRuleBook(dirs)));
  if (opts.senderKinds.length === 0 || book.organisations.has(opts.sender)) return book;
  return book.withOrganisations([{ id: opts.sender, name: opts.sender, kinds: opts.senderKinds }]);
}

/** Judges the file and writes the report; returns the exit code. */
export async function runCheck(opts: CheckOptions, write: (text: string) => void, writeErr: (text: string) => void): Promise<number> {
  // The same reader, routing and judge as intake, so `check` and a dry run can never disagree.
  const judge = new RuleBookJudge(bookFor(opts));
  const router = await (routerLoaded ??= loadPostcodeAreaRouter());
  const source = opts.file === '-' ? process.stdin : createReadStream(opts.file);
  let reading: FileReading | undefined;
  const rows = readBatchFile(source, opts.format, Number.MAX_SAFE_INTEGER, (r) => (reading = r));
  const sender = { organisationId: opts.sender, latestSignalDate: opts.today ?? latestSignalDate(new Date()) };
  const tally: Tally = { total: 0, accepted: 0, refused: 0, withInputErrors: 0, unreadable: 0 };
  for await (const fileRow of rows) {
    tally.total++;
    if ('unreadable' in fileRow) {
      tally.unreadable++;
      const r = fileRow.unreadable;
      const message = r.field ? { nl: `${r.field}: ${r.message.nl}`, en: `${r.field}: ${r.message.en}` } : r.message;
      write(opts.json ? JSON.stringify({ line: fileRow.rowNo, reference: fileRow.reference, error: { code: r.code, ...message } }) : formatUnreadable(fileRow.rowNo, message, opts.lang));
      continue;
    }
    const { signal, judgement: j } = routeAndJudge(fileRow.signal, sender, judge, router);
    const row = { line: fileRow.rowNo, signal };
    if (j.decision === 'accepted') tally.accepted++;
    else {
      tally.refused++;
      if (j.refusals.some((r) => r.inputError)) tally.withInputErrors++;
    }
    const reference = typeof row.signal.reference === 'string' ? row.signal.reference : '';
    const type = typeof row.signal.signalType === 'string' ? row.signal.signalType : '';
    write(opts.json ? JSON.stringify({ line: row.line, reference, judgement: j }) : formatHuman(row.line, reference, type, j, opts.lang));
  }
  const read = reading as FileReading | undefined;
  // The summary stays the last line of a report, and the first of the JSON mode's stderr.
  if (read && !opts.json) write(formatReading(read, opts.lang));
  (opts.json ? writeErr : write)(formatSummary(tally, opts.lang));
  if (read && opts.json) writeErr(formatReading(read, opts.lang));
  return tally.refused + tally.unreadable === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  // `check … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    process.exitCode = parsed.startsWith('usage') ? 0 : 2;
    return;
  }
  try {
    process.exitCode = await runCheck(
      parsed,
      (t) => process.stdout.write(`${t}\n`),
      (t) => process.stderr.write(`${t}\n`),
    );
  } catch (e) {
    if (e instanceof FileRefused) {
      process.stderr.write(`${textIn(e, parsed.lang)}\n`);
      process.exitCode = 2;
      return;
    }
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`${err.code === 'ENOENT' ? `file not found: ${parsed.file}` : err.message}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/check.ts')) await main();
