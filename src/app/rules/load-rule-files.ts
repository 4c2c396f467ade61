import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { EMPTY_REGISTERS, mergeRegisters, type Registers } from '../../domain/registers/registers.ts';
import { designationPeriodErrors } from '../../domain/rules/designation-period.ts';
import type { RegulationVersionDoc } from '../../domain/rules/regulation.ts';
import { buildRuleBook, type RuleBook } from '../../domain/rules/rule-book.ts';
import type { CaseFileDoc } from '../../domain/rules/cases.ts';
import { compileCaseSchema, compileSchemas, formatSchemaErrors, type SchemaValidators } from '../../domain/rules/rule-schema.ts';

/**
 * Reads the rule files from disk. The only module of the rules that does I/O; everything it
 * returns goes through the schemas and the semantic checks (five-year cap of art. 10 Wgs, file
 * name = valid_from, folder name = regulation id) before a rule book is built from it.
 *
 * Layout of a rules folder:
 *   <dir>/schema/regulation.schema.json, register.schema.json   (only in the main folder)
 *   <dir>/registers/*.yaml                                       registers
 *   <dir>/<regulation-id>/<valid_from>.yaml                      one file per regulation version
 *   <dir>/<regulation-id>/cases/*.yaml                           cases (see cases.ts)
 */

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));

export class RuleFileError extends Error {
  override name = 'RuleFileError';
  constructor(readonly problems: readonly string[]) {
    super(`The rule files are invalid:\n- ${problems.join('\n- ')}`);
  }
}

export interface LoadedRules {
  regulations: RegulationVersionDoc[];
  registers: Registers;
  /** The files read, for messages and the README. */
  files: string[];
}

const VERSION_FILE = /^(\d{4}-\d{2}-\d{2})\.ya?ml$/;
const SKIPPED_DIRS = new Set(['schema', 'registers', 'cases', 'node_modules']);

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readYaml(path: string, problems: string[]): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`${path}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

let cachedValidators: { dir: string; validators: SchemaValidators } | undefined;

function loadValidators(schemaDir = join(DEFAULT_RULES_DIR, 'schema')): SchemaValidators {
  if (cachedValidators?.dir === schemaDir) return cachedValidators.validators;
  const read = (name: string): object => JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as object;
  const validators = compileSchemas({ regulation: read('regulation.schema.json'), register: read('register.schema.json') });
  cachedValidators = { dir: schemaDir, validators };
  return validators;
}

function readRegisters(dir: string, v: SchemaValidators, problems: string[], files: string[]): Registers {
  const regDir = join(dir, 'registers');
  if (!isDir(regDir)) return EMPTY_REGISTERS;
  const parts: Registers[] = [];
  for (const name of readdirSync(regDir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const path = join(regDir, name);
    files.push(path);
    const doc = readYaml(path, problems);
    if (doc === undefined) continue;
    if (!v.register(doc)) {
      problems.push(...formatSchemaErrors(v.register.errors).map((m) => `${path}: ${m}`));
      continue;
    }
    const d = doc as Record<string, unknown>;
    switch (d['register']) {
      case 'municipalities':
        parts.push({ ...EMPTY_REGISTERS, municipalities: d['municipalities'] as Registers['municipalities'] });
        break;
      case 'organisation_kinds':
        parts.push({ ...EMPTY_REGISTERS, organisationKinds: d['kinds'] as Registers['organisationKinds'] });
        break;
      case 'organisations':
        parts.push({ ...EMPTY_REGISTERS, organisations: d['organisations'] as Registers['organisations'] });
        break;
      case 'groups':
        parts.push({ ...EMPTY_REGISTERS, groups: d['groups'] as Registers['groups'] });
        break;
      case 'legal_grounds':
        parts.push({ ...EMPTY_REGISTERS, legalGrounds: d['grounds'] as Registers['legalGrounds'] });
        break;
    }
  }
  return mergeRegisters(...parts);
}

function readRegulations(dir: string, v: SchemaValidators, problems: string[], files: string[]): RegulationVersionDoc[] {
  const out: RegulationVersionDoc[] = [];
  for (const id of readdirSync(dir).sort()) {
    const sub = join(dir, id);
    if (SKIPPED_DIRS.has(id) || id.startsWith('.') || id.startsWith('_') || !isDir(sub)) continue;
    for (const name of readdirSync(sub).sort()) {
      const m = VERSION_FILE.exec(name);
      if (m === null) continue;
      const path = join(sub, name);
      files.push(path);
      const doc = readYaml(path, problems);
      if (doc === undefined) continue;
      if (!v.regulation(doc)) {
        problems.push(...formatSchemaErrors(v.regulation.errors).map((e) => `${path}: ${e}`));
        continue;
      }
      if (doc.id !== id) problems.push(`${path}: id '${doc.id}' differs from its folder '${id}'`);
      if (doc.valid_from !== m[1]) problems.push(`${path}: valid_from ${doc.valid_from} differs from the file name ${basename(name)}`);
      if (doc.valid_until !== null && doc.valid_until < doc.valid_from) problems.push(`${path}: valid_until is before valid_from`);
      out.push(doc);
    }
  }
  return out;
}

/**
 * Reads and checks the regulation versions and registers of one or more rules folders (the main
 * one first; further folders, e.g. test fixtures, add their own files). Throws RuleFileError
 * listing every problem found.
 */
export function loadRuleFiles(dirs: readonly string[] = [DEFAULT_RULES_DIR], schemaDir?: string): LoadedRules {
  const validators = loadValidators(schemaDir);
  const problems: string[] = [];
  const files: string[] = [];
  const regulations: RegulationVersionDoc[] = [];
  const registers: Registers[] = [];
  for (const dir of dirs) {
    registers.push(readRegisters(dir, validators, problems, files));
    regulations.push(...readRegulations(dir, validators, problems, files));
  }
  problems.push(...designationPeriodErrors(regulations));
  if (problems.length > 0) throw new RuleFileError(problems);
  return { regulations, registers: mergeRegisters(...registers), files };
}

/** loadRuleFiles + buildRuleBook. */
export function loadRuleBook(dirs: readonly string[] = [DEFAULT_RULES_DIR], schemaDir?: string): RuleBook {
  const { regulations, registers } = loadRuleFiles(dirs, schemaDir);
  return buildRuleBook({ regulations, registers });
}

export interface LoadedCaseFile {
  path: string;
  doc: CaseFileDoc;
}

/** Reads every <dir>/<regulation-id>/cases/*.yaml and checks it against rules/schema/cases.schema.json. */
export function loadCaseFiles(dirs: readonly string[] = [DEFAULT_RULES_DIR], schemaDir = join(DEFAULT_RULES_DIR, 'schema')): LoadedCaseFile[] {
  const validate = compileCaseSchema(JSON.parse(readFileSync(join(schemaDir, 'cases.schema.json'), 'utf8')) as object);
  const problems: string[] = [];
  const out: LoadedCaseFile[] = [];
  for (const dir of dirs) {
    for (const id of readdirSync(dir).sort()) {
      const casesDir = join(dir, id, 'cases');
      if (id.startsWith('.') || id.startsWith('_') || !isDir(casesDir)) continue;
      for (const name of readdirSync(casesDir).sort()) {
        if (!/\.ya?ml$/.test(name)) continue;
        const path = join(casesDir, name);
        const doc = readYaml(path, problems);
        if (doc === undefined) continue;
        if (!validate(doc)) {
          problems.push(...formatSchemaErrors(validate.errors).map((e) => `${path}: ${e}`));
          continue;
        }
        out.push({ path, doc });
      }
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return out;
}
