import { PassThrough } from 'node:stream';
import { writeSignals } from '../generate/generate-signals-write.ts';
import { importBatch } from '../../app/intake/import-batch.ts';
import { addMonths, monthStart } from '../../domain/matching/dates.ts';
import { matchAll } from '../../app/matching/match-signals.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../../app/context.ts';
import { DEMO_REGISTER } from '../brp-stub/residents.ts';

/** Which demo creditor sends which signal types (synthetic population, same seed and scale for all). */
const DEMO_FEEDS: Array<{ sender: string; types: string[]; municipalities: string[] }> = [
  { sender: 'demo-woningcorporatie', types: ['rent'], municipalities: ['GM0363', 'GM0599'] },
  { sender: 'demo-energieleverancier', types: ['electricity', 'gas'], municipalities: ['GM0363', 'GM0599'] },
  { sender: 'demo-drinkwaterbedrijf', types: ['drinking_water'], municipalities: ['GM0363', 'GM0599'] },
  { sender: 'demo-zorgverzekeraar', types: ['health_insurance'], municipalities: ['GM0363', 'GM0599'] },
  { sender: 'belastingen-amsterdam', types: ['municipal_tax'], municipalities: ['GM0363'] },
  { sender: 'aegon', types: ['mortgage'], municipalities: ['GM0363', 'GM0599'] },
];

/**
 * Demo data on first start, the current part: synthetic signals (never real residents) of the last
 * two months, delivered through the real batch intake by the demo creditors, then matched into
 * cases today. Invalid and objected rows are part of the synthetic feed, so the demo shows refusals
 * too — and experimental signals dated after the temporary regulation lapsed are refused by it.
 */
export async function seedDemoSignals(deps: AppDeps, perSender = 250): Promise<{ batches: number; accepted: number; refused: number }> {
  // The two months before today, so that the worklist opens on fresh cases with deadlines ahead;
  // never a signal dated after today (intake would refuse it, and DDAS references would break).
  const thisMonth = monthStart(dutchToday(deps.now()));
  const first = addMonths(thisMonth, -2).slice(0, 7);
  const last = addMonths(thisMonth, -1).slice(0, 7);
  let accepted = 0;
  let refused = 0;
  for (const feed of DEMO_FEEDS) {
    const stream = new PassThrough();
    const writing = writeSignals(stream, perSender, {
      format: 'csv',
      asSender: feed.sender,
      signalTypes: feed.types,
      municipalities: feed.municipalities,
      // The BRP stub's population (npm start's local BRP): the residents the signals name live there.
      seed: DEMO_REGISTER.seed,
      firstMonth: first,
      lastMonth: last,
      months: 2,
      scale: DEMO_REGISTER.scale,
      workers: 1,
    }).finally(() => stream.end());
    const batch = await importBatch(deps, systemContext(feed.sender, 'demo-seed'), {
      source: stream,
      format: 'csv',
      filename: `demo-${feed.sender}.csv`,
      maxBytes: 50 * 1024 * 1024,
    });
    await writing;
    accepted += batch.rows_accepted;
    refused += batch.rows_refused;
  }
  await matchAll(deps, systemContext('platform-beheer', 'demo-seed', 'job'));
  return { batches: DEMO_FEEDS.length, accepted, refused };
}
