import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { CaseFileDoc } from './cases.ts';
import type { RegulationVersionDoc } from './regulation.ts';

/**
 * JSON Schema checks of rule and register documents (rules/schema/*.json). Pure: the caller
 * passes the schema objects in, so this module does no I/O.
 */

// ajv-formats is CommonJS; under NodeNext its default import is the module object's type.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface RuleSchemas {
  regulation: object;
  register: object;
}

export interface SchemaValidators {
  regulation: ValidateFunction<RegulationVersionDoc>;
  register: ValidateFunction<unknown>;
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

export function compileCaseSchema(schema: object): ValidateFunction<CaseFileDoc> {
  return newAjv().compile<CaseFileDoc>(schema);
}

export function compileSchemas(schemas: RuleSchemas): SchemaValidators {
  const ajv = newAjv();
  return {
    regulation: ajv.compile<RegulationVersionDoc>(schemas.regulation),
    register: ajv.compile(schemas.register),
  };
}

export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  if (!errors) return [];
  // oneOf reports every branch; the most specific messages are the ones deepest in the document.
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  const relevant = errors.filter((e) => e.instancePath.split('/').length >= deepest - 1 && e.keyword !== 'oneOf');
  const list = (relevant.length > 0 ? relevant : errors).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params['additionalProperty'])}'` : ''}`);
  return [...new Set(list)];
}
