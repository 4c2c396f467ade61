// bench:brp — the BRP checks of N new cases (default 10,000) against the local BRP stub, through
// the real Haal Centraal client over HTTP: persons by BSN (BRP API Personen, 20 per call) and the
// residents of their dwellings on the signal date (BRP bewoning, one dwelling per call). Prints the
// time and the number of HTTP calls of each; the stub runs in this process (its work is in the time).
// Then the case level (bench/lib/brp-cases.ts): N new cases on PostgreSQL checked as the job does it.
//   npm run bench:brp [-- --count 10000 --concurrency 8 --cases true]
import { parseArgs } from 'node:util';
import { startBrpStub, stubConnection } from '../src/simulation/brp-stub/server.ts';
import { buildStubRegister } from '../src/simulation/brp-stub/residents.ts';
import { HaalCentraalBrp } from '../src/infra/brp/haal-centraal-brp.ts';
import { machineLine } from './lib/machine.ts';
import { benchBrpCases } from './lib/brp-cases.ts';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '8' }, cases: { type: 'string', default: 'true' } } });
const count = Number(args.count);
const concurrency = Number(args.concurrency);
const date = '2026-01-15';

console.log(`bench:brp — ${machineLine()}`);
let t = performance.now();
// Enough households that N persons and N distinct dwellings exist (about two persons a household).
const register = buildStubRegister({ scale: Math.max(0.005, (count * 2.6) / 1_595_000) });
const stub = await startBrpStub({ register, today: () => date });
console.log(`stub: ${register.persons.size} persons, ${register.byAddressableObject.size} dwellings (built in ${((performance.now() - t) / 1000).toFixed(1)} s) at ${stub.url}`);
if (register.persons.size < count || register.byAddressableObject.size < count) throw new Error('too few synthetic persons or dwellings for --count');

const brp = new HaalCentraalBrp(stubConnection(stub, 'GM0363', { timeoutMs: 10_000, concurrency }));

const bsns = [...register.persons.keys()].slice(0, count);
t = performance.now();
const persons = await brp.persons(bsns);
const personsSeconds = (performance.now() - t) / 1000;
const afterPersons = { ...brp.http.stats };
console.log(`Personen (RaadpleegMetBurgerservicenummer): ${count} BSNs → ${persons.size} persons in ${personsSeconds.toFixed(2)} s; ${afterPersons.calls} HTTP calls (${afterPersons.tokenCalls} token, ${afterPersons.calls - afterPersons.tokenCalls} personen), ${afterPersons.retries} retries; ${(count / personsSeconds).toFixed(0)} persons/s`);

const dwellings = [...register.byAddressableObject.keys()].slice(0, count);
t = performance.now();
const occupancy = await brp.occupancyOn(dwellings, date);
const bewoningSeconds = (performance.now() - t) / 1000;
const calls = brp.http.stats.calls - afterPersons.calls;
const minors = [...occupancy.values()].reduce((n, o) => n + o.minorCount, 0);
console.log(`Bewoning (BewoningMetPeildatum ${date}): ${count} dwellings → ${occupancy.size} answered (${minors} minors) in ${bewoningSeconds.toFixed(2)} s; ${calls} HTTP calls, ${brp.http.stats.retries - afterPersons.retries} retries; ${(count / bewoningSeconds).toFixed(0)} dwellings/s`);
console.log(`stub received: ${stub.stats.token} token, ${stub.stats.personen} personen, ${stub.stats.bewoning} bewoning requests (concurrency ${concurrency})`);

await brp.close();
await stub.close();

if (args.cases !== 'false') await benchBrpCases(count, concurrency);
