/**
 * `defineFunction`: the same contract as Spectral's `createRulesetFunction` (a function with
 * `validator` and `schemas`, validating its options before each call and when a ruleset
 * loads), without compiling anything.
 *
 * Why: `createRulesetFunction` compiles every options schema with Ajv when the module loads.
 * For our ~45 functions that was ~60 ms of every `spectral lint` run, plus Ajv itself in our
 * bundle — on the largest documents a fifth of what our rules cost on top of an empty
 * ruleset. Our options schemas use a small subset of JSON Schema (type, enum, properties,
 * required, additionalProperties, items, uniqueItems, anyOf, minimum/maximum, minLength,
 * pattern, format: regex); `validateOptions` interprets that subset directly and reports
 * Ajv's own error objects, in Ajv's order (test/functions/define.test.ts compares it with
 * Ajv, as configured by Spectral, on every function's schema and thousands of generated
 * option values). A schema using any other keyword is refused when the function is defined.
 */
import { RulesetValidationError } from '@stoplight/spectral-core';
import type { IFunctionResult, RulesetFunctionContext, RulesetFunctionWithValidator } from '@stoplight/spectral-core';

/** A JSON Schema in the subset `validateOptions` supports. */
export type OptionsSchema = Record<string, unknown>;

/** The parts of Ajv's ErrorObject that Spectral reads. */
export interface OptionsError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

const SUPPORTED = new Set([
  'type',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'uniqueItems',
  'anyOf',
  'minimum',
  'maximum',
  'minLength',
  'pattern',
  'format',
  'description',
  'default',
  'examples',
  'title',
]);
const FORMATS = new Set(['regex']);

/** Throws when a schema uses a keyword (or format) `validateOptions` does not implement. */
export function assertSupportedSchema(schema: unknown, where = '#'): void {
  if (typeof schema === 'boolean') return;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new Error(`options schema ${where} is not a schema`);
  const s = schema as OptionsSchema;
  for (const key of Object.keys(s)) {
    if (!SUPPORTED.has(key)) throw new Error(`options schema ${where} uses "${key}", which defineFunction does not implement`);
  }
  if (s.format !== undefined && !FORMATS.has(s.format as string)) throw new Error(`options schema ${where} uses format "${String(s.format)}"`);
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    throw new Error(`options schema ${where}: additionalProperties must be false or absent`);
  }
  if (s.items !== undefined) assertSupportedSchema(s.items, `${where}/items`);
  if (s.properties !== undefined) {
    for (const [k, v] of Object.entries(s.properties as object)) assertSupportedSchema(v, `${where}/properties/${k}`);
  }
  if (s.anyOf !== undefined) (s.anyOf as unknown[]).forEach((v, i) => assertSupportedSchema(v, `${where}/anyOf/${i}`));
}

// ---------------------------------------------------------------------------------------------
// The validator (Ajv 8 semantics with allErrors, strictNumbers, unicode patterns)

const GROUPS: Record<string, string[]> = {
  number: ['maximum', 'minimum'],
  string: ['minLength', 'pattern', 'format'],
  array: ['items', 'uniqueItems'], // items is defined `before: uniqueItems` in Ajv
  object: ['required', 'additionalProperties', 'properties'],
};
const GROUP_ORDER = ['number', 'string', 'array', 'object'] as const;

function isType(type: string, data: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'array':
      return Array.isArray(data);
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'integer':
      return typeof data === 'number' && Number.isFinite(data) && data % 1 === 0;
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    default:
      return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const bb = b as unknown[];
      return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
    }
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as never)[k], (b as never)[k]));
  }
  return a !== a && b !== b; // NaN
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const Z_ANCHOR = /[^\\]\\Z/;
const regexCache = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    regexCache.set(source, re);
  }
  return re;
}

function isRegex(str: string): boolean {
  if (Z_ANCHOR.test(str)) return false;
  try {
    new RegExp(str);
    return true;
  } catch {
    return false;
  }
}

function validate(schema: unknown, data: unknown, instancePath: string, schemaPath: string, errors: OptionsError[]): void {
  if (schema === true || schema === undefined) return;
  if (schema === false) {
    errors.push({ instancePath, schemaPath, keyword: 'false schema', params: {}, message: 'boolean schema is false' });
    return;
  }
  const s = schema as OptionsSchema;
  const err = (keyword: string, params: Record<string, unknown>, message: string, path = instancePath) =>
    errors.push({ instancePath: path, schemaPath: `${schemaPath}/${keyword}`, keyword, params, message });
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  const typeOk = types.length === 0 || types.some((t) => isType(t, data));
  const typeError = () => err('type', { type: s.type }, `must be ${types.join(',')}`);
  // Ajv checks the type up front unless it is one type whose keyword group the schema uses;
  // then the type error is reported with that group, after the untyped keywords.
  const deferred = types.length === 1 && types[0] in GROUPS && GROUPS[types[0]].some((k) => s[k] !== undefined);
  if (!typeOk && !deferred) typeError();

  // Keywords for every type: enum, anyOf.
  if (s.enum !== undefined) {
    const allowed = s.enum as unknown[];
    if (!allowed.some((v) => deepEqual(v, data))) err('enum', { allowedValues: allowed }, 'must be equal to one of the allowed values');
  }
  if (s.anyOf !== undefined) {
    const before = errors.length;
    let passed = false;
    (s.anyOf as unknown[]).forEach((sub, i) => {
      const count = errors.length;
      validate(sub, data, instancePath, `${schemaPath}/anyOf/${i}`, errors);
      if (errors.length === count) passed = true;
    });
    if (passed) errors.length = before;
    else err('anyOf', {}, 'must match a schema in anyOf');
  }

  for (const group of GROUP_ORDER) {
    const keywords = GROUPS[group];
    if (!keywords.some((k) => s[k] !== undefined)) continue;
    if (!isType(group, data)) {
      if (deferred && types[0] === group && !typeOk) typeError();
      continue;
    }
    if (group === 'number') {
      const n = data as number;
      if (typeof s.maximum === 'number' && !(n <= s.maximum)) err('maximum', { comparison: '<=', limit: s.maximum }, `must be <= ${s.maximum}`);
      if (typeof s.minimum === 'number' && !(n >= s.minimum)) err('minimum', { comparison: '>=', limit: s.minimum }, `must be >= ${s.minimum}`);
    } else if (group === 'string') {
      const str = data as string;
      if (typeof s.minLength === 'number' && [...str].length < s.minLength) {
        err('minLength', { limit: s.minLength }, `must NOT have fewer than ${s.minLength} characters`);
      }
      if (typeof s.pattern === 'string' && !patternOf(s.pattern).test(str)) err('pattern', { pattern: s.pattern }, `must match pattern "${s.pattern}"`);
      if (s.format === 'regex' && !isRegex(str)) err('format', { format: 'regex' }, 'must match format "regex"');
    } else if (group === 'array') {
      const arr = data as unknown[];
      if (s.items !== undefined) arr.forEach((item, i) => validate(s.items, item, `${instancePath}/${i}`, `${schemaPath}/items`, errors));
      if (s.uniqueItems === true && arr.length > 1) {
        outer: for (let i = arr.length; i--; ) {
          for (let j = i; j--; ) {
            if (deepEqual(arr[i], arr[j])) {
              err('uniqueItems', { i, j }, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`);
              break outer;
            }
          }
        }
      }
    } else {
      const obj = data as Record<string, unknown>;
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      for (const name of (s.required ?? []) as string[]) {
        if (obj[name] === undefined) err('required', { missingProperty: name }, `must have required property '${name}'`);
      }
      if (s.additionalProperties === false) {
        for (const key in obj) {
          if (!Object.prototype.hasOwnProperty.call(properties, key)) {
            err('additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
          }
        }
      }
      for (const [name, sub] of Object.entries(properties)) {
        if (obj[name] !== undefined) validate(sub, obj[name], `${instancePath}/${escapePointer(name)}`, `${schemaPath}/properties/${escapePointer(name)}`, errors);
      }
    }
  }
}

/** Validates `data` against an options schema: Ajv's errors (allErrors), or [] when valid. */
export function validateOptions(schema: OptionsSchema, data: unknown): OptionsError[] {
  const errors: OptionsError[] = [];
  validate(schema, data, '', '#', errors);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Errors, worded as Spectral words them (RulesetFunctionValidationError, with
// @stoplight/spectral-runtime's printPath(Dot) and printValue, which are not dependencies here)

const decodeFragment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function printDotPath(path: string[]): string {
  let out = '';
  path.forEach((segment, index) => {
    if (segment.length === 0) out += `['']`;
    else if (/\s/.test(segment)) out += `['${segment}']`;
    else if (!Number.isNaN(Number(segment))) out += `[${segment}]`;
    else out += `${index === 0 ? '' : '.'}${segment}`;
  });
  return decodeFragment(out);
}

function printValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'Array[]' : 'Object{}';
  return JSON.stringify(value);
}

function errorPath(error: OptionsError): string[] {
  const path = ['functionOptions', ...(error.instancePath === '' ? [] : error.instancePath.slice(1).split('/'))];
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

function errorMessage(fn: string, error: OptionsError): string {
  // Spectral prints type/enum paths from instancePath.slice(1).split('/') (so the root is `['']`).
  const at = (extra: string[] = []) => printDotPath([...error.instancePath.slice(1).split('/'), ...extra]);
  const under = (extra: string) => printDotPath([...error.instancePath.slice(1).split('/'), extra]);
  switch (error.keyword) {
    case 'type': {
      const type = error.params.type;
      return `"${fn}" function and its "${at()}" option accepts only the following types: ${Array.isArray(type) ? type.join(', ') : String(type)}`;
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return `"${fn}" function is missing "${error.instancePath === '' ? missing : under(missing)}" option`;
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      return `"${fn}" function does not support "${error.instancePath === '' ? extra : under(extra)}" option`;
    }
    case 'enum':
      return `"${fn}" function and its "${at()}" option accepts only the following values: ${(error.params.allowedValues as unknown[]).map(printValue).join(', ')}`;
    default:
      return error.message;
  }
}

// ---------------------------------------------------------------------------------------------
// defineFunction

export interface FunctionSchemas {
  /** Always null: our functions check their input themselves (they never throw on it). */
  input: null;
  options: OptionsSchema | null;
}

type Fn<I, O> = (input: I, options: O, context: RulesetFunctionContext) => IFunctionResult[] | void | Promise<IFunctionResult[] | void>;

/**
 * What a defineFunction function is made of, for callers that call it many times with the same
 * options (rulesets/compose.ts): validate once, then call `fn` directly.
 */
export const DEFINED_PARTS = Symbol('spectral-integration-ruleset.defined');
export interface DefinedParts {
  fn: (input: never, options: never, context: RulesetFunctionContext) => unknown;
  validator: (options: unknown) => void;
}

/**
 * A custom Spectral function with validated options: `fn.validator(options)` throws Spectral's
 * `invalid-function-options` errors (an AggregateError of RulesetValidationError, worded like
 * `createRulesetFunction`'s), and is run before each call (once per options object).
 */
export function defineFunction<I, O>(schemas: FunctionSchemas, fn: Fn<I, O>): RulesetFunctionWithValidator<I, O> {
  const { options } = schemas;
  if (options !== null) assertSupportedSchema(options);
  const name = fn.name || '<unknown>';
  const valid = new WeakSet<object>();
  const validator = (o: unknown): void => {
    if (typeof o === 'object' && o !== null && valid.has(o)) return;
    if (options === null) {
      if (o === null) return;
      throw new RulesetValidationError('invalid-function-options', `"${name}" function does not accept any options`, ['functionOptions']);
    }
    const errors = validateOptions(options, o);
    if (errors.length === 0) {
      if (typeof o === 'object' && o !== null) valid.add(o);
      return;
    }
    throw new AggregateError(errors.map((e) => new RulesetValidationError('invalid-function-options', errorMessage(name, e), errorPath(e))));
  };
  const wrapped = function (this: unknown, input: I, opts: O, context: RulesetFunctionContext) {
    validator(opts);
    return fn.call(this, input, opts, context);
  };
  Reflect.defineProperty(wrapped, 'name', { value: fn.name });
  Reflect.defineProperty(wrapped, DEFINED_PARTS, { value: { fn, validator } satisfies DefinedParts });
  Reflect.defineProperty(wrapped, 'validator', { value: validator, enumerable: true, writable: true });
  Reflect.defineProperty(wrapped, 'schemas', { value: { input: null, options }, enumerable: false });
  return wrapped as unknown as RulesetFunctionWithValidator<I, O>;
}
