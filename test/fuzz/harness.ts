/**
 * Fuzzing through the real engine: documents (the rules' example fixtures) are mutated at
 * random — a node deleted, retyped to an arbitrary JSON value, duplicated under another key,
 * or deepened (wrapped in an object/array) — and linted by @stoplight/spectral-core with the
 * FULL ruleset in both presets. A rule function that throws makes Spectral reject the run,
 * which this harness reports as a failure together with the mutated document.
 */
import { Document, Spectral, type ISpectralDiagnostic, type RulesetFunctionContext } from '@stoplight/spectral-core';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, createIntegrationRuleset } from '../../rulesets/create';
import { resolveRuleOptions } from '../../rulesets/compose';
import { SEED_CONVENTIONS, STANDARD_CONVENTIONS, type AnyRuleFactory } from '../../rulesets/types';

export const OUR_RULE_IDS = new Set<string>(ALL_RULES.map((r) => r.id));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every fixture API document (OpenAPI / AsyncAPI), parsed. */
export function seedDocuments(): { file: string; data: Json }[] {
  const out: { file: string; data: Json }[] = [];
  for (const file of walk(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
    try {
      const data = Yaml.parse(readFileSync(file, 'utf8')).data as Json;
      if (data && typeof data === 'object' && !Array.isArray(data) && ('openapi' in data || 'swagger' in data || 'asyncapi' in data)) {
        out.push({ file, data: JSON.parse(JSON.stringify(data)) as Json });
      }
    } catch {
      // unparsable fixtures are covered by the bad-input tests, not here
    }
  }
  return out;
}

/** All paths of a JSON value (containers and leaves), root excluded. */
export function allPaths(value: Json, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 40) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      allPaths(v, [...prefix, i], out, depth + 1);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      allPaths(v, [...prefix, k], out, depth + 1);
    }
  }
  return out;
}

export type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; value: Json }
  | { op: 'duplicate'; at: number; to: number; key: string }
  | { op: 'deepen'; at: number; asArray: boolean };

function getAt(root: Json, path: Path): Json | undefined {
  let cur: Json | undefined = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Json>)[k as string];
  }
  return cur;
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = getAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return root;
  const key = path[path.length - 1];
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(key), 1);
    else parent[Number(key)] = value;
  } else if (value === undefined) delete (parent as Record<string, Json>)[key as string];
  else (parent as Record<string, Json>)[key as string] = value;
  return root;
}

/** Applies mutations in order; indexes pick among the paths present at that moment. */
export function applyMutations(seed: Json, mutations: Mutation[]): Json {
  let doc = JSON.parse(JSON.stringify(seed)) as Json;
  for (const m of mutations) {
    const paths = allPaths(doc);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length];
    const current = getAt(doc, path);
    switch (m.op) {
      case 'delete':
        doc = setAt(doc, path, undefined);
        break;
      case 'retype':
        // A copy: fc.constantFrom hands out the same object every time, and a later mutation
        // must not edit it (or put it inside itself).
        doc = setAt(doc, path, JSON.parse(JSON.stringify(m.value)) as Json);
        break;
      case 'duplicate': {
        const target = paths[m.to % paths.length];
        const holder = getAt(doc, target);
        if (holder && typeof holder === 'object' && !Array.isArray(holder) && current !== undefined) {
          (holder as Record<string, Json>)[m.key] = JSON.parse(JSON.stringify(current)) as Json;
        } else if (Array.isArray(holder) && current !== undefined) holder.push(JSON.parse(JSON.stringify(current)) as Json);
        break;
      }
      case 'deepen':
        if (current !== undefined) doc = setAt(doc, path, m.asArray ? [current] : { nested: current });
        break;
    }
  }
  return doc;
}

const jsonValue: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const interestingKey = fc.constantFrom(
  '$ref', 'allOf', 'properties', 'required', 'headers', 'parameters', 'responses', 'requestBody', 'content', 'schema',
  'security', 'x-rate-limit', 'x-idempotency', 'x-retry-policy', 'x-circuit-breaker', 'x-timeout', 'x-dlq',
  'x-webhook-signature', 'x-webhook-delivery', 'x-integrations', 'x-delivery-guarantee', 'x-producer', 'x-consumers',
  'messages', 'payload', 'correlationId', 'bindings', 'operations', 'channels', 'callbacks', 'webhooks', 'oneOf', '429', 'get', 'post',
);
const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  jsonValue,
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, '', ' ', 'infinite', '#/nope', '$message.payload#/', [], {}, [null], { $ref: '#/' }, { $ref: '#/components/schemas/Missing' }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: weirdValue }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), to: fc.nat(), key: interestingKey }),
  fc.record({ op: fc.constant('deepen' as const), at: fc.nat(), asArray: fc.boolean() }),
);

let spectrals: Spectral[] | undefined;

/** Spectral instances with the full ruleset, default and /standards presets. */
export function engines(): Spectral[] {
  if (!spectrals) {
    spectrals = [createIntegrationRuleset(), createIntegrationRuleset({ ...STANDARD_CONVENTIONS })].map((ruleset) => {
      const s = new Spectral();
      s.setRuleset(ruleset as never);
      return s;
    });
  }
  return spectrals;
}

/** Lints a document with both presets; throws (with the cause) when any rule function threw. */
let emptySpectral: Spectral | undefined;

/**
 * True when Spectral with no rule at all throws on the document (Spectral's own failure). The
 * ruleset declares our formats, as spectral:oas does: Spectral's format detection itself can
 * throw (spectral-formats' isOas3 calls String() on `openapi`, so `openapi: {toString: 1}`
 * aborts any run with an OpenAPI ruleset), before any rule runs.
 */
async function spectralFailsAlone(text: string): Promise<boolean> {
  if (!emptySpectral) {
    emptySpectral = new Spectral();
    emptySpectral.setRuleset({ formats: createIntegrationRuleset().formats, rules: {} } as never);
  }
  try {
    await emptySpectral.run(new Document(text, Json, 'fuzz.json'));
    return false;
  } catch {
    return true;
  }
}

export async function lintBoth(doc: Json): Promise<ISpectralDiagnostic[]> {
  // A `__proto__` key makes Spectral itself throw (immer, in its $ref resolver), with any
  // ruleset: a known Spectral limitation (docs/reliability.md), not a rule bug. Renamed here.
  const text = JSON.stringify(doc).replace(/"__proto__":/g, '"__proto_key__":');
  const results: ISpectralDiagnostic[] = [];
  try {
    for (const spectral of engines()) {
      results.push(...(await spectral.run(new Document(text, Json, 'fuzz.json'))));
    }
  } catch (error) {
    // Spectral itself throws on some inputs whatever the ruleset (e.g. `$ref: "__proto__"`
    // in its resolver's dependency graph): not a rule bug when an empty ruleset throws too.
    if (await spectralFailsAlone(text)) return [];
    throw error;
  }
  for (const r of results) {
    if (OUR_RULE_IDS.has(String(r.code)) && (!Array.isArray(r.path) || r.path.length === 0)) {
      throw new Error(`rule ${r.code} returned a result without a path: ${r.message}`);
    }
    if (OUR_RULE_IDS.has(String(r.code)) && r.message.startsWith('Internal error in rule')) {
      throw new Error(r.message);
    }
  }
  return results;
}

// -----------------------------------------------------------------------------------------
// Direct calls of the custom functions
// -----------------------------------------------------------------------------------------

/** A call of longer than this is a hang. */
export const SLOW_MS = 2_000;

/** Arbitrary JS values (what a function could be handed), null-prototype objects and sparse arrays included. */
export const anythingArb = fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: true });

export type Fn = (input: unknown, options: unknown, context: RulesetFunctionContext) => unknown;

export interface Built {
  rule: string;
  given: string[];
  fn: Fn;
  options: unknown;
}

/** Every (rule, then) pair of the catalog, unguarded, with its options, in both convention sets. */
export function builtFunctions(): Built[] {
  const out: Built[] = [];
  for (const conventions of [SEED_CONVENTIONS, STANDARD_CONVENTIONS]) {
    for (const factory of ALL_RULES as readonly AnyRuleFactory[]) {
      const built = factory.build(resolveRuleOptions(factory, conventions));
      const given = Array.isArray(built.given) ? built.given : [built.given];
      for (const then of Array.isArray(built.then) ? built.then : [built.then]) {
        out.push({ rule: factory.id, given: given as string[], fn: then.function as unknown as Fn, options: then.functionOptions ?? null });
      }
    }
  }
  return out;
}


function context(root: unknown, path: (string | number)[]): RulesetFunctionContext {
  return {
    path,
    document: { data: root, formats: new Set() },
    documentInventory: { resolved: root, graph: null, referencedDocuments: {}, findAssociatedItemForPath: () => null },
    rule: { name: 'fuzz', given: [], then: [] },
  } as unknown as RulesetFunctionContext;
}

function checkResults(rule: string, out: unknown): void {
  if (out === undefined || out === null) return;
  if (!Array.isArray(out)) throw new Error(`${rule}: returned ${typeof out}, not an array`);
  for (const r of out) {
    if (typeof r !== 'object' || r === null || typeof (r as { message?: unknown }).message !== 'string') {
      throw new Error(`${rule}: a result without a message: ${JSON.stringify(r)}`);
    }
    const path = (r as { path?: unknown }).path;
    if (path !== undefined && (!Array.isArray(path) || path.some((s) => typeof s !== 'string' && typeof s !== 'number'))) {
      throw new Error(`${rule}: a result with a malformed path: ${JSON.stringify(path)}`);
    }
  }
}

export async function callFunction(b: Built, target: unknown, root: unknown): Promise<void> {
  const started = Date.now();
  let out: unknown;
  try {
    out = await b.fn(target, b.options, context(root, ['fuzz']));
  } catch (error) {
    throw new Error(`${b.rule} threw on ${safeJson(target)} (root ${safeJson(root).slice(0, 200)}): ${(error as Error)?.stack ?? error}`);
  }
  if (Date.now() - started > SLOW_MS) throw new Error(`${b.rule} took ${Date.now() - started} ms on ${safeJson(target).slice(0, 200)}`);
  checkResults(b.rule, out);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

