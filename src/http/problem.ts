import { Type } from '@sinclair/typebox';
import { textIn, type LocalizedText } from '../domain/i18n/index.ts';
import type { Lang } from './language.ts';
import { problemDetails, problemTitles } from './problem-messages.ts';

/** RFC 9457 problem details, as the NL API Design Rules require for every error. */
export const ProblemSchema = Type.Object(
  {
    type: Type.Optional(Type.String({ description: 'URI identifying the problem type' })),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Stable machine-readable code' })),
    invalidParams: Type.Optional(
      Type.Array(
        Type.Object({
          name: Type.String({ description: 'The field, as a path (signals.0.signalDate)' }),
          in: Type.Optional(Type.String()),
          reason: Type.String(),
          code: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { $id: 'Problem', title: 'Problem' },
);

export type ProblemTitle = keyof (typeof problemTitles.messages)['nl'];
export type ProblemDetail = keyof (typeof problemDetails.messages)['nl'];
export type InvalidParam = { name: string; in?: string; reason: string; code?: string };

/**
 * A problem to answer with. Its title is a key of the problems catalog and its detail a text in
 * every language (from the catalog, `problemDetail`, or a message that comes with its languages),
 * so whoever throws it need not know the request's language: the error handler picks it.
 */
export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: ProblemTitle,
    public readonly detail: LocalizedText,
    public readonly code?: string,
    public readonly invalidParams?: InvalidParam[],
  ) {
    super(detail.en);
  }

  /** Title and detail in one language. */
  textIn(lang: Lang): { title: string; detail: string } {
    return { title: problemTitles(lang)(this.title), detail: textIn(this.detail, lang) };
  }
}

/** A detail from the problems catalog, in every language. */
export const problemDetail = problemDetails.inAll;

export const notFound = (detail: 'apiKeyNotFound' | 'signalNotFound' | 'batchNotFound' | 'objectionNotFound') => new HttpProblem(404, 'notFound', problemDetail(detail), 'NOT_FOUND');
