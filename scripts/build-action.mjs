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
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = outdirArg >= 0 ? resolve(args[outdirArg + 1]) : join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

/**
 * UMD builds whose factory require()s its own files at run time (jsonc-parser) cannot be
 * bundled: use the package's ESM build instead ("module"), for those packages only.
 */
const UMD_PACKAGES = ['jsonc-parser'];
const umdToEsm = {
  name: 'umd-to-esm',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${UMD_PACKAGES.join('|')})$`) }, async (args) => {
      if (args.pluginData?.umdToEsm) return undefined;
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { umdToEsm: true } });
      if (resolved.errors.length > 0) return undefined;
      const pkgDir = resolved.path.slice(0, resolved.path.lastIndexOf('node_modules') + 'node_modules'.length + 1 + args.path.length);
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
      return pkg.module ? { path: join(pkgDir, pkg.module) } : resolved;
    });
  },
};

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

/** Output file -> entry point. */
export const ENTRIES = { 'index.js': 'action/index.ts', 'main.js': 'action/main.ts', 'worker.js': 'action/worker-entry.ts' };

const inputs = new Set();
for (const [outfile, entry] of Object.entries(ENTRIES)) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: join(outdir, outfile),
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
      // dist/index.js requires dist/main.js by a run-time path, on purpose.
      'unsupported-require-call': 'silent',
    },
    plugins: [umdToEsm, precompiledRulesetValidator],
    banner: { js: `/* spectral-integration-ruleset GitHub Action (${outfile}) — generated by scripts/build-action.mjs; do not edit. Licenses: dist/licenses.txt */` },
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
let licenses = 'Third-party packages bundled in dist/index.js, dist/main.js and dist/worker.js\n\n';
for (const p of entries) {
  licenses += `${'='.repeat(78)}\n${p.id} — ${p.license}\n${'='.repeat(78)}\n${p.text ? p.text + '\n' : '(no license file in the package)\n'}\n`;
}
writeFileSync(join(outdir, 'licenses.txt'), licenses);

// Guard reproducibility: the bundles must not contain this machine's paths.
const sizes = [];
for (const outfile of Object.keys(ENTRIES)) {
  const bundle = readFileSync(join(outdir, outfile), 'utf8');
  if (bundle.includes(root + sep) || bundle.includes(root.split(sep).join('/') + '/')) {
    console.error(`dist/${outfile} contains the absolute path ${root}: the bundle would not be reproducible.`);
    process.exit(1);
  }
  sizes.push(`${outfile} ${(bundle.length / 1024 / 1024).toFixed(2)} MiB`);
}
console.log(`built ${outdir}: ${sizes.join(', ')} (${entries.length} bundled packages)`);
