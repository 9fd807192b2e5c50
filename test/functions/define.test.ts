/**
 * defineFunction must behave exactly like Spectral's createRulesetFunction (which compiles its
 * options schema with Ajv): same verdict, same error messages and paths, for every options
 * schema of every exported function, on thousands of generated option values.
 */
import { createRulesetFunction, Ruleset } from '@stoplight/spectral-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as functions from '../../functions/index';
import { assertSupportedSchema, defineFunction, validateOptions } from '../../functions/lib/define';

type Schema = Record<string, unknown>;
type WithSchemas = { schemas?: { input: unknown; options: Schema | null }; validator?: (o: unknown) => void; name: string };

const exported = Object.entries(functions as Record<string, unknown>)
  .filter(([, fn]) => typeof fn === 'function' && (fn as WithSchemas).schemas !== undefined)
  .map(([name, fn]) => [name, fn as unknown as WithSchemas] as const);

/** What a validator throws, as comparable data. */
function outcome(validator: (o: unknown) => void, value: unknown): { ok: true } | { ok: false; errors: { message: string; path: unknown }[] } {
  try {
    validator(value);
    return { ok: true };
  } catch (error) {
    const list = error instanceof AggregateError ? error.errors : [error];
    return { ok: false, errors: list.map((e: { message: string; path?: unknown }) => ({ message: e.message, path: e.path })) };
  }
}

const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', ' ', 'a b', '~1/x', '24h', 'P1D', 'x-y', '^a$', '(', 'a\\Z', 'get', 'post', 'GET', '1XX', '4xx', '200', '99', '1e3'),
  fc.integer({ min: -5, max: 700 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1.5, 100, 599, 600, Infinity, -Infinity, NaN),
  fc.boolean(),
  fc.constant(null),
);

/** Values shaped by the schema (right and wrong), plus arbitrary JSON. */
function valuesFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const s = (schema ?? {}) as Schema;
  const options: fc.Arbitrary<unknown>[] = [scalar];
  if (depth < 3) options.push(fc.jsonValue({ maxDepth: 2 }));
  if (Array.isArray(s.enum)) options.push(fc.constantFrom(...(s.enum as unknown[])));
  if (Array.isArray(s.anyOf)) for (const sub of s.anyOf) options.push(valuesFor(sub, depth + 1));
  if (s.items !== undefined && depth < 4) {
    const item = valuesFor(s.items, depth + 1);
    options.push(fc.array(item, { maxLength: 4 }));
    options.push(fc.array(item, { maxLength: 3 }).map((a) => [...a, ...a]));
  }
  if (s.properties !== undefined && depth < 4) {
    const props = s.properties as Record<string, unknown>;
    const names = Object.keys(props);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const n of names) record[n] = valuesFor(props[n], depth + 1);
    options.push(
      fc
        .tuple(fc.record(record, { requiredKeys: [] }), fc.dictionary(fc.constantFrom('extra', 'severity', 'other key', ...names), scalar, { maxKeys: 2 }))
        .map(([a, b]) => ({ ...b, ...a })),
    );
    options.push(fc.record(record));
  }
  return fc.oneof(...options);
}

describe('defineFunction', () => {
  it('covers every exported function that takes options', () => {
    expect(exported.length).toBeGreaterThan(40);
    expect(exported.filter(([, fn]) => fn.schemas?.options).length).toBeGreaterThan(15);
  });

  for (const [name, fn] of exported) {
    const schema = fn.schemas!.options;
    it(`${name}: same verdicts and messages as createRulesetFunction`, () => {
      expect(fn.schemas!.input).toBeNull();
      const reference = createRulesetFunction({ input: null, options: schema as never }, Object.defineProperty(() => undefined, 'name', { value: fn.name }));
      const compare = (value: unknown) => {
        // fresh copies: both validators remember valid option objects
        const copy = (v: unknown) => (v === undefined ? v : structuredClone(v));
        expect(outcome(fn.validator!, copy(value)), JSON.stringify(value)).toEqual(outcome(reference.validator, copy(value)));
      };
      compare(null);
      compare(undefined);
      compare({});
      compare([]);
      compare('x');
      fc.assert(fc.property(valuesFor(schema), compare), { numRuns: schema ? 400 : 50, seed: 20261126 });
    });
  }

  it('words errors like Spectral, with paths into functionOptions', () => {
    const fn = defineFunction(
      {
        input: null,
        options: {
          type: 'object',
          properties: { methods: { type: 'array', items: { enum: ['get', 'post'] }, uniqueItems: true }, header: { type: 'string', minLength: 1 } },
          required: ['header'],
          additionalProperties: false,
        },
      },
      function sample() {
        return [];
      },
    );
    const result = outcome(fn.validator, { methods: ['get', 'put', 'get'], extra: 1 });
    expect(result).toEqual({
      ok: false,
      errors: [
        { message: '"sample" function is missing "header" option', path: ['functionOptions'] },
        { message: '"sample" function does not support "extra" option', path: ['functionOptions', 'extra'] },
        { message: '"sample" function and its "methods[1]" option accepts only the following values: "get", "post"', path: ['functionOptions', 'methods', '1'] },
        { message: 'must NOT have duplicate items (items ## 0 and 2 are identical)', path: ['functionOptions', 'methods'] },
      ],
    });
  });

  it('refuses options for a function that takes none', () => {
    const fn = defineFunction({ input: null, options: null }, function none() {
      return [];
    });
    expect(outcome(fn.validator, null)).toEqual({ ok: true });
    expect(outcome(fn.validator, { a: 1 })).toEqual({ ok: false, errors: [{ message: '"none" function does not accept any options', path: ['functionOptions'] }] });
  });

  it('is validated by Spectral when a ruleset loads, with the same error as createRulesetFunction', () => {
    const schema = { type: 'object', properties: { max: { type: 'integer', minimum: 1 } }, additionalProperties: false } as const;
    const ours = defineFunction({ input: null, options: schema }, function limit() {
      return [];
    });
    const theirs = createRulesetFunction({ input: null, options: schema }, function limit() {
      return [];
    });
    const load = (fn: unknown) => {
      try {
        new Ruleset({ rules: { r: { given: '$', then: { function: fn as never, functionOptions: { max: 0, typo: true } } } } });
        return 'loaded';
      } catch (error) {
        return String(error instanceof AggregateError ? error.errors.map((e: Error) => e.message).join('\n') : error);
      }
    };
    expect(load(ours)).not.toBe('loaded');
    expect(load(ours)).toBe(load(theirs));
  });

  it('validates before each call, once per options object', () => {
    let calls = 0;
    const fn = defineFunction({ input: null, options: { type: 'object', properties: { n: { type: 'integer' } } } }, function counted() {
      calls++;
      return [];
    });
    const options = { n: 1 };
    fn('x', options, {} as never);
    fn('y', options, {} as never);
    expect(calls).toBe(2);
    expect(() => fn('x', { n: 'one' } as never, {} as never)).toThrow(AggregateError);
    expect(calls).toBe(2);
  });

  it('refuses schemas it does not implement, when the function is defined', () => {
    expect(() => assertSupportedSchema({ type: 'object', properties: { a: { oneOf: [] } } })).toThrow(/uses "oneOf"/);
    expect(() => assertSupportedSchema({ type: 'string', format: 'email' })).toThrow(/format "email"/);
    expect(() => assertSupportedSchema({ type: 'object', additionalProperties: { type: 'string' } })).toThrow(/additionalProperties/);
    expect(validateOptions({ type: 'integer', minimum: 1 }, 0)).toMatchObject([{ keyword: 'minimum', message: 'must be >= 1' }]);
  });
});
