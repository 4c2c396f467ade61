/* global module */
// The layers of src/ as import rules (`npm run lint:layers`, part of `npm run lint`).
//
// One entry per layer: the folder it lives in and the layers it may import. Every other layer is
// forbidden to it, so a new layer (say src/simulator) needs one entry here, and the existing layers
// are kept from importing it until their own entry allows it. Files directly in src/ (main.ts,
// platform.ts, app-deps.ts, config.ts) are the composition root: they wire the layers together and
// belong to none.
const LAYERS = {
  // Pure code: rules, routing, matching, statistics. No I/O, so nothing but itself.
  domain: { path: 'src/domain/', mayImport: ['domain'] },
  // Technical plumbing without business decisions (CSV reading, worker pools, COPY encoding).
  infra: { path: 'src/infra/', mayImport: ['domain', 'infra'] },
  // The only place with SQL: connection, migrations, schema, repositories.
  db: { path: 'src/db/', mayImport: ['domain', 'infra', 'db'] },
  // Use cases: domain decisions and repositories in one transaction.
  app: { path: 'src/app/', mayImport: ['domain', 'infra', 'db', 'app'] },
  // Adapters: they call use cases and never reach around them to repositories or SQL. `tableTypes`:
  // they may still name the table types of src/db/schema.ts (`import type`), e.g. a `Kysely<DB>` to
  // hand to a use case.
  http: { path: 'src/http/', mayImport: ['domain', 'infra', 'app', 'http'], tableTypes: true },
  web: { path: 'src/web/', mayImport: ['domain', 'infra', 'app', 'http', 'web'], tableTypes: true },
  jobs: { path: 'src/jobs/', mayImport: ['domain', 'infra', 'app', 'jobs'], tableTypes: true },
  cli: { path: 'src/cli/', mayImport: ['domain', 'infra', 'app', 'cli'], tableTypes: true },
};

// Imports allowed against their layer's rule, each with its reason: `from` a file or folder (a path
// prefix), `to` the one file it may import. Keep this list short.
const EXCEPTIONS = [
  { from: 'src/http/server.ts', to: 'src/web/plugin.ts', because: 'the HTTP server mounts the web app next to the API, on one Fastify instance' },
  { from: 'src/cli/', to: 'src/db/database.ts', because: 'a command opens its own database connection (composition, no SQL), as main.ts does' },
];

// The query builder's values (`sql`, `CompiledQuery`) outside src/db: a statement written where
// repositories should hold it. `import type` (Kysely<DB>, Transaction<DB> as parameters) is fine.
const SQL_OUTSIDE_DB = [];

// The Kysely table types (see `tableTypes` above).
const SCHEMA_TYPES = '^src/db/schema\\.ts$';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const prefix = (path) => `^${escape(path)}${path.endsWith('/') ? '' : '$'}`;
const pathOf = (names) => `^(${names.map((n) => escape(LAYERS[n].path)).join('|')})`;
const names = Object.keys(LAYERS);

const layerRules = names.flatMap((name) => {
  const forbidden = names.filter((other) => !LAYERS[name].mayImport.includes(other));
  if (forbidden.length === 0) return [];
  const adapter = LAYERS[name].tableTypes === true;
  const to = { path: pathOf(forbidden), ...(adapter ? { pathNot: [SCHEMA_TYPES] } : {}) };
  const comment = `${LAYERS[name].path} may import only ${LAYERS[name].mayImport.join(', ')} (.dependency-cruiser.cjs)`;
  const excepted = EXCEPTIONS.filter((e) => e.from.startsWith(LAYERS[name].path));
  const froms = [...new Set(excepted.map((e) => e.from))];
  return [
    { name: `layer-${name}`, comment, severity: 'error', from: { path: pathOf([name]), pathNot: froms.map(prefix) }, to },
    // An excepted file keeps every other part of its layer's rule.
    ...froms.map((from) => ({
      name: `layer-${name}`,
      comment,
      severity: 'error',
      from: { path: prefix(from) },
      to: { ...to, pathNot: [...(to.pathNot ?? []), ...excepted.filter((e) => e.from === from).map((e) => prefix(e.to))] },
    })),
    ...(adapter && forbidden.includes('db')
      ? [{
          name: `layer-${name}-schema-types-only`,
          comment: `${LAYERS[name].path} may name the table types of src/db/schema.ts with \`import type\` only`,
          severity: 'error',
          from: { path: pathOf([name]) },
          to: { path: SCHEMA_TYPES, dependencyTypesNot: ['type-only'] },
        }]
      : []),
  ];
});

const sqlRule = {
  name: 'sql-only-in-db',
  comment: 'the query builder (sql``, CompiledQuery) is used in src/db only; elsewhere `import type` from kysely',
  severity: 'error',
  from: { path: pathOf(names.filter((n) => n !== 'db')), pathNot: SQL_OUTSIDE_DB.map((e) => prefix(e.from)) },
  to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
};

// A cycle that leaves a layer and comes back ties the layers together whatever the rules above say.
const cycleRules = names.map((name) => ({
  name: `no-cycle-through-${name}`,
  comment: `a cycle from ${LAYERS[name].path} through another layer`,
  severity: 'error',
  from: { path: pathOf([name]) },
  to: { circular: true, viaSomeNot: pathOf([name]) },
}));

// The simulator (src/simulation) is a client of the platform and may use every layer; the platform
// reaches it only through its entry points, each from the one place that needs it: start-up seeds the
// demo data (demo.ts), the capacity what-if forecasts from the synthetic population and shows its calibration (what-if.ts).
const SIMULATOR_ENTRIES = [
  { entry: 'src/simulation/demo.ts', from: ['src/platform.ts', 'src/main.ts', 'src/app/seed/'] },
  { entry: 'src/simulation/what-if.ts', from: ['src/app/capacity/what-if-capacity.ts', 'src/app/capacity/calibration-report.ts'] },
];
const simulatorRules = [
  {
    name: 'simulator-through-its-entries',
    comment: `outside src/simulation only ${SIMULATOR_ENTRIES.map((e) => e.entry).join(' and ')} may be imported (src/simulation/README.md)`,
    severity: 'error',
    from: { pathNot: '^src/simulation/' },
    to: { path: '^src/simulation/', pathNot: SIMULATOR_ENTRIES.map((e) => prefix(e.entry)) },
  },
  ...SIMULATOR_ENTRIES.map((e) => ({
    name: 'simulator-entry-users',
    comment: `${e.entry} is imported only by ${e.from.join(', ')}`,
    severity: 'error',
    from: { pathNot: ['^src/simulation/', ...e.from.map(prefix)] },
    to: { path: prefix(e.entry) },
  })),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [...layerRules, sqlRule, ...cycleRules, ...simulatorRules],
  options: {
    // Tests may reach into any layer to set up and inspect.
    exclude: { path: ['\\.test\\.tsx?$', '^test/'] },
    doNotFollow: { path: 'node_modules' },
    // Files in src/ only: a package is a leaf, never cruised into.
    // `import type` is seen (and marked type-only) although it disappears when compiled.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
