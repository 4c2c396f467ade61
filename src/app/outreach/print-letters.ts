import type { Writable } from 'node:stream';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getCaseOf } from '../../db/repositories/case-work.ts';
import { activeCasesWithoutAttemptPerQueue, casesWithAttemptOfType } from '../../db/repositories/outreach.ts';
import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { worklistPage } from '../../db/repositories/worklist.ts';
import { compose, letterDate, type Language } from '../../domain/outreach/templates.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from '../worklist/classify-cases.ts';
import { worklistQueryOf } from '../worklist/list-worklist.ts';
import type { AllowedCategories } from '../worklist/open-case.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality } from '../worklist/own-municipality.ts';
import { municipalityNameOf, templateOf } from './outreach-templates.ts';
import { recipientsOf } from './recipients.ts';
import { registerSent } from './register-sent.ts';
import { writeLettersPdf, type LetterPage } from './render-letters-pdf.ts';

/** More letters than a print shop takes in one run; beyond it the run is cut off (and says so). */
const MAX_LETTERS = 20_000;
const BATCH = 500;

export interface LetterRunResult {
  letters: number;
  /** Cases left out because no signal's rule allowed contact details (no name and address to print). */
  withoutAddress: number;
  /** Cases of a queue left out because they already had a letter (a contact attempt 'Brief'); 0 with `reprint`. */
  alreadyHadLetter: number;
  truncated: boolean;
}

/** The open and picked-up cases of one queue, in the worklist's order, at most MAX_LETTERS + 1. */
async function casesOfQueue(deps: AppDeps, ctx: CallContext, municipality: string, queue: string): Promise<string[]> {
  await classifyCases(deps, ctx, municipality);
  const settings = await getWorklistSettings(deps.db, municipality);
  const { query } = worklistQueryOf(ctx, municipality, dutchToday(deps.now()), settings.contactTargetDays, { queue, status: 'active', sort: 'due' }, { limit: BATCH });
  const ids: string[] = [];
  for (let offset = 0; ids.length <= MAX_LETTERS; offset += BATCH) {
    const batch = await worklistPage(deps.db, { ...query, offset, limit: BATCH });
    ids.push(...batch.map((r) => r.id));
    if (batch.length < BATCH) break;
  }
  return ids;
}

/**
 * Prints letters as one PDF on `out`, one a page, for one case or the active cases of a queue, in
 * the municipality's own template (or the default). A queue's run leaves out the cases that already
 * had a letter (printed here or recorded by hand as contact attempt 'Brief'), so running it again next
 * week prints only the new cases; `reprint` includes them all. One case asked for by itself is always
 * printed. Only the categories the signals' rules allowed reach the letter. The file is streamed batch by batch; once it is written, every printed case gets
 * its DDAS contact attempt 'Brief' and the run is audited (which cases, never an address).
 */
export async function printLetters(
  deps: AppDeps,
  ctx: CallContext,
  target: { caseId: string } | { queue: string; reprint?: boolean },
  language: Language,
  allowed: AllowedCategories,
  out: Writable,
): Promise<LetterRunResult> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  let ids: string[];
  if ('caseId' in target) {
    if (!(await getCaseOf(deps.db, municipality, target.caseId))) throw new NotFoundInMunicipality(`case ${target.caseId}`);
    ids = [target.caseId];
  } else ids = await casesOfQueue(deps, ctx, municipality, target.queue);
  let alreadyHadLetter = 0;
  if ('queue' in target && !target.reprint) {
    const had = new Set<string>();
    for (let i = 0; i < ids.length; i += BATCH) for (const id of await casesWithAttemptOfType(deps.db, municipality, ids.slice(i, i + BATCH), 'Brief')) had.add(id);
    alreadyHadLetter = had.size;
    ids = ids.filter((id) => !had.has(id));
  }
  // A queue's list stops at MAX_LETTERS + 1 cases before those that had a letter are left out, so a
  // cut-off run says so, and running it again prints the next ones.
  const truncated = ids.length + alreadyHadLetter > MAX_LETTERS;
  ids = ids.slice(0, MAX_LETTERS);
  const template = await templateOf(deps.db, municipality, 'letter', language);
  const gemeente = await municipalityNameOf(deps, ctx);
  const datum = letterDate(dutchToday(deps.now()), language);
  const sender = language === 'nl' ? `Gemeente ${gemeente}` : `Municipality of ${gemeente}`;
  const printed: string[] = [];

  async function* pages(): AsyncGenerator<LetterPage> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const recipients = await recipientsOf(deps, municipality, batch, allowed);
      for (const id of batch) {
        const r = recipients.get(id);
        if (!r) continue;
        const text = compose(template, { naam: r.name, adres: r.addressLines.join(', '), gemeente, datum });
        printed.push(id);
        yield { sender, addressLines: [r.name, ...r.addressLines], date: datum, subject: text.subject, body: text.body };
      }
    }
  }

  const letters = await writeLettersPdf(pages(), out, { title: language === 'nl' ? 'Brieven' : 'Letters' });
  const registered = await registerSent(deps, ctx, municipality, printed, 'letter', language);
  if (registered.length < printed.length) {
    const done = new Set(registered);
    // Cases closed while the run printed: printed, yet no contact attempt can go on a closed case.
    await appendAudit(deps.db, { ...auditActor(ctx), activity: 'outreach.letter', objectType: 'case', objectIds: printed.filter((id) => !done.has(id)), outcome: 'refused', detail: { reason: 'case closed' } });
  }
  return { letters, withoutAddress: ids.length - printed.length, alreadyHadLetter, truncated };
}

/** Per queue of the caller's municipality, its active cases without a letter yet: what a run prints by default. */
export async function casesAwaitingLetterPerQueue(deps: AppDeps, ctx: CallContext): Promise<Map<string, number>> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  return activeCasesWithoutAttemptPerQueue(deps.db, municipality, 'Brief');
}
