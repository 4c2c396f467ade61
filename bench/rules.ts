/**
 * Micro-benchmark of the rule evaluator (npm run bench:rules): builds a realistic mix of about a
 * million signals in memory, judges them all several times and prints signals per second on one
 * core, the mix of decisions, and the machine. Not a test: it prints figures.
 *
 *   node --import tsx bench/rules.ts [--signals 1000000] [--rounds 5]
 */
import { cpus } from 'node:os';
import { evaluate } from '../src/domain/rules/evaluate.ts';
import { emptyParsedSignal } from '../src/domain/rules/check-signal-input.ts';
import { loadRuleBook } from '../src/app/rules/load-rule-files.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

/** The judge's own scratch object, lent to every evaluation as RuleBookJudge does. */
const scratch = emptyParsedSignal();

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SIGNALS = arg('signals', 1_000_000);
const ROUNDS = arg('rounds', 5);

/** Deterministic pseudo-random numbers, so that every run judges the same mix. */
let seed = 20240401;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

const SOCIAL = {
  personalContactAttemptedOn: '2025-02-20',
  debtAssistanceReferredOn: '2025-02-20',
  reminderSentOn: '2025-02-01',
  agreementOfferedInReminder: true,
  residentResponse: 'none' as const,
};

interface Template {
  weight: number;
  sender: string;
  signal: Omit<SignalInput, 'reference'>;
}

const person = { initials: 'J.', surname: 'Jansen' };
const address = { street: 'Dorpsstraat', houseNumber: '12', postcode: '3511 AB', city: 'Utrecht' };
const base = { signalDate: '2025-03-14', person, address, phone: '0612345678', arrearStartDate: '2024-12-01', socialCollection: SOCIAL };

/** Shares loosely follow the national picture: mostly fixed-cost signals, a few experiments, some mistakes. */
const TEMPLATES: Template[] = [
  { weight: 30, sender: 'mitros', signal: { ...base, signalType: 'rent', municipalityCode: 'GM0344', amount: '812.50' } },
  { weight: 10, sender: 'demo-verwerker', signal: { ...base, signalType: 'rent', municipalityCode: 'GM0363', amount: '640.00', onBehalfOf: 'demo-woningcorporatie' } },
  { weight: 15, sender: 'zilveren-kruis', signal: { ...base, signalType: 'health_insurance', municipalityCode: 'GM0599', amount: '412.00' } },
  { weight: 8, sender: 'vattenfall', signal: { ...base, signalType: 'electricity', municipalityCode: 'GM0518', amount: 230 } },
  { weight: 5, sender: 'eneco', signal: { ...base, signalType: 'gas', municipalityCode: 'GM0344', amount: '180.10' } },
  { weight: 5, sender: 'waternet', signal: { ...base, signalType: 'drinking_water', municipalityCode: 'GM0363', amount: '95.00', customerNumber: '7001234' } },
  {
    weight: 7,
    sender: 'belastingen-amsterdam',
    signal: { ...base, signalType: 'municipal_tax', municipalityCode: 'GM0363', amount: '502.00', bsn: '111222333', components: { municipal_tax: '412.00', parking_fine: '90.00' } },
  },
  { weight: 3, sender: 'bsgw', signal: { ...base, signalType: 'municipal_tax', municipalityCode: 'GM1640', amount: '330.00', bsn: '123456782' } },
  { weight: 4, sender: 'aegon', signal: { ...base, signalType: 'mortgage', municipalityCode: 'GM0363', amount: '1850.00' } },
  { weight: 2, sender: 'stater', signal: { ...base, signalType: 'mortgage', municipalityCode: 'GM0599', amount: '2200.00', onBehalfOf: 'obvion' } },
  { weight: 3, sender: 'cak', signal: { ...base, signalType: 'wmo_own_contribution', municipalityCode: 'GM0344', amount: '120.00', arrearStartDate: '2024-09-01', bsn: '111222333' } },
  // refusals: a BSN on a mortgage, an objection, a parking fine alone, a merged municipality, an invalid BSN, a late reminder
  { weight: 2, sender: 'rabobank', signal: { ...base, signalType: 'mortgage', municipalityCode: 'GM0855', amount: '900.00', bsn: '111222333' } },
  { weight: 2, sender: 'mitros', signal: { ...base, signalType: 'rent', municipalityCode: 'GM0344', amount: '700.00', socialCollection: { ...SOCIAL, residentResponse: 'objected' } } },
  { weight: 1, sender: 'belastingen-amsterdam', signal: { ...base, signalType: 'municipal_tax', municipalityCode: 'GM0363', amount: '90.00', bsn: '111222333', components: { parking_fine: '90.00' } } },
  { weight: 1, sender: 'ymere', signal: { ...base, signalType: 'rent', municipalityCode: 'GM0370', amount: '700.00' } },
  { weight: 1, sender: 'cz', signal: { ...base, signalType: 'health_insurance', municipalityCode: 'GM0344', amount: '300.00', bsn: '123456789' } },
  { weight: 1, sender: 'aegon', signal: { ...base, signalType: 'mortgage', municipalityCode: 'GM0344', amount: '1000.00', socialCollection: { ...SOCIAL, reminderSentOn: '2025-04-01' } } },
];

function buildSignals(n: number): { signals: SignalInput[]; senders: { organisationId: string }[] } {
  const total = TEMPLATES.reduce((s, t) => s + t.weight, 0);
  const senderObjects = new Map(TEMPLATES.map((t) => [t.sender, { organisationId: t.sender }]));
  const signals: SignalInput[] = new Array(n);
  const senders: { organisationId: string }[] = new Array(n);
  const dates = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14'];
  for (let i = 0; i < n; i++) {
    let r = rnd() * total;
    let t = TEMPLATES[0]!;
    for (const candidate of TEMPLATES) {
      r -= candidate.weight;
      if (r <= 0) {
        t = candidate;
        break;
      }
    }
    // Each signal is its own object (as after parsing), with its own reference and date.
    signals[i] = { ...t.signal, reference: `REF-${i}`, signalDate: pick(dates) };
    senders[i] = senderObjects.get(t.sender)!;
  }
  return { signals, senders };
}

const book = loadRuleBook();
const { signals, senders } = buildSignals(SIGNALS);

const decisions = new Map<string, number>();
for (let i = 0; i < signals.length; i++) {
  const j = evaluate(signals[i]!, senders[i]!, book, scratch);
  const key = j.decision === 'accepted' ? 'accepted' : `refused:${j.refusals.map((r) => r.code).join('+')}`;
  decisions.set(key, (decisions.get(key) ?? 0) + 1);
}

/**
 * Two figures per round: wall-clock throughput, and throughput per CPU-second of this process
 * (process.cpuUsage), which is the "per core" figure and stays meaningful on a shared machine.
 */
const wallRates: number[] = [];
const cpuRates: number[] = [];
let accepted = 0;
for (let round = 0; round < ROUNDS; round++) {
  accepted = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < signals.length; i++) {
    if (evaluate(signals[i]!, senders[i]!, book, scratch).decision === 'accepted') accepted++;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  wallRates.push(signals.length / wall);
  cpuRates.push(signals.length / ((cpu.user + cpu.system) / 1e6));
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bestCpu = Math.max(...cpuRates);
const lines = [
  'vroegsignaal rules benchmark',
  `node ${process.version} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores; one core used)`,
  `signals per round: ${fmt(signals.length)}, rounds: ${ROUNDS}`,
  `per CPU-second (signals/s per core): ${cpuRates.map(fmt).join(', ')}`,
  `wall clock (signals/s):              ${wallRates.map(fmt).join(', ')}`,
  `best ${fmt(bestCpu)} / median ${fmt(median(cpuRates))} signals/s per core; wall-clock best ${fmt(Math.max(...wallRates))}`,
  `accepted ${fmt(accepted)} (${((100 * accepted) / signals.length).toFixed(1)} %)`,
  'decisions:',
  ...[...decisions].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${String(v).padStart(9)}  ${k}`),
];
const target = 1_000_000;
lines.push(median(cpuRates) >= target ? `target of ${fmt(target)}/s per core met (median)` : `BELOW the target of ${fmt(target)}/s per core (median)`);
process.stdout.write(`${lines.join('\n')}\n`);
