import { loadPopulationParams } from '../src/cli/generate-params.ts';
import { generatePopulation } from '../src/domain/population/population.ts';
import { generateSignals } from '../src/domain/population/signal-stream.ts';
import { senderDirectory } from '../src/domain/population/sender-directory.ts';
import { loadRuleBook } from '../src/domain/rules/load-rule-files.ts';
import { evaluate } from '../src/domain/rules/evaluate.ts';
const params = loadPopulationParams();
const pop = generatePopulation(params, 42);
let book = loadRuleBook();
const extra = senderDirectory(params).filter((p) => book.organisations.get(p.id) === undefined);
book = book.withOrganisations(extra);
const stats = new Map<string, number>();
let n = 0;
for (const g of generateSignals(pop, params, { firstMonth: '2024-01', months: 24 }, 7)) {
  n++;
  const j = evaluate(g.signal, { organisationId: g.senderId }, book);
  const expectOk = g.truth.defect === undefined && !g.truth.objected;
  const key = `${expectOk ? 'valid' : g.truth.defect ?? 'objected'} -> ${j.decision}${j.decision === 'refused' ? ' ' + j.refusals.map((r) => r.code).join('+') : ''}${expectOk && j.decision === 'refused' ? ' [' + g.signal.signalType + ' ' + g.senderId + ' ' + g.signal.municipalityCode + ' ' + g.signal.signalDate + ']' : ''}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
}
console.log(n);
for (const [k, v] of [...stats].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v, k);
