import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SIGNAL_SUB_SCHEMAS, SignalInputSchema } from '../../domain/signals/signal-schema.ts';
import type { Refusal } from '../../domain/rules/judgement.ts';

// ajv-formats is CommonJS; under ESM interop its function may arrive nested under `default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv);
for (const s of SIGNAL_SUB_SCHEMAS) ajv.addSchema(s);
const validate = ajv.compile(SignalInputSchema);

function describeSchemaError(e: ErrorObject, root = ''): Refusal {
  const field = (root + e.instancePath).replace(/^\//, '').replace(/\//g, '.') || undefined;
  let nl = `ongeldige waarde: ${e.message ?? ''}`;
  let en = `invalid value: ${e.message ?? ''}`;
  let f = field;
  if (e.keyword === 'additionalProperties') {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    f = field ? `${field}.${extra}` : extra;
    nl = `onbekend veld '${extra}': velden die geen regeling aanwijst worden niet aangenomen`;
    en = `unknown field '${extra}': fields no regulation designates are not accepted`;
  } else if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    f = field ? `${field}.${missing}` : missing;
    nl = `verplicht veld '${missing}' ontbreekt`;
    en = `required field '${missing}' is missing`;
  } else if (e.keyword === 'format' && (e.params as { format: string }).format === 'date') {
    nl = 'geen geldige datum (verwacht JJJJ-MM-DD)';
    en = 'not a valid date (expected YYYY-MM-DD)';
  } else if (e.keyword === 'type') {
    nl = `verkeerd type: verwacht ${(e.params as { type: string }).type}`;
    en = `wrong type: expected ${(e.params as { type: string }).type}`;
  }
  return { code: 'SCHEMA_INVALID', inputError: true, ...(f ? { field: f } : {}), message: { nl, en } };
}

/** Checks an arbitrary value against the SignalInput schema; returns the first problem, if any. */
export function checkSignalShape(value: unknown): Refusal | undefined {
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  return e
    ? describeSchemaError(e)
    : { code: 'SCHEMA_INVALID', inputError: true, message: { nl: 'ongeldig signaal', en: 'invalid signal' } };
}
