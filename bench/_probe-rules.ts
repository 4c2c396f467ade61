import { evaluate } from '../src/domain/rules/evaluate.ts';
import { loadRuleBook } from '../src/domain/rules/load-rule-files.ts';
const book = loadRuleBook();
const SOCIAL = { personalContactAttemptedOn: '2025-02-20', debtAssistanceReferredOn: '2025-02-20', reminderSentOn: '2025-02-01', agreementOfferedInReminder: true, residentResponse: 'none' as const };
const sig = { reference: 'R', signalType: 'rent', signalDate: '2025-03-14', municipalityCode: 'GM0344', amount: '812.50', person: { initials: 'J.', surname: 'Jansen' }, address: { street: 'D', houseNumber: '12', postcode: '3511 AB', city: 'Utrecht' }, phone: '06', arrearStartDate: '2024-12-01', socialCollection: SOCIAL };
const sender = { organisationId: 'mitros' };
const N = 3_000_000;
// many copies with same shape
const arr = Array.from({ length: 1_000_000 }, (_, i) => ({ ...sig, reference: 'R' + i }));
for (let r = 0; r < 3; r++) {
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) evaluate(sig, sender, book);
  let s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log('same object', Math.round(N / s));
  t = process.hrtime.bigint();
  for (let i = 0; i < arr.length; i++) evaluate(arr[i]!, sender, book);
  s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log('1M same-shape objects', Math.round(arr.length / s));
}
