/**
 * Turns rule factories into a Spectral ruleset. Used by every entry point (default preset,
 * /standards, the domain entry points and createIntegrationRuleset), so they cannot drift.
 */
import type { IFunctionResult, RuleDefinition, RulesetFunctionContext } from '@stoplight/spectral-core';
import type { Format } from '@stoplight/spectral-core';
import { aas2, aas3, oas2, oas3 } from '@stoplight/spectral-formats';
import { DEFINED_PARTS, type DefinedParts } from '../functions/lib/define';
import { errorMessage, isObject, keysOf } from '../functions/lib/guards';
import { SEED_CONVENTIONS, type AnyRuleFactory, type Conventions, type Severity } from './types';

/** Where docs/rules.md is published; every result links to its rule's section. */
export const DOCS_URL = 'https://github.com/integration-rulesets/spectral-integration-ruleset/blob/main/docs/rules.md';

export function documentationUrl(ruleId: string): string {
  return `${DOCS_URL}#${ruleId}`;
}

export type RuleSetting = false | 'off' | Severity | ({ severity?: Severity | 'off' } & Record<string, unknown>);

const SEVERITIES = new Set(['error', 'warn', 'info', 'hint', 'off']);

/** Error thrown for options that cannot be used; the message says which and how to fix it. */
export class IntegrationRulesetOptionsError extends Error {
  constructor(message: string) {
    super(`spectral-integration-ruleset: ${message}`);
    this.name = 'IntegrationRulesetOptionsError';
  }
}

/** The options a factory will build with: defaults, then conventions, then the user's. */
export function resolveRuleOptions(
  factory: AnyRuleFactory,
  conventions: Conventions,
  user: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...factory.defaults, ...(factory.conventions?.(conventions) ?? {}), ...user };
}

export function buildRule(
  factory: AnyRuleFactory,
  conventions: Conventions = SEED_CONVENTIONS,
  setting?: RuleSetting,
  /** The rule as written: Spectral walks its given and keeps every result (the reference for tests). */
  asWritten = false,
): RuleDefinition {
  let severity: Severity | 'off' = factory.severity;
  let userOptions: Record<string, unknown> = {};
  if (setting === false) severity = 'off';
  else if (typeof setting === 'string') {
    if (!SEVERITIES.has(setting)) {
      throw new IntegrationRulesetOptionsError(
        `rule "${factory.id}": severity "${setting}" is not one of error, warn, info, hint, off.`,
      );
    }
    severity = setting;
  } else if (isObject(setting)) {
    const { severity: s, ...rest } = setting;
    if (s !== undefined) {
      if (typeof s !== 'string' || !SEVERITIES.has(s)) {
        throw new IntegrationRulesetOptionsError(
          `rule "${factory.id}": severity ${JSON.stringify(s)} is not one of error, warn, info, hint, off.`,
        );
      }
      severity = s as Severity | 'off';
    }
    userOptions = rest;
  } else if (setting !== undefined && setting !== true) {
    throw new IntegrationRulesetOptionsError(
      `rule "${factory.id}": expected false, a severity, or an options object, got ${JSON.stringify(setting)}.`,
    );
  }
  const known = Object.keys(factory.defaults as object);
  for (const key of Object.keys(userOptions)) {
    if (!known.includes(key)) {
      throw new IntegrationRulesetOptionsError(
        `invalid options for rule "${factory.id}": it has no option "${key}"; ` +
          (known.length ? `its options are ${known.map((k) => `"${k}"`).join(', ')}` : 'it takes no options') +
          ' (and "severity").',
      );
    }
  }
  const options = resolveRuleOptions(factory, conventions, userOptions);
  const built = factory.build(options);
  // Validate function options now, so a bad option is a clear error when the ruleset loads.
  const thens = Array.isArray(built.then) ? built.then : [built.then];
  for (const then of thens) {
    const fn = then.function as unknown as { validator?: (o: unknown) => void };
    if (typeof fn?.validator === 'function') {
      try {
        fn.validator(then.functionOptions ?? null);
      } catch (error) {
        throw new IntegrationRulesetOptionsError(`invalid options for rule "${factory.id}": ${errorMessage(error)}`);
      }
    }
  }
  const targeted = asWritten ? undefined : targetGivens(built.given, built.resolved !== false);
  const guardedThens = thens.map((then) => {
    const guarded = guardFunction(factory.id, then.function);
    return { ...then, function: targeted ? expandingFunction(targeted.patterns, guarded, factory.id) : guarded };
  });
  return {
    description: factory.description,
    message: '{{error}}',
    severity,
    recommended: true,
    documentationUrl: documentationUrl(factory.id),
    ...built,
    ...(targeted ? { given: targeted.given } : {}),
    then: Array.isArray(built.then) ? guardedThens : guardedThens[0],
  } as RuleDefinition;
}

/** A Spectral ruleset definition with its rules spelled out (what every entry point exports). */
export interface IntegrationRuleset {
  documentationUrl: string;
  formats: Format[];
  rules: Record<string, RuleDefinition>;
}

type AnyFunction = (input: unknown, options: unknown, context: RulesetFunctionContext) => unknown;

/** A `{ $ref }` left in Spectral's resolved document: unresolvable (or circular). */
function isRefPlaceholder(value: unknown): boolean {
  return isObject(value) && typeof value.$ref === 'string';
}

/** True when the path, in the resolved document, runs into a `$ref` that was not resolved. */
function crossesUnresolvedRef(root: unknown, path: readonly (string | number)[]): boolean {
  let current: unknown = root;
  for (const segment of path) {
    if (isRefPlaceholder(current)) return true;
    if (isObject(current) || Array.isArray(current)) current = (current as Record<string, unknown>)[segment as string];
    else return false;
  }
  return isRefPlaceholder(current);
}

/** The one result a rule gives instead of throwing (see guardFunction). */
function internalErrorResult(ruleId: string, error: unknown, path: readonly (string | number)[]): IFunctionResult[] {
  return [{ message: `Internal error in rule ${ruleId} (please report it with this document): ${errorMessage(error)}`, path: [...path] }];
}

/**
 * The safety net around every rule function, so that one rule can never abort Spectral's
 * whole run (which loses every file's results):
 *  - a `{ $ref }` that Spectral could not resolve is not linted as if it were the target
 *    (Spectral reports the broken reference itself), and results whose path runs through
 *    one are dropped, since Spectral cannot place them;
 *  - an exception becomes one result that names the rule and asks for a bug report.
 */
export function guardFunction<F>(ruleId: string, fn: F): F {
  const inner = fn as unknown as AnyFunction;
  const guarded = function (this: unknown, input: unknown, options: unknown, context: RulesetFunctionContext) {
    return callGuarded(ruleId, inner, this, input, options, context);
  };
  Object.defineProperty(guarded, 'name', { value: (inner as { name?: string }).name || ruleId });
  Object.defineProperty(guarded, GUARDED_PARTS, { value: { ruleId, fn: inner } satisfies GuardedParts });
  for (const key of ['validator', 'schemas'] as const) {
    if (key in (inner as object)) Object.defineProperty(guarded, key, { value: (inner as never)[key] });
  }
  return guarded as unknown as F;
}

/** One guarded call of a rule function (see guardFunction). */
function callGuarded(
  ruleId: string,
  fn: AnyFunction,
  self: unknown,
  input: unknown,
  options: unknown,
  context: RulesetFunctionContext,
): IFunctionResult[] | Promise<IFunctionResult[] | undefined> | undefined {
  if (isRefPlaceholder(input)) return [];
  try {
    const out = fn.call(self, input, options, context);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then(
        (r) => placeableResults(r, context),
        (error: unknown) => internalErrorResult(ruleId, error, context.path),
      );
    }
    return placeableResults(out, context);
  } catch (error) {
    return internalErrorResult(ruleId, error, context.path);
  }
}

/** The results Spectral can place: objects, whose path does not run through an unresolved `$ref`. */
function placeableResults(results: unknown, context: RulesetFunctionContext): IFunctionResult[] | undefined {
  if (!Array.isArray(results)) return undefined;
  if (results.length === 0) return results as IFunctionResult[];
  const root = (context.documentInventory as unknown as { resolved?: unknown }).resolved;
  return (results as IFunctionResult[]).filter((r) => isObject(r) && (!Array.isArray(r.path) || !crossesUnresolvedRef(root, r.path)));
}

/** What guardFunction wrapped, for expandingFunction, which calls it once per leaf. */
const GUARDED_PARTS = Symbol('guarded');
interface GuardedParts {
  ruleId: string;
  fn: AnyFunction;
}

type Segment = { kind: 'key'; keys: string[] } | { kind: 'any' };

/**
 * Parses the targeted JSONPaths our rules use (`$`, `.name`, `['name']`, `[*]`, `[a,b]`);
 * undefined for anything else (such givens are left to Spectral as written).
 */
export function parseGiven(given: string): Segment[] | undefined {
  if (!given.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  const token = /\.([A-Za-z_$][\w$-]*)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[\*\]|\.\*|\[([A-Za-z0-9_$-]+(?:\s*,\s*[A-Za-z0-9_$-]+)*)\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < given.length) {
    const m = token.exec(given);
    if (!m) return undefined;
    if (m[1] !== undefined) segments.push({ kind: 'key', keys: [m[1]] });
    else if (m[2] !== undefined) segments.push({ kind: 'key', keys: [m[2].replace(/\\(.)/g, '$1')] });
    else if (m[3] !== undefined) segments.push({ kind: 'key', keys: [m[3].replace(/\\(.)/g, '$1')] });
    else if (m[4] !== undefined) segments.push({ kind: 'key', keys: m[4].split(',').map((k) => k.trim()) });
    else segments.push({ kind: 'any' });
  }
  return segments;
}

function toGiven(prefix: string[]): string {
  return '$' + prefix.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `['${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('');
}

interface TargetedGivens {
  /** Fixed-path givens handed to Spectral (no wildcard: no walk of the whole resolved document). */
  given: string[];
  /** The rest of each original given, by the fixed prefix it starts from. */
  patterns: Map<string, Segment[][]>;
}

/**
 * Spectral evaluates every given that contains a wildcard or a union by walking the whole
 * resolved document (every node reached through every `$ref`): on the largest APIs that walk
 * costs more than all our rule functions together (Stripe: ~2 s of CPU). A fixed path is a
 * direct lookup. So each given is split into its fixed prefix, which Spectral looks up, and
 * the rest, which expandingFunction walks in the (already resolved) node: the same nodes,
 * without the document-wide walk.
 */
export function targetGivens(given: string | string[], resolved: boolean): TargetedGivens | undefined {
  if (!resolved) return undefined;
  const givens = Array.isArray(given) ? given : [given];
  const parsed = givens.map(parseGiven);
  if (parsed.some((p) => p === undefined)) return undefined;
  if (parsed.every((p) => p!.every((seg) => seg.kind === 'key' && seg.keys.length === 1))) return undefined;
  const patterns = new Map<string, Segment[][]>();
  for (const segments of parsed as Segment[][]) {
    let fixed = 0;
    while (fixed < segments.length && segments[fixed].kind === 'key' && (segments[fixed] as { keys: string[] }).keys.length === 1) fixed++;
    const prefix = segments.slice(0, fixed).map((seg) => (seg as { keys: string[] }).keys[0]);
    const key = JSON.stringify(prefix);
    const list = patterns.get(key) ?? [];
    list.push(segments.slice(fixed));
    patterns.set(key, list);
  }
  return { given: [...patterns.keys()].map((k) => toGiven(JSON.parse(k) as string[])), patterns };
}

const dedupeNeeded = new WeakMap<Segment[][], boolean>();

/** Can two of these patterns (or one pattern listing a key twice) reach the same node? */
function needsDedupe(rest: Segment[][]): boolean {
  let needed = dedupeNeeded.get(rest);
  if (needed === undefined) {
    needed = rest.length > 1 || rest.some((segments) => segments.some((s) => s.kind === 'key' && new Set(s.keys).size !== s.keys.length));
    dedupeNeeded.set(rest, needed);
  }
  return needed;
}

/** A node a given reaches, and its path in the document. */
interface Leaf {
  node: unknown;
  path: (string | number)[];
}

const restKeys = new WeakMap<Segment[][], string>();
/**
 * The leaves of each pattern list under each node, per base path: most of our rules walk the
 * same patterns (every operation, every response...) from the same resolved node, and the
 * walk reads Spectral's parsed objects, which are proxies. Keyed weakly by the node, so it
 * goes with the document. Documents are not changed while they are linted.
 */
const expansions = new WeakMap<object, Map<string, Leaf[]>>();

function expansion(input: unknown, base: readonly (string | number)[], rest: Segment[][]): Leaf[] {
  let restKey = restKeys.get(rest);
  if (restKey === undefined) {
    restKey = JSON.stringify(rest);
    restKeys.set(rest, restKey);
  }
  const key = `${JSON.stringify(base)}\n${restKey}`;
  const cacheable = typeof input === 'object' && input !== null;
  let perNode = cacheable ? expansions.get(input) : undefined;
  const cached = perNode?.get(key);
  if (cached) return cached;

  const leaves: Leaf[] = [];
  // Distinct keys under one pattern give distinct paths; only overlapping patterns (or a
  // key listed twice) can reach a node twice.
  const seen = needsDedupe(rest) ? new Set<string>() : undefined;
  const stack: (string | number)[] = [...base];
  const visit = (node: unknown, segments: Segment[], depth: number): void => {
    if (depth === segments.length) {
      const path = stack.slice();
      if (seen) {
        const id = JSON.stringify(path);
        if (seen.has(id)) return;
        seen.add(id);
      }
      leaves.push({ node, path });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const head = segments[depth];
    const isArray = Array.isArray(node);
    const keys = head.kind === 'any' ? keysOf(node) : head.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (head.kind !== 'any' && !Object.prototype.hasOwnProperty.call(node, k)) continue;
      const child = (node as Record<string, unknown>)[k];
      if (child === undefined) continue;
      stack.push(isArray ? Number(k) : k);
      visit(child, segments, depth + 1);
      stack.pop();
    }
  };
  for (const segments of rest) visit(input, segments, 0);
  if (cacheable) {
    if (!perNode) {
      perNode = new Map();
      expansions.set(input, perNode);
    }
    perNode.set(key, leaves);
  }
  return leaves;
}

const CONTEXT_KEYS = ['document', 'documentInventory', 'rule', 'path'];

/** Spectral's function context with exactly its usual keys (as spectral-core 1.x builds it). */
function isPlainContext(context: RulesetFunctionContext): boolean {
  const keys = Object.keys(context);
  return keys.length === CONTEXT_KEYS.length && CONTEXT_KEYS.every((k) => keys.includes(k));
}

/**
 * For a guarded function (guardFunction) around a defineFunction function whose options are
 * valid: what to call per leaf instead, the function itself under the same guard, its options
 * validated once here. Undefined otherwise (then each leaf calls the wrapper as Spectral
 * would, and an invalid option gives each leaf its internal-error result, as before).
 */
function directParts(inner: AnyFunction, options: unknown): GuardedParts | undefined {
  const guarded = (inner as unknown as Record<symbol, GuardedParts | undefined>)[GUARDED_PARTS];
  if (!guarded) return undefined;
  const defined = (guarded.fn as unknown as Record<symbol, DefinedParts | undefined>)[DEFINED_PARTS];
  if (!defined) return guarded;
  try {
    defined.validator(options);
  } catch {
    return undefined;
  }
  return { ruleId: guarded.ruleId, fn: defined.fn as unknown as AnyFunction };
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  if (path.length < prefix.length) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (path[i] !== prefix[i]) return false;
  return true;
}

/**
 * Drops the results that Spectral would report as one: the same message at the same place.
 * A rule that walks every operation meets a shared component (`$ref: '#/components/responses/
 * NotFound'`) once per operation that uses it, and Spectral places each of those results at the
 * component, then keeps one of them, after paying for each (locating it in the source, its
 * message templates): GitHub's description gives 677 such results, 20% of the total.
 *
 * Spectral places a result at the source position of the node its path reaches through the
 * `$ref`s. In the resolved document a node object appears at two paths only when a `$ref` put it
 * there (the parsers make a new object for every YAML alias), so two results whose paths reach
 * the same object, by the same remaining keys (a missing property, a scalar), with the same
 * message, are placed, worded and fingerprinted alike by Spectral, which keeps the first: so
 * does this.
 */
export function dedupeResults(results: IFunctionResult[], root: unknown, starts?: readonly unknown[]): IFunctionResult[] {
  if (results.length < 2 || root === null || typeof root !== 'object') return results;
  try {
    return dedupe(results, root, starts);
  } catch {
    // A node that cannot be read (a broken proxy): Spectral de-duplicates them itself.
    return results;
  }
}

function dedupe(results: IFunctionResult[], root: object, starts?: readonly unknown[]): IFunctionResult[] {
  const seen = new Map<object, Set<string>>();
  let out: IFunctionResult[] | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const path = r.path ?? [];
    // Walk the path from the deepest node known to be on it (the leaf the rule was called on:
    // Spectral's parsed objects are proxies, and reading them is what this costs).
    const start = starts?.[i] as { node: unknown; depth: number } | undefined;
    let node: unknown = root;
    let last = root as object;
    let lastDepth = 0;
    if (start && start.node !== null && typeof start.node === 'object') {
      node = last = start.node;
      lastDepth = start.depth;
    }
    for (let d = lastDepth; d < path.length; d++) {
      if (node === null || typeof node !== 'object') break;
      node = (node as Record<string, unknown>)[path[d] as string];
      if (node === undefined) break;
      if (node !== null && typeof node === 'object') {
        last = node;
        lastDepth = d + 1;
      }
    }
    const key = `${lastDepth === path.length ? '' : JSON.stringify(path.slice(lastDepth))}\n${String(r.message)}`;
    let keys = seen.get(last);
    if (keys === undefined) {
      keys = new Set();
      seen.set(last, keys);
    }
    if (keys.has(key)) {
      out ??= results.slice(0, i);
      continue;
    }
    keys.add(key);
    out?.push(r);
  }
  return out ?? results;
}

/**
 * Wraps a rule function (guarded: see guardFunction): walks the rest of its givens from the
 * fixed node Spectral hands it. The walk itself cannot throw out either (a broken proxy of
 * Spectral's parser can): it gives rule `ruleId`'s internal-error result instead.
 */
export function expandingFunction<F>(patterns: Map<string, Segment[][]>, fn: F, ruleId: string): F {
  const inner = fn as unknown as AnyFunction;
  const expanding = function (this: unknown, input: unknown, options: unknown, context: RulesetFunctionContext) {
    const rest = patterns.get(JSON.stringify(context.path.map(String)));
    if (!rest) return inner.call(this, input, options, context);
    const results: IFunctionResult[] = [];
    const pending: Promise<void>[] = [];
    // Where each result's path is known to pass (its leaf), for dedupeResults.
    const starts: ({ node: unknown; depth: number } | undefined)[] = [];
    const collect = (list: IFunctionResult[] | void, path: (string | number)[], node?: unknown) => {
      if (!Array.isArray(list)) return;
      const start = node !== null && typeof node === 'object' ? { node, depth: path.length } : undefined;
      for (const r of list) {
        results.push(r.path ? r : { ...r, path });
        starts.push(start && (!r.path || startsWith(r.path, path)) ? start : undefined);
      }
    };
    let leaves: Leaf[];
    try {
      leaves = expansion(input, context.path, rest);
    } catch (error) {
      return internalErrorResult(ruleId, error, context.path);
    }
    // One context per leaf (a function may keep it), of one fixed shape when Spectral's is
    // the usual one: spreading Spectral's context per leaf cost more than the walk itself.
    const plain = isPlainContext(context);
    // Our functions are called directly (two calls fewer for each of the thousands of leaves).
    const direct = directParts(inner, options);
    for (const leaf of leaves) {
      // Each call gets its own path array (results keep it).
      const path = leaf.path.slice();
      const leafContext: RulesetFunctionContext = plain
        ? { document: context.document, documentInventory: context.documentInventory, rule: context.rule, path }
        : { ...context, path };
      const out = (
        direct ? callGuarded(direct.ruleId, direct.fn, this, leaf.node, options, leafContext) : inner.call(this, leaf.node, options, leafContext)
      ) as IFunctionResult[] | Promise<IFunctionResult[] | void> | void;
      if (out && typeof (out as Promise<unknown>).then === 'function') {
        pending.push((out as Promise<IFunctionResult[] | void>).then((list) => collect(list, path, leaf.node)));
      } else collect(out as IFunctionResult[] | void, path, leaf.node);
    }
    const root = (context.documentInventory as unknown as { resolved?: unknown }).resolved;
    return pending.length ? Promise.all(pending).then(() => dedupeResults(results, root, starts)) : dedupeResults(results, root, starts);
  };
  Object.defineProperty(expanding, 'name', { value: (inner as { name?: string }).name || 'expanding' });
  for (const key of ['validator', 'schemas'] as const) {
    if (key in (inner as object)) Object.defineProperty(expanding, key, { value: (inner as never)[key] });
  }
  return expanding as unknown as F;
}

/** A complete Spectral ruleset from a list of factories. */
export function composeRuleset(
  factories: readonly AnyRuleFactory[],
  conventions: Conventions = SEED_CONVENTIONS,
  settings: Record<string, RuleSetting | undefined> = {},
  asWritten = false,
): IntegrationRuleset {
  const rules: Record<string, RuleDefinition> = {};
  for (const factory of factories) {
    rules[factory.id] = buildRule(factory, conventions, settings[factory.id], asWritten);
  }
  return {
    documentationUrl: DOCS_URL,
    formats: [oas2, oas3, aas2, aas3],
    rules,
  };
}
