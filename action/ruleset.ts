/**
 * Ruleset loading for the action, the way `spectral lint` loads one
 * (@stoplight/spectral-cli/dist/services/linter/utils/getRuleset.js): YAML/JSON rulesets are
 * migrated with @stoplight/spectral-ruleset-migrator, then everything is bundled with
 * @stoplight/spectral-ruleset-bundler (rollup). Differences, all deliberate:
 *
 *  - `spectral-integration-ruleset` and its subpaths resolve to the copy bundled in dist/
 *    (users' repositories have no node_modules): a rollup plugin maps those ids to virtual
 *    modules that read our rulesets from a globalThis registry, like Spectral's own
 *    `builtins` plugin does for @stoplight/*. Our registry has a fixed key, so a worker
 *    thread can register the same modules and evaluate the same bundled code.
 *  - remote rulesets (https:// extends) are refused unless allow-remote-refs is true;
 *  - on pull_request_target, JavaScript from the workspace (a .js/.mjs/.cjs ruleset, custom
 *    functions) is refused: that event runs with a write token and secrets.
 *  - every error names the ruleset file and says what to do.
 */
import type { Ruleset } from '@stoplight/spectral-core';
import * as spectralRuntime from '@stoplight/spectral-runtime';
import type * as BundlerModule from '@stoplight/spectral-ruleset-bundler';
import type * as CommonjsModule from '@stoplight/spectral-ruleset-bundler/plugins/commonjs';
import type * as StdinModule from '@stoplight/spectral-ruleset-bundler/plugins/stdin';
import type * as NodePresetModule from '@stoplight/spectral-ruleset-bundler/presets/node';
import type * as MigratorModule from '@stoplight/spectral-ruleset-migrator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'rollup';
import type { RuleHelp } from './types';
import {
  describeError,
  evaluateRulesetCode,
  PACKAGE_NAME,
  presetRuleset,
  REGISTRY_EXPR,
  registerModules,
  RulesetLoadError,
  rulesetFromSpec,
  severityName,
  VIRTUAL_PREFIX,
  type PresetName,
  type RulesetSpec,
} from './ruleset-runtime';

export {
  describeError,
  evaluateRulesetCode,
  PACKAGE_NAME,
  presetRuleset,
  registerModules,
  RulesetLoadError,
  rulesetFromSpec,
  severityName,
  type PresetName,
  type RulesetSpec,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function moduleSource(id: string, members: Record<string, unknown>): string {
  const ref = `${REGISTRY_EXPR}[${JSON.stringify(id)}]`;
  let code = '';
  for (const name of Object.keys(members).sort()) {
    if (name === 'default') code += `export default ${ref}['default'];\n`;
    else if (IDENTIFIER.test(name) && name !== '__esModule') code += `export const ${name} = ${ref}[${JSON.stringify(name)}];\n`;
  }
  return code;
}

// `/events.js` is the YAML form of `/events` (Spectral's migrator takes `events` for Node's
// core module); `impl/<name>` is what the package's lib/<name>.js shims require.
const OUR_ID = new RegExp(
  `^${PACKAGE_NAME}(?:/(?:impl/)?(index|standards|rest|rate-limits|idempotency|webhooks|events|resilience|functions)(?:\\.js)?)?$`,
);
const OUR_PATH = new RegExp(
  `[\\\\/]${PACKAGE_NAME}(?:[\\\\/](standards|rest|rate-limits|idempotency|webhooks|events|resilience|functions)(?:\\.js)?)?$`,
);

/** `spectral-integration-ruleset[/sub]`, canonical. */
function canonicalId(sub: string | undefined): string {
  return !sub || sub === 'index' ? PACKAGE_NAME : `${PACKAGE_NAME}/${sub}`;
}

function isOurPackageDir(dir: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * Maps an import id to one of our modules, or null. Accepts the bare ids, the absolute
 * `<dir>/spectral-integration-ruleset[/sub]` that the migrator produces when the package is
 * not installed, and files of an installed copy (node_modules/spectral-integration-ruleset/lib/*.js).
 */
export function ourModuleId(source: string): string | null {
  const bare = OUR_ID.exec(source);
  if (bare) return canonicalId(bare[1]);
  if (!path.isAbsolute(source)) return null;
  const inPackage = /[\\/]lib[\\/]([\w-]+)\.(?:c?js|mjs)$/.exec(source);
  if (inPackage && isOurPackageDir(path.dirname(path.dirname(source)))) {
    const name = inPackage[1];
    const id = name === 'index' ? PACKAGE_NAME : `${PACKAGE_NAME}/${name}`;
    return OUR_ID.test(id) ? id : null;
  }
  const m = OUR_PATH.exec(source);
  if (!m || (/\.(?:c?js|mjs)$/.test(source) && !/[\\/]events\.js$/.test(source))) return null;
  if (fs.existsSync(source)) return null; // a real local file or folder of that name wins
  return canonicalId(m[1]);
}

/** The rollup plugin: @stoplight/* builtins and spectral-integration-ruleset[/...] as virtual modules. */
export function actionModulesPlugin(): Plugin {
  const table = registerModules();
  return {
    name: 'spectral-integration-ruleset:modules',
    options(raw) {
      const external = raw.external;
      if (typeof external === 'function') {
        return {
          ...raw,
          external: (id: string, importer: string | undefined, isResolved: boolean) =>
            !(id in table) && ourModuleId(id) === null && !id.startsWith(VIRTUAL_PREFIX) && external(id, importer, isResolved),
        };
      }
      return raw;
    },
    resolveId(source) {
      if (source in table) return VIRTUAL_PREFIX + source;
      const ours = ourModuleId(source);
      return ours === null ? null : VIRTUAL_PREFIX + ours;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_PREFIX)) return null;
      const name = id.slice(VIRTUAL_PREFIX.length);
      const members = table[name];
      return members ? moduleSource(name, members) : null;
    },
  };
}

/** Refuses JavaScript from the workspace (pull_request_target). Must be the first plugin. */
function refuseWorkspaceJavaScript(workspace: string, rulesetFile: string, virtualEntry?: string): Plugin {
  return {
    name: 'spectral-integration-ruleset:refuse-js',
    load(id) {
      if (id.startsWith('\0') || /^https?:/.test(id) || id === virtualEntry) return null;
      if (/\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i.test(id) && isInside(workspace, id)) {
        throw new RulesetLoadError(
          rulesetFile,
          `refusing to run JavaScript ${JSON.stringify(toPosix(path.relative(workspace, id)))} from the checked-out repository on a pull_request_target event. ` +
            'That event runs with a write token and access to secrets, and the code may come from the pull request. ' +
            'Use a YAML or JSON ruleset without custom functions (extends: ["spectral-integration-ruleset"] works), or run the action on pull_request.',
        );
      }
      return null;
    },
  };
}

export interface RulesetOptions {
  /** Absolute path of the ruleset file. */
  file: string;
  /** Absolute path of the workspace (GITHUB_WORKSPACE). */
  workspace: string;
  allowRemote: boolean;
  /** pull_request_target: no JavaScript from the workspace. */
  refuseJavaScript: boolean;
}

export interface LoadedRuleset {
  spec: RulesetSpec;
  ruleset: Ruleset;
  /** Repository-relative (or absolute outside it) name for messages. */
  displayName: string;
}

export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export const JS_RULESET = /\.(?:[cm]?js)$/i;
export const DEFAULT_RULESET_FILES = ['.spectral.yaml', '.spectral.yml', '.spectral.json', '.spectral.js', '.spectral.mjs', '.spectral.cjs'];

/** The first .spectral.{yaml,yml,json,js,mjs,cjs} in each directory, in order. */
export function findDefaultRuleset(dirs: string[]): string | undefined {
  for (const dir of dirs) {
    for (const name of DEFAULT_RULESET_FILES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
  }
  return undefined;
}

function guardedFetch(allowRemote: boolean, rulesetFile: string): typeof spectralRuntime.fetch {
  if (allowRemote) return spectralRuntime.fetch;
  return (async (url: unknown) => {
    throw new RulesetLoadError(
      rulesetFile,
      `refusing to download ${String(url)}: remote rulesets are disabled. Vendor the ruleset into the repository, or set allow-remote-refs: true.`,
    );
  }) as unknown as typeof spectralRuntime.fetch;
}

/** Bundles a ruleset file into CommonJS code, like the CLI. */
export async function bundleRulesetFile(options: RulesetOptions): Promise<string> {
  // Loaded on demand: the migrator, rollup and its plugins are only needed for a ruleset file
  // (about 0.1-0.15 s of start-up per thread otherwise).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { bundleRuleset } = require('@stoplight/spectral-ruleset-bundler') as typeof BundlerModule;
  const { commonjs } = require('@stoplight/spectral-ruleset-bundler/plugins/commonjs') as typeof CommonjsModule;
  const { stdin } = require('@stoplight/spectral-ruleset-bundler/plugins/stdin') as typeof StdinModule;
  const { node } = require('@stoplight/spectral-ruleset-bundler/presets/node') as typeof NodePresetModule;
  const { isBasicRuleset, migrateRuleset } = require('@stoplight/spectral-ruleset-migrator') as typeof MigratorModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { file, allowRemote } = options;
  const fetch = guardedFetch(allowRemote, file);
  const plugins: Plugin[] = [];
  if (await isBasicRuleset(file)) {
    const migrated = await migrateRuleset(file, { format: 'esm', fs: fs as never, fetch } as never);
    // The CLI's name for the migrated code (a virtual module: stdin serves it).
    const entry = path.join(path.dirname(file), '.spectral.js');
    if (options.refuseJavaScript) plugins.push(refuseWorkspaceJavaScript(options.workspace, file, entry));
    plugins.push(stdin(migrated, entry) as Plugin, actionModulesPlugin(), commonjs() as Plugin, ...(node({ fs, fetch } as never) as Plugin[]));
    return bundleRuleset(entry, { target: 'node', format: 'commonjs', plugins: plugins as never });
  }
  if (options.refuseJavaScript) plugins.push(refuseWorkspaceJavaScript(options.workspace, file));
  // `require('spectral-integration-ruleset')` in a .spectral.js/.cjs returns the ruleset itself,
  // as it does from node_modules (the package's module.exports is the ruleset).
  const cjs = (commonjs as unknown as (o: object) => Plugin)({
    requireReturnsDefault: (id: string) =>
      id.startsWith(VIRTUAL_PREFIX + PACKAGE_NAME) && !id.endsWith('/functions') ? 'preferred' : false,
  });
  plugins.push(actionModulesPlugin(), cjs, ...(node({ fs, fetch } as never) as Plugin[]));
  return bundleRuleset(file, { target: 'node', format: 'commonjs', plugins: plugins as never });
}

/** Loads the ruleset file (or preset); errors become RulesetLoadError naming the file and the fix. */
export async function loadRuleset(options: RulesetOptions | { preset: PresetName }, displayName: string): Promise<LoadedRuleset> {
  if ('preset' in options) {
    // Built on first use: a preset cannot fail to load, and the main thread only needs it for
    // rule metadata, which can wait until the lint workers are busy.
    const spec: RulesetSpec = { kind: 'preset', preset: options.preset };
    let ruleset: Ruleset | undefined;
    return {
      spec,
      get ruleset() {
        return (ruleset ??= rulesetFromSpec(spec));
      },
      displayName,
    };
  }
  const { file } = options;
  if (!fs.existsSync(file)) {
    throw new RulesetLoadError(
      displayName,
      `ruleset ${displayName} does not exist. Fix the "ruleset" input (a path relative to working-directory), or remove it to use the repository's .spectral.yaml or the built-in preset.`,
    );
  }
  if (options.refuseJavaScript && JS_RULESET.test(file) && isInside(options.workspace, file)) {
    throw new RulesetLoadError(
      displayName,
      `refusing to load the JavaScript ruleset ${displayName} on a pull_request_target event: that event runs with a write token and access to secrets, and this file comes from the checked-out repository, which may be the pull request's code. ` +
        'Use a YAML or JSON ruleset (extends: ["spectral-integration-ruleset"] works without JavaScript), or run the action on pull_request.',
    );
  }
  let code: string;
  try {
    code = await bundleRulesetFile(options);
  } catch (error) {
    if (error instanceof RulesetLoadError) throw new RulesetLoadError(displayName, error.detail);
    const detail = describeError(error);
    const unresolved = /UNRESOLVED_ENTRY|Could not resolve|ENOENT/.test(detail) || (error as { code?: string }).code === 'UNRESOLVED_ENTRY';
    throw new RulesetLoadError(
      displayName,
      `could not load ruleset ${displayName}: ${detail}. ` +
        (unresolved
          ? 'Check that every `extends` entry and custom function it names exists (paths are relative to the ruleset file); packages other than spectral-integration-ruleset and @stoplight/spectral-* are not available to the action.'
          : 'Fix the ruleset file (run `npx @stoplight/spectral-cli lint --ruleset ' + displayName + ' <document>` locally to see the same error).'),
    );
  }
  const spec: RulesetSpec = { kind: 'bundle', code, file };
  try {
    return { spec, ruleset: rulesetFromSpec(spec), displayName };
  } catch (error) {
    throw new RulesetLoadError(
      displayName,
      `invalid ruleset ${displayName}: ${describeError(error)}. Fix the ruleset (see https://docs.stoplight.io/docs/spectral/ for the format, docs/rules.md for this package's rules and options).`,
    );
  }
}

/** Rule metadata for SARIF and the summary. */
export function ruleHelp(ruleset: Ruleset): Map<string, RuleHelp> {
  const out = new Map<string, RuleHelp>();
  for (const [id, rule] of Object.entries(ruleset.rules)) {
    if (!rule.enabled) continue;
    const help: RuleHelp = { id };
    if (rule.description) help.description = rule.description;
    if (rule.documentationUrl) help.documentationUrl = rule.documentationUrl;
    if (rule.severity >= 0) help.severity = severityName(rule.severity);
    out.set(id, help);
  }
  return out;
}
