#!/usr/bin/env node
/**
 * Builds the GitHub Action into dist/ (committed; action.yml runs dist/index.js on node24):
 *  - dist/index.js: the bootstrap (action/index.ts), a few KB: starts the first lint worker,
 *    then loads dist/main.js;
 *  - dist/main.js: the main thread (action/main.ts: inputs, ruleset bundling, git, reports,
 *    the check run, the catalog) with everything it needs;
 *  - dist/worker.js: a lint worker thread (action/worker-entry.ts: Spectral, the parsers, our
 *    rules, the resolver), so workers never parse the main thread's code;
 *  - dist/licenses.txt: the licenses of the bundled packages, sorted.
 * Each .js file is one self-contained CommonJS file for Node 20+: nothing to install or
 * resolve on the runner.
 * Reproducible: no timestamps, no absolute paths, sorted inputs — the same sources and
 * node_modules give byte-identical output (test/action/dist.test.ts rebuilds and compares).
 *
 * Usage: node scripts/build-action.mjs [--outdir <dir>]
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyFunctionAjv } from './lazy-function-ajv.mjs';
import { umdToEsm } from './umd-to-esm.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = outdirArg >= 0 ? resolve(args[outdirArg + 1]) : join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });


/**
 * Spectral compiles its ruleset validator with Ajv the first time a Ruleset is built in a
 * thread (~0.1-0.3 s at the start of every lint worker). In the bundle, its module
 * (spectral-core/dist/ruleset/validation/ajv.js) is replaced by one that uses the same
 * validators compiled ahead of time (scripts/gen-ruleset-validators.mjs; equivalence and
 * staleness: test/action/ruleset-validators.test.ts). Same exports, same `this` binding.
 */
const RULESET_VALIDATORS = join(root, 'action', 'generated', 'spectral-ruleset-validators.js');
const precompiledRulesetValidator = {
  name: 'precompiled-ruleset-validator',
  setup(b) {
    b.onLoad({ filter: /[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]ruleset[\\/]validation[\\/]ajv\.js$/ }, (args) => ({
      loader: 'js',
      resolveDir: dirname(args.path),
      contents: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createValidator = void 0;
const alias_1 = require("./validators/alias");
const function_1 = require("./validators/function");
const precompiled = require(${JSON.stringify(RULESET_VALIDATORS)});
const validators = { js: null, json: null };
function createValidator(format) {
  const existingValidator = validators[format];
  if (existingValidator !== null) return existingValidator;
  const validator = new Proxy(precompiled[format], {
    apply(target, thisArg, args) {
      return Reflect.apply(target, { validateAlias: alias_1.validateAlias, validateFunction: function_1.validateFunction }, args);
    },
  });
  validators[format] = validator;
  return validator;
}
exports.createValidator = createValidator;
`,
    }));
  },
};

/** See scripts/lazy-function-ajv.mjs: Ajv is built on first use, not when spectral-core loads. */
const lazyFunctionAjvPlugin = {
  name: 'lazy-function-ajv',
  setup(b) {
    b.onLoad({ filter: /[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]ruleset[\\/]function\.js$/ }, (args) => ({
      loader: 'js',
      resolveDir: dirname(args.path),
      contents: lazyFunctionAjv(readFileSync(args.path, 'utf8')),
    }));
  },
};

/** Output file -> entry point. */
export const ENTRIES = { 'index.js': 'action/index.ts', 'main.js': 'action/main.ts', 'worker.js': 'action/worker-entry.ts' };

/**
 * Parts only some runs need, in files of their own that the main thread or a worker loads on
 * first use (Node parses every byte of a bundle it loads: dist/main.js was 11 MB, mostly these).
 *  - spectral-rulesets.js: spectral:oas / spectral:asyncapi (with the AsyncAPI schemas, 4.7 MB),
 *    for rulesets that extend them;
 *  - ruleset-bundler.js: rollup, Spectral's ruleset bundler and migrator, for ruleset files;
 *  - catalog.js: the event catalog and the AsyncAPI parser, for `catalog: true`.
 * `ids`: the module ids the other bundles import them by (each becomes a stub that requires the
 * chunk by a run-time path). With `shared`, the chunk does not bundle Spectral's own packages but
 * takes the loading bundle's instances (SHARED), so that rules, functions and formats are the
 * same objects everywhere.
 */
export const CHUNKS = {
  'spectral-rulesets.js': { ids: ['@stoplight/spectral-rulesets'], shared: true },
  'ruleset-bundler.js': {
    ids: [
      '@stoplight/spectral-ruleset-bundler',
      '@stoplight/spectral-ruleset-bundler/plugins/commonjs',
      '@stoplight/spectral-ruleset-bundler/plugins/stdin',
      '@stoplight/spectral-ruleset-bundler/presets/node',
      '@stoplight/spectral-ruleset-migrator',
    ],
    shared: true,
  },
  'catalog.js': { ids: ['./catalog/index.ts'], shared: false },
};
const SHARED = [
  '@stoplight/spectral-core',
  '@stoplight/spectral-formats',
  '@stoplight/spectral-functions',
  '@stoplight/spectral-parsers',
  '@stoplight/spectral-ref-resolver',
  '@stoplight/spectral-runtime',
  '@stoplight/spectral-rulesets',
];
const HOST_KEY = 'spectral-integration-ruleset/host-modules';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** In the bundles that load chunks: every chunk id becomes a stub requiring the chunk file. */
function chunkStubs(except) {
  const byId = new Map();
  for (const [file, chunk] of Object.entries(CHUNKS)) if (file !== except) for (const id of chunk.ids) byId.set(id, file);
  return {
    name: 'chunk-stubs',
    setup(b) {
      const bare = [...byId.keys()].filter((id) => !id.startsWith('./'));
      b.onResolve({ filter: new RegExp(`^(${bare.map(escapeRe).join('|')})$`) }, (args) => ({ path: args.path, namespace: 'sir-chunk' }));
      // Our own modules (the catalog) are matched once resolved.
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData?.chunkStubs) return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { chunkStubs: true } });
        const rel = `./${relative(root, r.path).split(sep).join('/')}`;
        return byId.has(rel) ? { path: rel, namespace: 'sir-chunk' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'sir-chunk' }, (args) => {
        const file = byId.get(args.path);
        const provide = SHARED.map((id) => `    case ${JSON.stringify(id)}: return require(${JSON.stringify(id)});`).join('\n');
        return {
          resolveDir: root,
          loader: 'js',
          contents: `// Loads dist/${file} on first use, sharing this bundle's Spectral packages with it.
const key = Symbol.for(${JSON.stringify(HOST_KEY)});
if (!globalThis[key]) {
  globalThis[key] = (id) => {
    switch (id) {
${provide}
    }
    throw new Error("dist/${file} asked for " + id + ", which the action does not share");
  };
}
module.exports = require(require("path").join(__dirname, ${JSON.stringify(file)}))[${JSON.stringify(args.path.startsWith('./') ? 'module' : args.path)}];
`,
        };
      });
    },
  };
}

/** In a shared chunk: Spectral's packages (other than the chunk's own) are the loading bundle's. */
const hostModules = (own) => ({
  name: 'host-modules',
  setup(b) {
    const shared = SHARED.filter((id) => !own.includes(id));
    b.onResolve({ filter: new RegExp(`^(${shared.map(escapeRe).join('|')})$`) }, (args) => ({ path: args.path, namespace: 'sir-host' }));
    b.onLoad({ filter: /.*/, namespace: 'sir-host' }, (args) => ({
      loader: 'js',
      contents: `module.exports = globalThis[Symbol.for(${JSON.stringify(HOST_KEY)})](${JSON.stringify(args.path)});\n`,
    }));
  },
});

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // fsevents: rollup's optional macOS watcher (never used: no watch mode).
  external: ['fsevents'],
  mainFields: ['main', 'module'],
  conditions: ['require', 'node', 'default'],
  legalComments: 'none',
  sourcemap: false,
  minify: false,
  keepNames: true,
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  logOverride: {
    // Optional requires inside try/catch in some dependencies.
    'require-resolve-not-external': 'silent',
    'empty-import-meta': 'silent',
    'commonjs-variable-in-esm': 'silent',
    // dist/index.js requires dist/main.js, and stubs their chunks, by a run-time path, on purpose.
    'unsupported-require-call': 'silent',
  },
};
const banner = (outfile) => ({ js: `/* spectral-integration-ruleset GitHub Action (${outfile}) — generated by scripts/build-action.mjs; do not edit. Licenses: dist/licenses.txt */` });

const inputs = new Set();
for (const [outfile, entry] of Object.entries(ENTRIES)) {
  const result = await build({
    ...common,
    entryPoints: [entry],
    outfile: join(outdir, outfile),
    plugins: [chunkStubs(), umdToEsm, precompiledRulesetValidator, lazyFunctionAjvPlugin],
    banner: banner(outfile),
  });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
}
for (const [outfile, chunk] of Object.entries(CHUNKS)) {
  const contents = chunk.ids[0].startsWith('./')
    ? `module.exports = { module: require(${JSON.stringify(chunk.ids[0])}) };\n`
    : `module.exports = {\n${chunk.ids.map((id) => `  ${JSON.stringify(id)}: require(${JSON.stringify(id)}),`).join('\n')}\n};\n`;
  const result = await build({
    ...common,
    stdin: { contents, resolveDir: root, sourcefile: `${outfile}.entry.js`, loader: 'js' },
    outfile: join(outdir, outfile),
    plugins: [...(chunk.shared ? [hostModules(chunk.ids), chunkStubs(outfile)] : []), umdToEsm, precompiledRulesetValidator, lazyFunctionAjvPlugin],
    banner: banner(outfile),
  });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
}

// Licenses of every bundled package (by package.json name@version), sorted.
const packages = new Map();
for (const input of [...inputs].sort()) {
  const parts = input.split(/[\\/]/);
  const nm = parts.lastIndexOf('node_modules');
  if (nm < 0) continue;
  const nameParts = parts[nm + 1]?.startsWith('@') ? parts.slice(nm + 1, nm + 3) : parts.slice(nm + 1, nm + 2);
  const dir = join(root, ...parts.slice(0, nm + 1), ...nameParts);
  if (packages.has(dir)) continue;
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const licenseFile = existsSync(dir) ? readdirSync(dir).sort().find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f)) : undefined;
  packages.set(dir, {
    id: `${pkg.name}@${pkg.version}`,
    license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN'),
    text: licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').replace(/\r\n/g, '\n').trim() : '',
  });
}
const entries = [...new Map([...packages.values()].map((p) => [p.id, p])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
let licenses = `Third-party packages bundled in dist/ (${[...Object.keys(ENTRIES), ...Object.keys(CHUNKS)].join(', ')})\n\n`;
for (const p of entries) {
  licenses += `${'='.repeat(78)}\n${p.id} — ${p.license}\n${'='.repeat(78)}\n${p.text ? p.text + '\n' : '(no license file in the package)\n'}\n`;
}
writeFileSync(join(outdir, 'licenses.txt'), licenses);

// Guard reproducibility: the bundles must not contain this machine's paths.
const sizes = [];
for (const outfile of [...Object.keys(ENTRIES), ...Object.keys(CHUNKS)]) {
  const bundle = readFileSync(join(outdir, outfile), 'utf8');
  if (bundle.includes(root + sep) || bundle.includes(root.split(sep).join('/') + '/')) {
    console.error(`dist/${outfile} contains the absolute path ${root}: the bundle would not be reproducible.`);
    process.exit(1);
  }
  sizes.push(`${outfile} ${(bundle.length / 1024 / 1024).toFixed(2)} MiB`);
}
console.log(`built ${outdir}: ${sizes.join(', ')} (${entries.length} bundled packages)`);
