/**
 * Property-based robustness of every custom function, called two ways:
 *  - directly, with fc.anything() as the target value, and as the resolved document root
 *    (what functions read through context.documentInventory / context.document), with the
 *    rule's own options (catalog defaults, both convention sets);
 *  - through the real Spectral engine with the FULL ruleset (both presets): in a valid fixture
 *    document, one node the rule's `given` selects is replaced by an arbitrary JSON value.
 * No exception, no hang (each call is timed), no result without a message or with a malformed
 * path. FUZZ_RUNS scales the number of cases (CI default keeps this file to ~20 s).
 */
import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rulesets/create';
import { allPaths, anythingArb, builtFunctions, callFunction, lintBoth, seedDocuments, type Built } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Calls per rule with arbitrary values (direct calls are cheap). */
const DIRECT_RUNS = Math.max(20, RUNS);
/** Spectral runs per rule with a replaced target node. */
const ENGINE_RUNS = Math.max(2, Math.round(RUNS / 25));

const functions = builtFunctions();
const seeds = seedDocuments();
const call = (b: Built, target: unknown, root: unknown) => callFunction(b, target, root);

const anything = anythingArb;

describe('every custom function, called directly with arbitrary values', () => {
  it('covers every rule of the catalog', () => {
    expect(new Set(functions.map((f) => f.rule)).size).toBe(ALL_RULES.length);
  });

  it('fc.anything() as the target value, in a real document: no exception, no hang, well-formed results', async () => {
    for (const b of functions) {
      await fc.assert(
        fc.asyncProperty(anything, fc.nat(seeds.length - 1), async (target, i) => call(b, target, seeds[i].data)),
        { numRuns: DIRECT_RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 300_000);

  it('fc.anything() as the target value AND as the resolved root: no exception, no hang', async () => {
    for (const b of functions) {
      await fc.assert(
        fc.asyncProperty(anything, anything, async (target, root) => call(b, target, root)),
        { numRuns: DIRECT_RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 300_000);
});

/** Concrete paths the given selects in a document (JSONPath, as Spectral evaluates it). */
function targets(given: string[], doc: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const g of given) {
    try {
      for (const p of JSONPath({ path: g, json: doc as object, resultType: 'path' }) as string[]) {
        const segments = JSONPath.toPathArray(p).slice(1);
        if (segments.length > 0) out.push(segments);
      }
    } catch {
      /* a given jsonpath-plus cannot evaluate: covered by the mutation fuzzing */
    }
  }
  return out;
}

function replaced(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]] = value;
  return copy;
}

describe('every rule through Spectral, its target node replaced by an arbitrary JSON value', () => {
  const plans = [...new Map(functions.map((f) => [f.rule, f])).values()].map((b) => {
    // A rule given the root reads the whole document: replace any node of it.
    const where = b.given.every((g) => g === '$')
      ? seeds.flatMap((s) => allPaths(s.data).map((p) => ({ doc: s.data, path: p })))
      : seeds.flatMap((s) => targets(b.given, s.data).map((p) => ({ doc: s.data, path: p })));
    return { rule: b.rule, where };
  });

  it('finds target nodes for every rule in the fixtures', () => {
    const missing = plans.filter((p) => p.where.length === 0).map((p) => p.rule);
    expect(missing, 'rules without a target node in the fixtures').toEqual([]);
  });

  it('no exception, no result without a path, with the full ruleset (both presets)', async () => {
    for (const plan of plans.filter((p) => p.where.length > 0)) {
      await fc.assert(
        fc.asyncProperty(fc.nat(plan.where.length - 1), fc.jsonValue({ maxDepth: 4 }), async (i, value) => {
          const { doc, path } = plan.where[i];
          await lintBoth(replaced(doc, path, value) as never);
        }),
        { numRuns: ENGINE_RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 300_000);
});
