import type { SignalInput } from '../signals/signal.ts';
import type { Sender } from './evaluate.ts';
import { articleOf } from './format-citation.ts';
import type { Citation, Judgement } from './judgement.ts';

/**
 * Cases as data (rules/<regulation-id>/cases/*.yaml, schema rules/schema/cases.schema.json): a
 * signal, its sender and the judgement the law demands, each with its source in the text or the
 * explanatory notes. This module turns a case into its input and compares a judgement with the
 * expectation; it does no I/O.
 */

export interface ExpectedRefusal {
  code: string;
  field?: string;
  input_error?: boolean;
  regulation?: string;
  article?: string;
  paragraph?: string;
  item?: string;
  message_contains?: string;
}

export interface ExpectedCitation {
  regulation?: string;
  article: string;
  paragraph?: string;
  item?: string;
}

export interface CaseDoc {
  name: string;
  source: string;
  sender: string;
  /** Judge as on this day (a later signal date is in the future); absent: no clock check. */
  today?: string;
  base?: string;
  signal?: Record<string, unknown>;
  with?: Record<string, unknown>;
  without?: string[];
  expect: {
    decision: 'accepted' | 'refused';
    regulation_version?: string;
    rule?: string;
    refusals?: ExpectedRefusal[];
    applied_includes?: ExpectedCitation[];
  };
}

export interface CaseFileDoc {
  schema_version: 1;
  regulation: string;
  description?: string;
  bases?: Record<string, Record<string, unknown>>;
  cases: CaseDoc[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone(v: Json): Json {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Json);
}

function deepMerge(target: Record<string, Json>, patch: Record<string, Json>): Record<string, Json> {
  for (const [k, v] of Object.entries(patch)) {
    const cur = target[k];
    target[k] = isObject(cur) && isObject(v) ? deepMerge(cur, v) : clone(v);
  }
  return target;
}

function removePath(target: Record<string, Json>, path: string): void {
  const parts = path.split('.');
  let node: Json = target;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isObject(node)) return;
    node = node[parts[i]!];
  }
  if (isObject(node)) delete node[parts[parts.length - 1]!];
}

/** Who sends a case's signal, and as of which day. */
export function caseSender(c: CaseDoc): Sender {
  return c.today === undefined ? { organisationId: c.sender } : { organisationId: c.sender, latestSignalDate: c.today };
}

/** The signal a case describes: its base (or own signal), with `with` merged in and `without` removed. */
export function caseSignal(file: CaseFileDoc, c: CaseDoc): SignalInput {
  let signal: Record<string, Json>;
  if (c.base !== undefined) {
    const base = file.bases?.[c.base];
    if (base === undefined) throw new Error(`case '${c.name}': unknown base '${c.base}'`);
    signal = clone(base) as Record<string, Json>;
  } else signal = clone(c.signal ?? {}) as Record<string, Json>;
  if (c.with !== undefined) deepMerge(signal, c.with);
  for (const p of c.without ?? []) removePath(signal, p);
  return signal as unknown as SignalInput;
}

function citationMatches(actual: Citation | undefined, e: { regulation?: string; article?: string; paragraph?: string; item?: string }): boolean {
  if (e.article === undefined && e.regulation === undefined && e.paragraph === undefined && e.item === undefined) return true;
  if (actual === undefined) return false;
  return (
    (e.regulation === undefined || actual.regulation === e.regulation) &&
    (e.article === undefined || actual.article === e.article) &&
    (e.paragraph === undefined || actual.paragraph === e.paragraph) &&
    (e.item === undefined || actual.item === e.item)
  );
}

function describeCitation(c: Citation | undefined): string {
  if (c === undefined) return 'no citation';
  return `${c.regulation} ${articleOf(c)}`;
}

/**
 * Differences between a judgement and a case's expectation; empty when they agree. The refusal
 * codes must be exactly the expected ones (as a set), so a case also catches extra refusals.
 */
export function compareWithExpectation(j: Judgement, expect: CaseDoc['expect']): string[] {
  const problems: string[] = [];
  if (j.decision !== expect.decision) problems.push(`decision ${j.decision}, expected ${expect.decision}`);
  if (expect.regulation_version !== undefined && j.regulationVersion !== expect.regulation_version) {
    problems.push(`regulation version ${String(j.regulationVersion)}, expected ${expect.regulation_version}`);
  }
  if (expect.rule !== undefined && j.ruleId !== expect.rule) problems.push(`rule ${String(j.ruleId)}, expected ${expect.rule}`);
  const actualCodes = [...new Set(j.refusals.map((r) => r.code))].sort();
  const expectedCodes = [...new Set((expect.refusals ?? []).map((r) => r.code))].sort();
  if (actualCodes.join(',') !== expectedCodes.join(',')) {
    problems.push(`refusal codes [${actualCodes.join(', ')}], expected [${expectedCodes.join(', ')}]`);
  }
  for (const e of expect.refusals ?? []) {
    const candidates = j.refusals.filter((r) => r.code === e.code);
    if (candidates.length === 0) continue;
    const match = candidates.find(
      (r) =>
        (e.field === undefined || r.field === e.field) &&
        (e.input_error === undefined || r.inputError === e.input_error) &&
        citationMatches(r.citation, e) &&
        (e.message_contains === undefined || r.message.nl.includes(e.message_contains) || r.message.en.includes(e.message_contains)),
    );
    if (match === undefined) {
      const seen = candidates.map((r) => `${r.field ?? '-'} / ${describeCitation(r.citation)} / ${r.message.nl}`).join('; ');
      problems.push(`${e.code}: no refusal matches ${JSON.stringify(e)} (got: ${seen})`);
    }
  }
  for (const e of expect.applied_includes ?? []) {
    if (!j.applied.some((c) => citationMatches(c, e))) {
      problems.push(`applied citations lack ${JSON.stringify(e)} (got: ${j.applied.map(describeCitation).join('; ')})`);
    }
  }
  return problems;
}
