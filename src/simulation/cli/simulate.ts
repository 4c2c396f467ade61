/**
 * An experiment end to end through a running platform (issue 9 point 2): starts one in-process
 * (fresh embedded PGlite, or DATABASE_URL / --data-dir), lets the synthetic creditors deliver over
 * its HTTP API and file intake, matches, lets the municipalities work their queues, and prints what
 * happened — the same figures the monitoring (evaluation tables) now shows.
 *
 *   npm run simulate -- [--municipality GM0363,GM0599] [--from 2025-01] [--months 3] [--scale 0.01]
 *     [--seed 2025] [--capacity GM0363=30,GM0599=20] [--data-dir DIR] [--keep-running] [--json] [--lang en]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { httpApi } from '../run/api-client.ts';
import { simulateDemo, type SimulationSummary } from '../run/simulate-demo.ts';
import { startPlatform } from '../../platform.ts';
import { defineMessages, type Locale } from '../../domain/i18n/index.ts';

/** The simulation's summary, in Dutch or English (--lang). */
export const simulateMessages = defineMessages({
  nl: {
    title: 'Simulatie {from} t/m {to}, gemeenten {m} (schaal {scale}, seed {seed})',
    generated: 'Gegenereerd: {n} signalen, waarvan {d} bewust fout, {o} met bezwaar van de inwoner, {r} opnieuw verzonden',
    delivery: 'Verzonden: {n} ({api} via POST /v1/signals in {req} verzoeken, {file} in {files} bestanden via POST /v1/batches)',
    answered: 'Platform: {a} geaccepteerd, {r} geweigerd, {d} al ontvangen, {c} conflict, {x} onleesbaar (400)',
    codes: 'Weigerredenen: {list}',
    senders: 'Schuldeisers aangesloten (met eigen API-sleutel): {n} nieuw',
    cases: 'Zaken: {t} ({o} open, {c} afgesloten, waarvan {r} als herhaalde melding)',
    capacity: 'Capaciteit per maand: {list}',
    work: 'Werk: {w} zaken opgepakt, {a} contactpogingen, {r} bereikt ({pct})',
    outcomes: 'Eindresultaten:',
    monitoring: 'Monitoring (evaluatietabellen over de periode): {tables}',
    funnel: 'Trechter: {list}',
    running: 'Het platform draait op {url} (Ctrl-C stopt het). Demo-logins: wachtwoord vroegsignaal-demo.',
  },
  en: {
    title: 'Simulation {from} to {to}, municipalities {m} (scale {scale}, seed {seed})',
    generated: 'Generated: {n} signals, {d} broken on purpose, {o} with the resident objecting, {r} re-sent',
    delivery: 'Sent: {n} ({api} via POST /v1/signals in {req} requests, {file} in {files} files via POST /v1/batches)',
    answered: 'Platform: {a} accepted, {r} refused, {d} already received, {c} conflict, {x} unreadable (400)',
    codes: 'Refusal reasons: {list}',
    senders: 'Creditors onboarded (each with its own API key): {n} new',
    cases: 'Cases: {t} ({o} open, {c} closed, {r} of them as a repeat report)',
    capacity: 'Capacity per month: {list}',
    work: 'Work: {w} cases taken up, {a} contact attempts, {r} reached ({pct})',
    outcomes: 'End results:',
    monitoring: 'Monitoring (evaluation tables over the period): {tables}',
    funnel: 'Funnel: {list}',
    running: 'The platform runs at {url} (Ctrl-C stops it). Demo logins: password vroegsignaal-demo.',
  },
});

type Lang = Locale;
const pairs = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k} ${String(v)}`).join(', ');

/** The summary as lines of text. */
export function formatSummary(s: SimulationSummary, lang: Lang = 'nl'): string[] {
  const t = simulateMessages(lang);
  const d = s.delivery;
  const pct = s.work.worked > 0 ? `${Math.round((s.work.reached / s.work.worked) * 100)} %` : '—';
  const lines = [
    t('title', { from: s.period.from, to: s.period.to, m: s.municipalities.join(', '), scale: s.scale, seed: s.seed }),
    t('generated', { n: s.generated.signals, d: s.generated.defects, o: s.generated.objected, r: s.generated.repeats }),
    t('senders', { n: s.sendersOnboarded }),
    t('delivery', { n: d.sent, api: d.viaApi, req: d.apiRequests, file: d.viaFile, files: d.files }),
    t('answered', { a: d.accepted, r: d.refused, d: d.duplicate, c: d.conflict, x: d.malformed }),
    t('codes', { list: pairs(Object.fromEntries(Object.entries(d.refusalCodes).sort((a, b) => b[1] - a[1]))) || '—' }),
    t('cases', { t: s.cases.total, o: s.cases.open + s.cases.pickedUp, c: s.cases.closed, r: s.cases.closedAsRepeat }),
    t('capacity', { list: pairs(s.capacityPerMonth) }),
    t('work', { w: s.work.worked, a: s.contactAttempts.attempts, r: s.contactAttempts.reached, pct }),
    t('outcomes'),
    ...Object.entries(s.cases.byResult)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`),
    t('monitoring', { tables: s.monitoring.tables.join(', ') }),
  ];
  if (s.monitoring.funnel) lines.push(t('funnel', { list: pairs(Object.fromEntries(Object.entries(s.monitoring.funnel).filter(([k, v]) => k !== 'group' && k !== 'suppressed' && v !== null))) }));
  return lines;
}

function capacityOf(v: string | undefined): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const pair of v.split(',')) {
    const m = /^(GM\d{4})=(\d+)$/.exec(pair.trim());
    if (!m) throw new Error(`--capacity: '${pair}' is not CODE=NUMBER, e.g. GM0363=30`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      municipality: { type: 'string', default: 'GM0363,GM0599' },
      from: { type: 'string', default: '2025-01' },
      months: { type: 'string', default: '3' },
      scale: { type: 'string', default: '0.01' },
      seed: { type: 'string', default: '2025' },
      capacity: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'keep-running': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'nl' },
    },
  });
  const lang: Lang = values.lang === 'en' ? 'en' : 'nl';
  const platform = await startPlatform({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: values['data-dir'] ?? 'memory://',
    port: Number(values.port),
    seedDemo: true,
    seedDemoSignals: false,
    logLevel: 'warn',
    rateLimitPerMinute: 0,
    // The simulation matches itself, on its own clock.
    matchingIntervalMs: 0,
  });
  try {
    const capacity = capacityOf(values.capacity);
    const summary = await simulateDemo(platform.deps, {
      api: httpApi(platform.url),
      municipalities: values.municipality.split(',').map((s) => s.trim()),
      firstMonth: values.from,
      months: Number(values.months),
      scale: Number(values.scale),
      seed: Number(values.seed),
      ...(capacity ? { capacityPerMonth: capacity } : {}),
      log: values.json ? undefined : (l) => console.error(l),
    });
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, lang).join('\n'));
    if (values['keep-running']) {
      console.log(simulateMessages(lang)('running', { url: platform.url }));
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
    }
    return 0;
  } finally {
    await platform.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
