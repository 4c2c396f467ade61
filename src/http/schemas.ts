import { Type } from '@sinclair/typebox';

export const CitationSchema = Type.Object(
  {
    regulation: Type.String(),
    title: Type.String(),
    article: Type.String(),
    paragraph: Type.Optional(Type.String()),
    item: Type.Optional(Type.String()),
    url: Type.String(),
  },
  { $id: 'Citation', title: 'Citation' },
);

const RefusalSchema = Type.Object(
  {
    code: Type.String(),
    inputError: Type.Boolean({ description: 'True for syntactic problems in the input' }),
    field: Type.Optional(Type.String()),
    citation: Type.Optional(Type.Ref(CitationSchema)),
    message: Type.String({ description: 'In the language asked for (Accept-Language), Dutch by default' }),
  },
  { $id: 'Refusal', title: 'Refusal' },
);

const SignalResultSchema = Type.Object(
  {
    row: Type.Integer({ description: 'Position in the request (1-based)' }),
    reference: Type.String(),
    outcome: Type.Union([Type.Literal('accepted'), Type.Literal('refused'), Type.Literal('duplicate'), Type.Literal('conflict')]),
    signalId: Type.Optional(Type.String()),
    regulationVersion: Type.Optional(Type.String()),
    ruleId: Type.Optional(Type.String()),
    municipalityCode: Type.Optional(Type.String({ description: 'The municipality the signal goes to (CBS code)' })),
    routing: Type.Optional(
      Type.Union([Type.Literal('address'), Type.Literal('address-corrected'), Type.Literal('postcode-area')], {
        description:
          'Present when the platform settled the municipality: address (no code sent; placed by postcode and house number), address-corrected (the code sent contradicts the national address table; the signal goes to the municipality of the address), postcode-area (placed by the four-digit postcode area only)',
      }),
    ),
    routedFrom: Type.Optional(Type.String({ description: 'With address-corrected: the municipality code that was sent' })),
    applied: Type.Array(Type.Ref(CitationSchema)),
    refusals: Type.Array(Type.Ref(RefusalSchema)),
  },
  { $id: 'SignalResult', title: 'SignalResult' },
);

export const SubmitResponseSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    summary: Type.Object({
      accepted: Type.Integer(),
      refused: Type.Integer(),
      duplicate: Type.Integer(),
      conflict: Type.Integer(),
    }),
    results: Type.Array(Type.Ref(SignalResultSchema)),
  },
  { $id: 'SubmitResponse', title: 'SubmitResponse' },
);

export const BatchSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    filename: Type.Union([Type.String(), Type.Null()]),
    format: Type.String(),
    status: Type.Union([Type.Literal('receiving'), Type.Literal('completed'), Type.Literal('failed')]),
    bytesReceived: Type.Integer(),
    bytesExpected: Type.Union([Type.Integer(), Type.Null()]),
    rowsTotal: Type.Integer(),
    rowsAccepted: Type.Integer(),
    rowsRefused: Type.Integer(),
    rowsDuplicate: Type.Integer(),
    error: Type.Union([
      Type.Object({ code: Type.String(), message: Type.String() }),
      Type.Null(),
    ]),
    fileFormat: Type.Union(
      [
        Type.Object(
          {
            format: Type.String({ description: 'csv or jsonl' }),
            delimiter: Type.Union([Type.Literal(','), Type.Literal(';'), Type.Null()], { description: 'The separator read from the header row (CSV)' }),
            byteOrderMark: Type.Boolean({ description: 'The file started with a UTF-8 byte order mark (Excel "CSV UTF-8")' }),
            encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252')], { description: 'Windows-1252 when the bytes were not UTF-8 (Excel "CSV (gescheiden door lijstscheidingsteken)")' }),
            notation: Type.Union([Type.Literal('standard'), Type.Literal('nl')], { description: 'nl: decimal comma and d-m-jjjj dates accepted (a file separated by ;)' }),
          },
          { description: 'How the file was read (known once it was read)' },
        ),
        Type.Null(),
      ],
    ),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    resultsUrl: Type.String(),
  },
  { $id: 'Batch', title: 'Batch' },
);

export const SignalFeedbackSchema = Type.Object(
  {
    id: Type.String(),
    reference: Type.String(),
    signalType: Type.String(),
    signalDate: Type.String({ format: 'date' }),
    municipalityCode: Type.String(),
    regulationVersion: Type.String(),
    receivedAt: Type.String({ format: 'date-time' }),
    status: Type.String({ description: 'DDAS signal status as the creditor may see it' }),
  },
  { $id: 'SignalFeedback', title: 'SignalFeedback' },
);

export const SHARED_SCHEMAS = [CitationSchema, RefusalSchema, SignalResultSchema, SubmitResponseSchema, BatchSchema, SignalFeedbackSchema];
