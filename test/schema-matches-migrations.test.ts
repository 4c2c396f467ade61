import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { ENGINES } from './helpers/engines.ts';

// src/db/schema.ts is written by hand next to the SQL migrations; Kysely believes it. This test
// holds it to the database the migrations make: the same tables, the same columns, and a column
// that may be null exactly where the type says `| null`.

const SCHEMA_FILE = fileURLToPath(new URL('../src/db/schema.ts', import.meta.url));

/** Tables the migrations make that the application never queries through Kysely's types. */
const NOT_IN_SCHEMA = new Set([
  'schema_migrations', // the migration runner's own bookkeeping (src/db/migrate.ts)
]);

interface DeclaredColumn {
  nullable: boolean;
}

/** The tables of schema.ts's `DB` interface with their columns, read from the source by the TypeScript parser. */
function declaredTables(): Map<string, Map<string, DeclaredColumn>> {
  const source = ts.createSourceFile(SCHEMA_FILE, readFileSync(SCHEMA_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const s of source.statements) {
    if (ts.isInterfaceDeclaration(s)) interfaces.set(s.name.text, s);
    if (ts.isTypeAliasDeclaration(s)) aliases.set(s.name.text, s);
  }
  const propertyName = (m: ts.TypeElement) => {
    assert.ok(ts.isPropertySignature(m) && m.type && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)), `schema.ts: ${m.getText()} is not a plain property`);
    return { name: m.name.text, type: m.type };
  };
  // What a select returns may be null: `X | null`, also inside Generated<…> and ColumnType<select, …>
  // and behind a type alias of this file.
  const mayBeNull = (t: ts.TypeNode): boolean => {
    if (ts.isLiteralTypeNode(t)) return t.literal.kind === ts.SyntaxKind.NullKeyword;
    if (ts.isUnionTypeNode(t)) return t.types.some(mayBeNull);
    if (ts.isParenthesizedTypeNode(t)) return mayBeNull(t.type);
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
      const name = t.typeName.text;
      if ((name === 'Generated' || name === 'ColumnType') && t.typeArguments?.[0]) return mayBeNull(t.typeArguments[0]);
      const alias = aliases.get(name);
      if (alias) return mayBeNull(alias.type);
    }
    return false;
  };
  const db = interfaces.get('DB');
  assert.ok(db, 'schema.ts declares interface DB');
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const member of db.members) {
    const { name, type } = propertyName(member);
    assert.ok(ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName), `DB.${name} names a table interface`);
    const table = interfaces.get(type.typeName.text);
    assert.ok(table, `schema.ts declares ${type.typeName.text} (DB.${name})`);
    assert.equal(table.heritageClauses, undefined, `${type.typeName.text} lists its columns itself`);
    tables.set(name, new Map(table.members.map((m) => { const p = propertyName(m); return [p.name, { nullable: mayBeNull(p.type) }]; })));
  }
  return tables;
}

for (const engine of ENGINES) {
  describe(`src/db/schema.ts matches the database the migrations make (${engine.name})`, () => {
    let database: Awaited<ReturnType<(typeof engine)['open']>>;
    let actual: Map<string, Map<string, { nullable: boolean }>>;
    const declared = declaredTables();
    before(async () => {
      database = await engine.open();
      const r = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
        select c.table_name, c.column_name, c.is_nullable
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
          -- a partition (signals' month partitions, migration 030) is part of its table, not a table of its own
          and not exists (select 1 from pg_class k where k.oid = to_regclass(quote_ident(c.table_name)) and k.relispartition)`.execute(database.db);
      actual = new Map();
      for (const c of r.rows) {
        if (NOT_IN_SCHEMA.has(c.table_name)) continue;
        if (!actual.has(c.table_name)) actual.set(c.table_name, new Map());
        actual.get(c.table_name)!.set(c.column_name, { nullable: c.is_nullable === 'YES' });
      }
    });
    after(() => database.drop());

    it('has an interface for every table and a table for every interface', () => {
      assert.deepEqual([...declared.keys()].sort(), [...actual.keys()].sort());
    });

    it("each interface's keys are its table's columns", () => {
      const wrong: string[] = [];
      for (const [table, columns] of actual) {
        const keys = declared.get(table);
        if (!keys) continue; // reported by the test above
        for (const c of columns.keys()) if (!keys.has(c)) wrong.push(`${table}.${c}: in the database, not in schema.ts`);
        for (const k of keys.keys()) if (!columns.has(k)) wrong.push(`${table}.${k}: in schema.ts, not in the database`);
      }
      assert.deepEqual(wrong, []);
    });

    it('a column may be null exactly where its type says `| null`', () => {
      const wrong: string[] = [];
      for (const [table, columns] of actual)
        for (const [column, c] of columns) {
          const d = declared.get(table)?.get(column);
          if (d && d.nullable !== c.nullable) wrong.push(`${table}.${column}: database ${c.nullable ? 'null' : 'not null'}, schema.ts ${d.nullable ? '| null' : 'never null'}`);
        }
      assert.deepEqual(wrong, []);
    });
  });
}
