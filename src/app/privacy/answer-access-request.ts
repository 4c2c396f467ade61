import { buildAccessAnswer, type AccessAnswer } from '../../domain/privacy/access-answer.ts';
import type { AccessDocument } from '../../domain/privacy/access-document.ts';
import type { SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { textIn, type Locale } from '../../domain/i18n/index.ts';
import { organisationNames } from '../../db/repositories/organisations.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { getSubjectData } from './get-subject-data.ts';

/**
 * An access request answered for the resident: the document (getSubjectData: permission, own
 * municipality, audited) and its plain-language answer with the organisations named.
 */
export async function answerAccessRequest(deps: AppDeps, ctx: CallContext, query: SubjectQuery, lang: Locale): Promise<AccessRequestAnswer> {
  const doc = await getSubjectData(deps, ctx, query);
  const ids = [doc.municipalityCode, ...doc.signals.flatMap((s) => [s.sender, s.creditor])];
  const names = await organisationNames(deps.db, [...new Set(ids)]);
  const signalTypeNames = new Map(deps.rules.signalTypes().map((t) => [t.signalType, textIn(t.label, lang)]));
  return {
    doc,
    organisationNames: names,
    signalTypeNames,
    answer: buildAccessAnswer(doc, { lang, municipalityName: names.get(doc.municipalityCode) ?? doc.municipalityCode, organisationNames: names, signalTypeNames }),
  };
}

export interface AccessRequestAnswer {
  doc: AccessDocument;
  answer: AccessAnswer;
  organisationNames: ReadonlyMap<string, string>;
  signalTypeNames: ReadonlyMap<string, string>;
}
