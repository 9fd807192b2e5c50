/**
 * The part of ruleset loading that every lint worker needs (dist/worker.js): the registry of
 * modules a bundled ruleset may import (our presets and functions, Spectral's packages), and
 * building a Ruleset from a RulesetSpec. Bundling a ruleset file (migrator, rollup) is in
 * ruleset.ts, which only the main thread loads.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { Ruleset } from '@stoplight/spectral-core';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Severity } from './types';

export const PACKAGE_NAME = 'spectral-integration-ruleset';

type Members = Record<string, unknown>;

/*
 * Modules are loaded on first use (require() in thunks, which the bundle keeps lazy): a run
 * with a custom ruleset does not pay for our presets, and @stoplight/spectral-rulesets (the
 * oas/asyncapi rulesets, ~0.5 s to load) is only loaded when a ruleset extends them.
 */
const rulesetModule = (load: () => { default: object }) => (): Members => {
  const ruleset = load().default;
  const { createIntegrationRuleset } = require('../rulesets/create');
  // As in the npm package (scripts/build.mjs): the ruleset object carries `default` and
  // `createIntegrationRuleset`, non-enumerable, so require() of it works like import.
  for (const [key, value] of [['default', ruleset], ['createIntegrationRuleset', createIntegrationRuleset]] as const) {
    if (!Object.prototype.hasOwnProperty.call(ruleset, key)) Object.defineProperty(ruleset, key, { value, enumerable: false });
  }
  return { default: ruleset, createIntegrationRuleset };
};

/** Ruleset subpaths of the npm package, as bundled in dist/. */
const RULESET_MODULES: Record<string, () => Members> = {
  [PACKAGE_NAME]: rulesetModule(() => require('../rulesets/index')),
  [`${PACKAGE_NAME}/standards`]: rulesetModule(() => require('../rulesets/standards')),
  [`${PACKAGE_NAME}/rest`]: rulesetModule(() => require('../rulesets/rest')),
  [`${PACKAGE_NAME}/rate-limits`]: rulesetModule(() => require('../rulesets/rate-limits')),
  [`${PACKAGE_NAME}/idempotency`]: rulesetModule(() => require('../rulesets/idempotency')),
  [`${PACKAGE_NAME}/webhooks`]: rulesetModule(() => require('../rulesets/webhooks')),
  [`${PACKAGE_NAME}/events`]: rulesetModule(() => require('../rulesets/events')),
  [`${PACKAGE_NAME}/resilience`]: rulesetModule(() => require('../rulesets/resilience')),
};
export const FUNCTIONS_MODULE = `${PACKAGE_NAME}/functions`;

export type PresetName = 'default' | 'standards';
const PRESET_MODULE: Record<PresetName, string> = { default: PACKAGE_NAME, standards: `${PACKAGE_NAME}/standards` };

const BUILTINS: Record<string, () => Members> = {
  '@stoplight/spectral-core': () => require('@stoplight/spectral-core'),
  '@stoplight/spectral-formats': () => require('@stoplight/spectral-formats'),
  '@stoplight/spectral-functions': () => require('@stoplight/spectral-functions'),
  '@stoplight/spectral-parsers': () => require('@stoplight/spectral-parsers'),
  '@stoplight/spectral-ref-resolver': () => require('@stoplight/spectral-ref-resolver'),
  '@stoplight/spectral-rulesets': () => require('@stoplight/spectral-rulesets'),
  '@stoplight/spectral-runtime': () => require('@stoplight/spectral-runtime'),
};

const REGISTRY_KEY = 'spectral-integration-ruleset/action-modules';
export const REGISTRY_EXPR = `globalThis[Symbol.for(${JSON.stringify(REGISTRY_KEY)})]`;
export const VIRTUAL_PREFIX = '\0sir-module:';

/** Every module the bundled ruleset code may import by id (loaded on first access, once). */
function moduleTable(): Record<string, Members> {
  const thunks: Record<string, () => Members> = {
    ...BUILTINS,
    ...RULESET_MODULES,
    [FUNCTIONS_MODULE]: () => ({ ...require('../functions/index') }),
  };
  const table: Record<string, Members> = {};
  for (const [id, thunk] of Object.entries(thunks)) {
    let value: Members | undefined;
    Object.defineProperty(table, id, { enumerable: true, get: () => (value ??= { ...thunk() }) });
  }
  return table;
}

let registry: Record<string, Members> | undefined;

/** Puts the modules in the globalThis registry (once per thread; idempotent). */
export function registerModules(): Record<string, Members> {
  const g = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(REGISTRY_KEY);
  if (g[key] === undefined) g[key] = registry ??= moduleTable();
  return g[key] as Record<string, Members>;
}

export class RulesetLoadError extends Error {
  /** The message as written (rollup prefixes `message` of errors thrown in plugins). */
  readonly detail: string;
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.detail = message;
    this.name = 'RulesetLoadError';
  }
}

/** What a worker needs to build the same Ruleset: a preset name, or bundled code + its file. */
export type RulesetSpec = { kind: 'preset'; preset: PresetName } | { kind: 'bundle'; code: string; file: string };

/** Evaluates bundled ruleset code like the CLI's load(): module/require relative to the file. */
export function evaluateRulesetCode(code: string, file: string): Ruleset {
  registerModules();
  const req = createRequire(file);
  const paths = [path.dirname(file)];
  const _require = (id: string) => req(req.resolve(id, { paths }));
  const m: { exports?: unknown } = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  Function('module, require', code)(m, _require);
  if (typeof m.exports !== 'object' || m.exports === null) {
    throw new RulesetLoadError(file, 'the ruleset has no valid export: export a ruleset object (export default { rules: {...} }).');
  }
  return new Ruleset(m.exports, { severity: 'recommended', source: file });
}

export function presetRuleset(preset: PresetName): Ruleset {
  return new Ruleset(registerModules()[PRESET_MODULE[preset]].default, { severity: 'recommended', source: `${PACKAGE_NAME}${preset === 'default' ? '' : '/' + preset}` });
}

/** Builds the Ruleset from a spec (used by the main thread and by every worker). */
export function rulesetFromSpec(spec: RulesetSpec): Ruleset {
  return spec.kind === 'preset' ? presetRuleset(spec.preset) : evaluateRulesetCode(spec.code, spec.file);
}

/** Spectral errors (AggregateError of RulesetValidationErrors, rollup errors...) as one readable text. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (depth > 4) return;
    if (e instanceof AggregateError || (typeof e === 'object' && e !== null && Array.isArray((e as { errors?: unknown }).errors))) {
      const errors = (e as { errors: unknown[] }).errors;
      if (errors.length === 0 && e instanceof Error) parts.push(e.message);
      for (const inner of errors) visit(inner, depth + 1);
      return;
    }
    if (e instanceof Error) {
      const p = (e as { path?: unknown }).path;
      const where = Array.isArray(p) && p.length > 0 ? ` (at ${p.join('.')})` : '';
      parts.push(`${e.message}${where}`);
      const cause = (e as { cause?: unknown }).cause;
      if (cause !== undefined && cause !== e) visit(cause, depth + 1);
      return;
    }
    parts.push(String(e));
  };
  visit(error, 0);
  return [...new Set(parts.map((p) => p.trim()).filter(Boolean))].join('; ');
}

const SEVERITY_NAMES: Severity[] = ['error', 'warn', 'info', 'hint'];

export function severityName(n: number): Severity {
  return SEVERITY_NAMES[n] ?? 'hint';
}

