/**
 * Property-based robustness (fast-check): random mutations of every fixture document, and
 * arbitrary JSON values at every position, through the real Spectral engine with the full
 * ruleset. No exception, no result without a path. CI runs a bounded number of cases
 * (FUZZ_RUNS, default 150 per property); `npm run fuzz` runs a long campaign.
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIntegrationRuleset } from '../../rulesets/create';
import { allPaths, applyMutations, lintBoth, mutationArb, seedDocuments } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const seeds = seedDocuments();

describe('fuzzing the full ruleset through @stoplight/spectral-core', () => {
  it('has seed documents', () => expect(seeds.length).toBeGreaterThan(5));

  it('random mutation sequences of fixture documents never make a rule throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), async (i, mutations) => {
        await lintBoth(applyMutations(seeds[i].data, mutations));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it('an arbitrary JSON value at any position of any fixture never makes a rule throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 4 }), async (i, at, value) => {
        const paths = allPaths(seeds[i].data);
        await lintBoth(applyMutations(seeds[i].data, [{ op: 'retype', at: at % Math.max(paths.length, 1), value: value as never }]));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it("Spectral's own failures are told apart from a rule throwing (format detection on `openapi: {toString: 1}`)", async () => {
    const doc = { openapi: { toString: 1 }, info: { title: 't', version: '1' }, paths: {} };
    const spectral = new Spectral();
    spectral.setRuleset(createIntegrationRuleset() as never);
    // Spectral itself throws, in spectral-formats, before any rule runs...
    await expect(spectral.run(new Document(JSON.stringify(doc), Json, 'fuzz.json'))).rejects.toThrow(/primitive/);
    // ...so the harness does not count it as a rule throwing.
    await expect(lintBoth(doc as never)).resolves.toEqual([]);
  });

  it('objects whose `toString` is not a function, where rules print or compare values, give no internal error', async () => {
    const odd = { toString: 1 };
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          parameters: [{ name: odd, in: 'query' }],
          post: { parameters: [{ name: 'Idempotency-Key', in: odd }, { name: odd, in: 'header' }], responses: { '201': { description: 'ok' } } },
          get: { parameters: [{ name: 'Idempotency-Key', in: odd }], responses: { '200': { description: 'ok' } } },
        },
      },
    };
    // lintBoth throws on any "Internal error in rule" result.
    const results = await lintBoth(doc as never);
    expect(results.some((r) => r.code === 'idempotency-key-schema' && /in: \{"toString":1\}/.test(r.message))).toBe(true);
  });

  it('every position of every fixture, retyped to each JSON type, never makes a rule throw', async () => {
    const values = [null, 42, 'text', true, [], {}, [{}], { $ref: '#/missing' }];
    let cases = 0;
    for (const seed of seeds.slice(0, Number(process.env.FUZZ_EXHAUSTIVE_SEEDS ?? 12))) {
      const paths = allPaths(seed.data);
      // Every position of the small fixtures; an even spread of 120 on the large ones (CI
      // time). `FUZZ_EXHAUSTIVE_ALL=1` covers every position of every seed.
      const step = process.env.FUZZ_EXHAUSTIVE_ALL === '1' ? 1 : Math.max(1, Math.ceil(paths.length / 120));
      for (let at = 0; at < paths.length; at += step) {
        const value = values[at % values.length];
        await lintBoth(applyMutations(seed.data, [{ op: 'retype', at, value: value as never }]));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(0);
  }, 600_000);
});
