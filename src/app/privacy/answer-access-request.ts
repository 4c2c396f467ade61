import { buildAccessAnswer, type AccessAnswer } from '../../domain/privacy/access-answer.ts';
import type { AccessDocument } from '../../domain/privacy/access-document.ts';
import type { SubjectQuery } from '../../domain/privacy/subject-query.ts';
import type { Locale } from '../../domain/i18n/index.ts';
import { organisationNames } from '../../db/repositories/organisations.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { getSubjectData } from './get-subject-data.ts';

/**
 * An access request answered for the resident: the document (getSubjectData: permission, own
 * municipality, audited) and its plain-language answer with the organisations named.
 */
export async function answerAccessRequest(deps: AppDeps, ctx: CallContext, query: SubjectQuery, lang: Locale): Promise<{ doc: AccessDocument; answer: AccessAnswer }> {
  const doc = await getSubjectData(deps, ctx, query);
  const ids = [doc.municipalityCode, ...doc.signals.flatMap((s) => [s.sender, s.creditor])];
  const names = await organisationNames(deps.db, [...new Set(ids)]);
  return { doc, answer: buildAccessAnswer(doc, { lang, municipalityName: names.get(doc.municipalityCode) ?? doc.municipalityCode, organisationNames: names }) };
}
