import { Type } from '@sinclair/typebox';

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

export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string,
    public readonly code?: string,
    public readonly invalidParams?: Array<{ name: string; in?: string; reason: string; code?: string }>,
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'Niet gevonden', `${what} bestaat niet of is niet van uw organisatie.`, 'NOT_FOUND');
