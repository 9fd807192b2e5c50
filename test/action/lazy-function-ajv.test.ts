/**
 * scripts/lazy-function-ajv.mjs: in the action bundle, spectral-core's ruleset/function.js
 * builds its Ajv instance on the first createRulesetFunction call instead of when it loads.
 * The transformed module must behave exactly like the original, only later.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

const requireHere = createRequire(__filename);
const FUNCTION_JS = join(dirname(requireHere.resolve('@stoplight/spectral-core')), 'ruleset', 'function.js');
const original = readFileSync(FUNCTION_JS, 'utf8');

async function transform(source: string): Promise<string> {
  const mod = (await import(join(REPO_ROOT, 'scripts', 'lazy-function-ajv.mjs'))) as { lazyFunctionAjv: (s: string) => string };
  return mod.lazyFunctionAjv(source);
}

type CreateRulesetFunction = (schemas: { input: unknown; options: unknown }, fn: (...a: unknown[]) => unknown) => ((...a: unknown[]) => unknown) & {
  validator(o: unknown): void;
};

/** The transformed source compiled as if it were the installed module (same directory, same requires). */
function load(source: string): { createRulesetFunction: CreateRulesetFunction } {
  const m = new Module(FUNCTION_JS) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  m.filename = FUNCTION_JS;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(FUNCTION_JS));
  m._compile(source, FUNCTION_JS);
  return m.exports as { createRulesetFunction: CreateRulesetFunction };
}

const schemas: { options: unknown; values: unknown[] }[] = [
  {
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { max: { type: 'integer', minimum: 0 }, unit: { enum: ['s', 'ms'] }, url: { type: 'string', format: 'uri' } },
      required: ['max'],
      errorMessage: { required: { max: 'say how many: "max"' } },
    },
    values: [{ max: 1 }, {}, { max: -1 }, { max: 1, unit: 'h' }, { max: 1, url: 'not a uri' }, { max: 1, url: 'https://example.com/x' }, { max: 1, extra: true }, null, 'x'],
  },
  { options: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, uniqueItems: true }, values: [['a'], ['a', 'a'], ['A'], [1], {}] },
];

function outcome(fn: { validator(o: unknown): void }, value: unknown): string {
  try {
    fn.validator(value);
    return 'ok';
  } catch (error) {
    const e = error as Error & { errors?: Error[] };
    return `${e.name}: ${e.message}${e.errors ? ` [${e.errors.map((x) => x.message).join(' | ')}]` : ''}`;
  }
}

describe('lazy-function-ajv (action bundle transform)', () => {
  it('the transformed module validates function options exactly as the original does', async () => {
    const lazy = load(await transform(original));
    const eager = load(original);
    let compared = 0;
    for (const { options, values } of schemas) {
      const a = lazy.createRulesetFunction({ input: null, options }, () => []);
      const b = eager.createRulesetFunction({ input: null, options }, () => []);
      for (const v of values) {
        expect(outcome(a, v)).toBe(outcome(b, v));
        compared++;
      }
    }
    expect(compared).toBe(14);
    // the errors differ from value to value (the comparison above is not between two no-ops)
    const fn = lazy.createRulesetFunction({ input: null, options: schemas[0].options }, () => []);
    expect(new Set(schemas[0].values.map((v) => outcome(fn, v))).size).toBeGreaterThan(4);
    expect(outcome(fn, {})).toContain('say how many: "max"');
    expect(outcome(fn, { max: 1, url: 'not a uri' })).not.toBe('ok');
  });

  it('builds Ajv only on the first createRulesetFunction that needs a schema (fresh processes)', async () => {
    // Counts the Ajv instances built: at load, after a function without schemas, after two with.
    const count = (source: string) => {
      const script = `
        const Module = require('node:module');
        const { dirname } = require('node:path');
        const file = ${JSON.stringify(FUNCTION_JS)};
        const ajv = require(require.resolve('ajv', { paths: [dirname(file)] }));
        let built = 0;
        const Ajv = ajv.default;
        ajv.default = class extends Ajv { constructor(...args) { super(...args); built++; } };
        const m = new Module(file); m.filename = file; m.paths = Module._nodeModulePaths(dirname(file));
        m._compile(${JSON.stringify(source)}, file);
        const atLoad = built;
        m.exports.createRulesetFunction({ input: null, options: null }, () => []);
        const afterNoSchema = built;
        m.exports.createRulesetFunction({ input: null, options: { type: 'string' } }, () => []);
        m.exports.createRulesetFunction({ input: { type: 'object' }, options: { enum: [1] } }, () => []);
        console.log(JSON.stringify({ atLoad, afterNoSchema, afterSchemas: built }));
      `;
      return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, number>;
    };
    const eager = count(original);
    const lazy = count(await transform(original));
    expect(eager.atLoad).toBeGreaterThanOrEqual(1);
    expect(lazy.atLoad).toBe(eager.atLoad - 1);
    expect(lazy.afterNoSchema).toBe(lazy.atLoad);
    // one instance in the end, as before, shared by every later function
    expect(lazy.afterSchemas).toBe(eager.afterSchemas);
    expect(eager.afterSchemas).toBe(eager.atLoad);
  });

  it('fails the build, naming the file, when spectral-core changes the module', async () => {
    await expect(transform(original.replace("keywords: ['x-internal']", "keywords: ['x-other']"))).rejects.toThrow(
      /spectral-core\/dist\/ruleset\/function\.js changed .*update scripts\/lazy-function-ajv\.mjs/,
    );
    await expect(transform(`${original}\nexports.extra = ajv.getSchema('x');\n`)).rejects.toThrow(/unexpected uses of `ajv`/);
  });

  it('is what the committed bundles contain', () => {
    for (const file of ['worker.js', 'main.js']) {
      const bundle = readFileSync(join(REPO_ROOT, 'dist', file), 'utf8');
      expect(bundle).toContain('lazyAjv = new ajv_1.default(');
      expect(bundle).not.toMatch(/var ajv = new ajv_1\.default\(/);
    }
  });
});
