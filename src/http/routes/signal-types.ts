import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { getRulesInForce } from '../../app/rules/get-rules-in-force.ts';
import { dateKey } from '../../domain/rules/input-checks.ts';
import { responses } from '../openapi-helpers.ts';
import { HttpProblem, problemDetail } from '../problem.ts';
import { CitationSchema } from '../schemas.ts';

const Localized = Type.Object({ nl: Type.String(), en: Type.String() });
const Citation = Type.Ref(CitationSchema);
const VerifyNote = Type.Object({
  part: Type.String({ description: 'What the note is about: regulation, publication, entry_into_force, transitional, designation, senders, municipalities, data, conditions, social_collection, rule, register' }),
  note: Type.String({ description: 'What could not be checked against the official text' }),
});

const InForceEntrySchema = Type.Object(
  {
    signalType: Type.String(),
    label: Localized,
    ruleId: Type.String(),
    regulation: Type.Object({ id: Type.String(), title: Type.String(), version: Type.String(), validFrom: Type.String({ format: 'date' }), validUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]), url: Type.String() }),
    basis: Type.Union([Type.Literal('direct'), Type.Literal('transitional')], { description: 'transitional: only for procedures running when the regulation lapsed (TR art. 3.1 lid 2)' }),
    period: Type.Object({ from: Type.Union([Type.String({ format: 'date' }), Type.Null()]), until: Type.Union([Type.String({ format: 'date' }), Type.Null()]) }),
    transitional: Type.Union([
      Type.Object({ reminderBy: Type.String({ format: 'date' }), signalsUntil: Type.String({ format: 'date' }), interpretation: Localized, citation: Citation }),
      Type.Null(),
    ]),
    designation: Citation,
    senders: Type.Object({ list: Type.Array(Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String({ description: 'In Dutch, as the regulation names it' }), label: Type.Object({ nl: Type.String(), en: Type.String() }) })), citation: Citation }),
    municipalities: Type.Object({
      all: Type.Boolean(),
      onlyCollectedBySender: Type.Boolean(),
      list: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
      citation: Citation,
    }),
    data: Type.Object({ categories: Type.Array(Type.String()), citation: Citation }),
    conditions: Type.Array(Type.Object({ kind: Type.String(), code: Type.String(), citation: Citation }, { additionalProperties: true })),
    socialCollection: Type.Array(Type.Object({ step: Type.String(), citation: Citation })),
    plausibility: Type.Object({ amountRequired: Type.Boolean(), maxAmount: Type.Number() }),
    ddasPartner: Type.String({ description: 'DDAS EnumSignaalpartner' }),
    verified: Type.Boolean({ description: 'False when a value still needs checking against the official text (see verify)' }),
    verify: Type.Array(VerifyNote),
  },
  { $id: 'SignalTypeInForce', title: 'SignalTypeInForce' },
);

const RulesInForceSchema = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    entries: Type.Array(Type.Ref(InForceEntrySchema)),
    notInForce: Type.Array(
      Type.Object({
        signalType: Type.String(),
        label: Localized,
        reason: Type.Union([Type.Literal('repealed'), Type.Literal('lapsed'), Type.Literal('not_yet'), Type.Literal('ended')]),
        since: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
        citation: Type.Union([Citation, Type.Null()]),
      }),
    ),
  },
  { $id: 'SignalTypesInForce', title: 'SignalTypesInForce' },
);

const Query = Type.Object({ date: Type.Optional(Type.String({ format: 'date', description: 'The day to judge (YYYY-MM-DD); default today in the Netherlands' })) });

/** "What is in force on date X": public, because the regulations are public law and senders need them before they have a key. */
export function registerSignalTypeRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addSchema(InForceEntrySchema);
  app.addSchema(RulesInForceSchema);
  app.get<{ Querystring: Static<typeof Query> }>(
    '/v1/signal-types',
    {
      schema: {
        operationId: 'listSignalTypesInForce',
        tags: ['Rules'],
        summary: 'The signal types in force on a date: senders, municipalities, data, period, citations and what is not yet verified',
        security: [],
        querystring: Query,
        response: responses({ 200: { description: 'What is in force, and what is not (repealed, lapsed, not yet)', schema: Type.Ref(RulesInForceSchema) } }),
      },
    },
    async (req) => {
      const date = req.query.date;
      if (date !== undefined && dateKey(date) < 0) throw new HttpProblem(400, 'invalidDate', problemDetail('dateInvalid', { date }), 'DATE_INVALID');
      return getRulesInForce(deps, date);
    },
  );
}
