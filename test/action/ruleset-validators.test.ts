/**
 * The action's bundle replaces Spectral's ruleset validator (compiled with Ajv in every thread)
 * with the same validator compiled ahead of time (scripts/gen-ruleset-validators.mjs). It must
 * be current, and give exactly the verdicts and errors of Spectral's own on valid and invalid
 * rulesets.
 */
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import defaultPreset from '../../rulesets/index';
import standardsPreset from '../../rulesets/standards';
import { httpStatusCodes } from '../../functions/httpStatusCodes';
// @ts-expect-error: a JavaScript build script without declarations
import { generate, OUTPUT } from '../../scripts/gen-ruleset-validators.mjs';
import { REPO_ROOT } from './helpers/harness';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

// Spectral's own module (by file: the package's exports map does not list it).
const coreDir = dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('@stoplight/spectral-core'));
const requireCore = createRequire(join(coreDir, 'index.js'));
const spectral = requireCore('./ruleset/validation/ajv.js') as { createValidator(format: 'js' | 'json'): Validate };
const context = {
  validateAlias: requireCore('./ruleset/validation/validators/alias.js').validateAlias,
  validateFunction: requireCore('./ruleset/validation/validators/function.js').validateFunction,
};
const precompiled = requireCore(OUTPUT as string) as Record<'js' | 'json', Validate>;

function run(format: 'js' | 'json', definition: unknown) {
  const theirs = spectral.createValidator(format); // a Proxy that binds the context itself
  const valid = theirs(definition);
  const errors = structuredClone(theirs.errors ?? null);
  const ours = precompiled[format];
  const oursValid = Reflect.apply(ours, context, [definition]);
  return { theirs: { valid, errors }, ours: { valid: oursValid, errors: structuredClone(ours.errors ?? null) } };
}

const fn = () => [];
const definitions: [string, unknown][] = [
  ['our default preset', defaultPreset],
  ['our standards preset', standardsPreset],
  ['spectral:oas', oas],
  ['spectral:asyncapi', asyncapi],
  ['empty object', {}],
  ['not an object', 'rules'],
  ['unknown top-level key', { rules: {}, rulez: {} }],
  ['rule without then', { rules: { a: { given: '$' } } }],
  ['given not a path', { rules: { a: { given: 'paths', then: { function: fn } } } }],
  ['bad severity', { rules: { a: { given: '$', severity: 'fatal', then: { function: fn } } } }],
  ['rule as severity', { rules: { a: 'warn', b: false, c: 'nope' } }],
  ['function not a function', { rules: { a: { given: '$', then: { function: 'truthy' } } } }],
  ['bad function options (defineFunction)', { rules: { a: { given: '$', then: { function: httpStatusCodes, functionOptions: { allowed: ['abc'], extra: 1 } } } } }],
  ['bad documentationUrl', { documentationUrl: 'not a url', rules: {} }],
  ['bad formats', { formats: ['oas3'], rules: {} }],
  ['aliases', { aliases: { Ok: ['$.paths'], '1bad': ['$'], Obj: { targets: [] } }, rules: { a: { given: '#Ok', then: { function: fn } }, b: { given: '#Missing', then: { function: fn } } } }],
  ['overrides', { overrides: [{ files: ['*.yaml'], rules: { a: 'off' } }, { files: [] }, { files: ['a.yaml#/x'], extends: [] }], rules: {} }],
  ['parserOptions', { rules: {}, parserOptions: { duplicateKeys: 'warn', incompatibleValues: 'nope', extra: 1 } }],
  ['extends forms', { extends: [[oas, 'all'], [oas, 'bogus'], 42] }],
];

describe('precompiled Spectral ruleset validators (the action bundle)', () => {
  it('are current (npm run gen)', () => {
    expect(readFileSync(OUTPUT as string, 'utf8'), 'action/generated/spectral-ruleset-validators.js is stale: run npm run gen').toBe(generate());
  });

  for (const format of ['js', 'json'] as const) {
    for (const [name, definition] of definitions) {
      it(`${format}: ${name}: the same verdict and errors as Spectral's`, () => {
        const { theirs, ours } = run(format, definition);
        expect(ours).toEqual(theirs);
      });
    }
  }

  it('the cases above include valid and invalid rulesets', () => {
    const verdict = (name: string) => run('js', definitions.find(([n]) => n === name)![1]).theirs.valid;
    for (const valid of ['our default preset', 'our standards preset', 'spectral:oas', 'spectral:asyncapi']) expect(verdict(valid), valid).toBe(true);
    for (const invalid of ['empty object', 'unknown top-level key', 'given not a path', 'bad severity', 'function not a function', 'bad function options (defineFunction)', 'bad documentationUrl', 'aliases']) {
      expect(verdict(invalid), invalid).toBe(false);
    }
  });

  it('agree on generated rule definitions', () => {
    const rule = fc.record(
      {
        given: fc.oneof(fc.constantFrom('$', '$.paths[*]', '#Alias', 'x'), fc.array(fc.constantFrom('$', 'y'), { maxLength: 2 }), fc.integer()),
        severity: fc.oneof(fc.constantFrom('error', 'warn', 'info', 'hint', 'off', 'bad', 0, 1, 5)),
        resolved: fc.oneof(fc.boolean(), fc.string()),
        message: fc.oneof(fc.string(), fc.integer()),
        type: fc.constantFrom('style', 'validation', 'other'),
        then: fc.oneof(fc.constant({ function: fn }), fc.constant({ field: 'x', function: fn }), fc.constant([{ function: fn }]), fc.constant({}), fc.constant([])),
        extra: fc.anything({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.oneof(rule, fc.constantFrom('warn', true, false, null)), { maxKeys: 3 }), (rules) => {
        const { theirs, ours } = run('js', { rules, aliases: { Alias: ['$.info'] } });
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
