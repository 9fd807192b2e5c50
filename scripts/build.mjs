#!/usr/bin/env node
/**
 * Builds the npm package into lib/:
 *  - one self-contained CommonJS bundle per entry point (only @stoplight/* stays external,
 *    so Spectral's ruleset bundler can map those to the CLI's own instances, and nothing
 *    else needs resolving from the user's project);
 *  - an ESM wrapper (.mjs) per entry that re-exports the CommonJS bundle (one instance);
 *  - type declarations (tsc) and per-entry .d.ts/.d.mts.
 * Reproducible: no timestamps, sorted inputs.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { umdToEsm } from './umd-to-esm.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'lib');
const require = createRequire(import.meta.url);
const PACKAGE_NAME = require(join(root, 'package.json')).name;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Ruleset entry points: name -> module whose default export is the ruleset. */
export const RULESET_ENTRIES = {
  index: 'rulesets/index.ts',
  standards: 'rulesets/standards.ts',
  rest: 'rulesets/rest.ts',
  'rate-limits': 'rulesets/rate-limits.ts',
  idempotency: 'rulesets/idempotency.ts',
  webhooks: 'rulesets/webhooks.ts',
  events: 'rulesets/events.ts',
  resilience: 'rulesets/resilience.ts',
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@stoplight/*'],
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
};

for (const [name, source] of Object.entries(RULESET_ENTRIES)) {
  // module.exports IS the ruleset (so `extends`, require() and rollup's commonjs interop all
  // see a plain ruleset); `default` and `createIntegrationRuleset` are non-enumerable so
  // Spectral's ruleset schema (additionalProperties: false) never sees them.
  const contents = `
    const ruleset = require(${JSON.stringify('./' + source)}).default;
    const { createIntegrationRuleset } = require('./rulesets/create.ts');
    Object.defineProperty(ruleset, 'default', { value: ruleset, enumerable: false });
    Object.defineProperty(ruleset, 'createIntegrationRuleset', { value: createIntegrationRuleset, enumerable: false });
    module.exports = ruleset;
  `;
  await build({
    ...common,
    stdin: { contents, resolveDir: root, sourcefile: `${name}.entry.js`, loader: 'js' },
    outfile: join(out, 'impl', `${name}.js`),
  });
  // lib/<name>.js is a one-line shim that requires the implementation by its package name.
  // Spectral's CLI bundles a YAML ruleset's `extends` with rollup on every run, and treats
  // package imports as external: through the shim, rollup parses one line and Node's own
  // require loads the implementation (measured: ~1.6 s less CPU per `spectral lint`).
  writeFileSync(
    join(out, `${name}.js`),
    `'use strict';\n// The ruleset is in lib/impl/${name}.js, loaded by package name so that Spectral's CLI does not re-bundle it on every run.\nmodule.exports = require('${PACKAGE_NAME}/impl/${name}');\n`,
  );
  writeFileSync(
    join(out, `${name}.mjs`),
    `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst ruleset = require('./${name}.js');\nexport default ruleset;\nexport const createIntegrationRuleset = ruleset.createIntegrationRuleset;\n`,
  );
  const dts = (cjs) => {
    const ext = cjs ? '' : '.js';
    const imports =
      `import type { IntegrationRuleset as Ruleset } from './types/rulesets/compose${ext}';\n` +
      `import type { createIntegrationRuleset as Create, IntegrationRulesetOptions as Options, RuleId as Id, RuleOptionsMap as OptionsMap } from './types/rulesets/create${ext}';\n`;
    return cjs
      ? imports +
          `declare namespace ruleset {\n  type IntegrationRuleset = Ruleset;\n  type IntegrationRulesetOptions = Options;\n  type RuleId = Id;\n  type RuleOptionsMap = OptionsMap;\n}\n` +
          `declare const ruleset: Ruleset & { readonly default: Ruleset; readonly createIntegrationRuleset: typeof Create };\nexport = ruleset;\n`
      : imports +
          `declare const ruleset: Ruleset;\nexport default ruleset;\nexport declare const createIntegrationRuleset: typeof Create;\n` +
          `export type IntegrationRuleset = Ruleset;\nexport type IntegrationRulesetOptions = Options;\nexport type RuleId = Id;\nexport type RuleOptionsMap = OptionsMap;\n`;
  };
  writeFileSync(join(out, `${name}.d.ts`), dts(true));
  writeFileSync(join(out, `${name}.d.mts`), dts(false));
}

// /functions: every custom function and the shared helpers, as named exports.
await build({ ...common, entryPoints: [join(root, 'functions/index.ts')], outfile: join(out, 'functions.js') });
const names = Object.keys(require(join(out, 'functions.js'))).filter((n) => n !== 'default' && n !== '__esModule').sort();
writeFileSync(
  join(out, 'functions.mjs'),
  `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst m = require('./functions.js');\n` +
    names.map((n) => `export const ${n} = m.${n};`).join('\n') +
    '\n',
);
writeFileSync(join(out, 'functions.d.ts'), `export * from './types/functions/index';\n`);
writeFileSync(join(out, 'functions.d.mts'), `export * from './types/functions/index.js';\n`);

// The command-line program (catalog / spec): @asyncapi/parser and @stoplight/spectral-parsers
// stay external (dependencies).
await build({
  ...common,
  external: ['@stoplight/*', '@asyncapi/parser'],
  entryPoints: [join(root, 'cli/index.ts')],
  outfile: join(out, 'cli.js'),
  banner: { js: '#!/usr/bin/env node' },
  define: { __PACKAGE_VERSION__: JSON.stringify(require(join(root, 'package.json')).version) },
});

// `--resolver` for the Spectral CLI: the action's confined resolver with its fast engine (no
// http, no file outside the working directory). Only packages the CLI itself has, and our
// own dependencies, stay external.
await build({
  ...common,
  external: ['@stoplight/spectral-ref-resolver', '@stoplight/spectral-runtime', '@stoplight/spectral-parsers'],
  plugins: [...(common.plugins ?? []), umdToEsm],
  entryPoints: [join(root, 'resolver/index.ts')],
  outfile: join(out, 'resolver.js'),
});

// Declarations for everything above.
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
  cwd: root,
});
console.log(`built lib/: ${Object.keys(RULESET_ENTRIES).length} ruleset entry points and functions (${names.length} exports)`);
