import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
import { signalToCsvLine } from '../src/domain/population/signal-csv.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
const sigs: SignalInput[] = [];
for (const g of generateSignals(pop, params, { firstMonth: '2025-01', months: 3 }, 7)) sigs.push(g.signal);
const SPECIAL = /[",\r\n]/;
const QN = /["\r\n]/;
function euros(v: number) { const cents = Math.round(v * 100); const c = cents % 100; return `${(cents - c) / 100}.${c < 10 ? '0' : ''}${c}`; }
function tmpl(s: SignalInput): string {
  const p = s.person, a = s.address, sc = s.socialCollection;
  return `${s.reference},${s.signalType},${s.signalDate},${s.municipalityCode ?? ''},${s.onBehalfOf ?? ''},${typeof s.amount === 'number' ? euros(s.amount) : s.amount ?? ''},,${s.arrearStartDate ?? ''},${s.bsn ?? ''},${p?.initials ?? ''},${p?.givenName ?? ''},${p?.prefix ?? ''},${p?.surname ?? ''},${a?.street ?? ''},${a?.houseNumber ?? ''},${a?.houseNumberAddition ?? ''},${a?.postcode ?? ''},${a?.city ?? ''},${s.phone ?? ''},${s.email ?? ''},${s.customerNumber ?? ''},${s.birthDate ?? ''},${s.crisis ? 'ja' : 'nee'},${sc?.personalContactAttemptedOn ?? ''},${sc?.debtAssistanceReferredOn ?? ''},${sc?.reminderSentOn ?? ''},${sc?.agreementOfferedInReminder ? 'ja' : 'nee'},${sc?.residentResponse ?? ''}\n`;
}
function arr(s: SignalInput): string {
  const p = s.person, a = s.address, sc = s.socialCollection;
  const c = [s.reference, s.signalType, s.signalDate, s.municipalityCode ?? '', s.onBehalfOf ?? '', typeof s.amount === 'number' ? euros(s.amount) : s.amount ?? '', '', s.arrearStartDate ?? '', s.bsn ?? '', p?.initials ?? '', p?.givenName ?? '', p?.prefix ?? '', p?.surname ?? '', a?.street ?? '', a?.houseNumber ?? '', a?.houseNumberAddition ?? '', a?.postcode ?? '', a?.city ?? '', s.phone ?? '', s.email ?? '', s.customerNumber ?? '', s.birthDate ?? '', s.crisis ? 'ja' : 'nee', sc?.personalContactAttemptedOn ?? '', sc?.debtAssistanceReferredOn ?? '', sc?.reminderSentOn ?? '', sc?.agreementOfferedInReminder ? 'ja' : 'nee', sc?.residentResponse ?? ''];
  for (let i = 0; i < c.length; i++) if (SPECIAL.test(c[i]!)) c[i] = `"${c[i]!.replace(/"/g, '""')}"`;
  return c.join(',') + '\n';
}
const buf = Buffer.allocUnsafe(1 << 22);
for (let rep = 0; rep < 4; rep++) {
  for (const [name, f] of [['ref', signalToCsvLine], ['tmpl', tmpl], ['arr', arr]] as const) {
    const t0 = performance.now(); let o = 0;
    for (const s of sigs) { const l = f(s); if (o > 4000000) o = 0; o += buf.write(l, o); }
    console.log(name, ((performance.now() - t0) * 1000 / sigs.length).toFixed(3));
  }
  let t0 = performance.now(); let o = 0;
  for (const s of sigs) { const l = tmpl(s); if (QN.test(l)) o++; }
  console.log('tmpl+regex no write', ((performance.now() - t0) * 1000 / sigs.length).toFixed(3));
}
