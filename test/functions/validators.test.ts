/**
 * functions/lib/generated/validators.js is Ajv's standalone code for schemas/x-*.schema.json:
 * it must be current (regenerate with `npm run gen`), and give exactly the verdicts and error
 * objects of the same schemas compiled at run time.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as generated from '../../functions/lib/generated/validators';
// @ts-expect-error: a JavaScript build script without declarations
import { generate, VALIDATORS } from '../../scripts/gen-validators.mjs';

const root = path.resolve(__dirname, '../..');

describe('generated extension validators', () => {
  it('are current (npm run gen)', () => {
    const { code, types } = generate();
    expect(readFileSync(path.join(root, 'functions/lib/generated/validators.js'), 'utf8'), 'functions/lib/generated/validators.js is stale: run npm run gen').toBe(code);
    expect(readFileSync(path.join(root, 'functions/lib/generated/validators.d.ts'), 'utf8')).toBe(types);
  });

  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const ids = new Map<string, string>();
  for (const file of readdirSync(path.join(root, 'schemas')).filter((f) => f.startsWith('x-'))) {
    const schema = JSON.parse(readFileSync(path.join(root, 'schemas', file), 'utf8'));
    ajv.addSchema(schema);
    ids.set(file, schema.$id);
  }
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        limit: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()),
        window: fc.constantFrom('1m', 'PT1M', 'soon', 5),
        scope: fc.constantFrom('ip', 'user', 'nobody'),
        maxAttempts: fc.integer({ min: -1, max: 20 }),
        backoff: fc.constantFrom('exponential', 'linear', 'none', 'x'),
        retention: fc.constantFrom('P14D', '1d', 'forever'),
        channel: fc.string({ maxLength: 3 }),
        queue: fc.string({ maxLength: 3 }),
        ttl: fc.constantFrom('24h', 'P1D', 'x'),
        required: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    ),
  );
  for (const [name, [file, fragment]] of Object.entries(VALIDATORS as Record<string, [string, string]>)) {
    it(`${name}: the same results as ${file}${fragment} compiled at run time`, () => {
      const precompiled = (generated as Record<string, (v: unknown) => boolean & { errors?: unknown }>)[name] as unknown as { (v: unknown): boolean; errors?: unknown };
      const runtime = ajv.compile({ $ref: `${ids.get(file)}${fragment}` });
      const strip = (errors: unknown) => (errors as { schemaPath: string }[] | null | undefined)?.map(({ schemaPath: _s, ...rest }) => rest) ?? null;
      fc.assert(
        fc.property(value, (v) => {
          const a = precompiled(v);
          const b = runtime(v);
          expect(a).toBe(b);
          expect(strip(precompiled.errors)).toEqual(strip(runtime.errors));
        }),
        { numRuns: 300, seed: 26112026 },
      );
    });
  }
});
