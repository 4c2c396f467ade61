import type { Citation, LocalizedText, Refusal } from './judgement.ts';
import { fillMessage, message } from './refusal-messages.ts';

/**
 * Builds refusals, memoised: the same code, field, citation and parameters give the same frozen
 * Refusal object, so a batch with many identical mistakes does not format the same message a
 * million times. Consumers must treat refusals as read-only (they are frozen).
 */

export type Params = Record<string, string | number>;

const MAX_ENTRIES = 20_000;
const cache = new Map<string, Refusal>();
const citationIds = new WeakMap<Citation, number>();
let nextCitationId = 1;

function citationId(c: Citation | undefined): number {
  if (c === undefined) return 0;
  let id = citationIds.get(c);
  if (id === undefined) {
    id = nextCitationId++;
    citationIds.set(c, id);
  }
  return id;
}

function keyOf(code: string, inputError: boolean, field: string | undefined, citation: Citation | undefined, params: Params, template?: LocalizedText): string {
  let key = `${code}\u0001${inputError ? 1 : 0}\u0001${field ?? ''}\u0001${citationId(citation)}\u0001${template === undefined ? '' : template.en}`;
  for (const k in params) key += `\u0001${k}=${params[k]}`;
  return key;
}

function remember(key: string, r: Refusal): Refusal {
  // User-controlled values (unknown field names, organisation ids) end up in keys: keep the cache bounded.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const frozen = Object.freeze(r);
  cache.set(key, frozen);
  return frozen;
}

function build(code: string, inputError: boolean, field: string | undefined, citation: Citation | undefined, text: LocalizedText): Refusal {
  const r: Refusal = { code, inputError, message: Object.freeze(text) };
  if (field !== undefined) r.field = field;
  if (citation !== undefined) r.citation = citation;
  return r;
}

/** A refusal whose wording comes from the catalogue in refusal-messages.ts. */
export function makeRefusal(code: string, inputError: boolean, field: string | undefined, citation: Citation | undefined, params: Params): Refusal {
  const key = keyOf(code, inputError, field, citation, params);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = message(code, field === undefined ? params : { ...params, field });
  return remember(key, build(code, inputError, field, citation, text));
}

/** A refusal whose wording is declared with a condition in a rule file. */
export function makeConditionRefusal(code: string, template: LocalizedText, field: string, citation: Citation, params: Params): Refusal {
  const key = keyOf(code, false, field, citation, params, template);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  return remember(key, build(code, false, field, citation, fillMessage(template, params)));
}
