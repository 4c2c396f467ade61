import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, insertNote } from '../../db/repositories/case-work.ts';
import { parseNote } from '../../domain/worklist/case-work.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

/** Adds a note to a case of the caller's municipality. The timeline says a note was added, not what it says. */
export async function addNote(deps: AppDeps, ctx: CallContext, caseId: string, input: { body: string }): Promise<string> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  return deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    const parsed = parseNote(input.body);
    if (!parsed.value) throw new WorklistInputError(parsed.errors as Record<string, string>);
    const id = await insertNote(trx, { caseId: c.id, municipality, body: parsed.value, createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null });
    await appendCaseEvents(trx, [{ caseId: c.id, municipality, kind: 'note', detail: { noteId: id }, ...timelineActor(ctx) }]);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.note', objectType: 'case', objectIds: [c.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success', detail: { noteId: id } });
    return id;
  });
}
