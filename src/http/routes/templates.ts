import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, CSV_COLUMN_DOCS, REQUIRED_CSV_COLUMNS } from '../../domain/signals/csv-columns.ts';
import { responses } from '../openapi-helpers.ts';
import { requestLang } from '../language.ts';
import { textIn } from '../../domain/i18n/index.ts';

/** The CSV template and its documentation: public, so integrators can read them before they have a key. */
export function registerTemplateRoutes(app: FastifyInstance): void {
  app.get(
    '/v1/templates/signals.csv',
    {
      schema: {
        operationId: 'getSignalsCsvTemplate',
        tags: ['Batches'],
        summary: 'The CSV template for batch files: the header and one example row',
        security: [],
        response: responses({ 200: { description: 'CSV template', contentType: 'text/csv' } }),
      },
    },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="vroegsignaal-sjabloon.csv"')
        .send(stringify([[...CSV_COLUMNS], CSV_COLUMNS.map((c) => CSV_COLUMN_DOCS[c].example)])),
  );

  app.get(
    '/v1/templates/signals-columns',
    {
      schema: {
        operationId: 'getSignalsCsvColumns',
        tags: ['Batches'],
        summary: 'What each column of the CSV template means',
        security: [],
        response: responses({
          200: {
            description: 'Column documentation',
            schema: Type.Array(
              Type.Object({ name: Type.String(), required: Type.Boolean(), description: Type.String(), example: Type.String() }),
            ),
          },
        }),
      },
    },
    async (req) => {
      const lang = requestLang(req);
      return CSV_COLUMNS.map((c) => ({
        name: c,
        required: REQUIRED_CSV_COLUMNS.includes(c),
        description: textIn(CSV_COLUMN_DOCS[c], lang),
        example: CSV_COLUMN_DOCS[c].example,
      }));
    },
  );
}
