/**
 * What FastJson (action/fast-json.ts) and FastYaml (action/fast-yaml.ts) share: both are
 * drop-ins for Spectral's `Parsers.Yaml` whose results must be observably identical to its own.
 *  - the objects: @stoplight/ordered-object-literal proxies over ORDER_KEY, as @stoplight/yaml
 *    makes them with `preserveKeyOrder`, and the self-test that checks, once per parser, that
 *    the objects a fast parser makes behave as the ones Parsers.Yaml returns;
 *  - the result: `metadata` (yamlMetadata), the lazy `ast`/`lineMap` accessors (lazy), and
 *    @stoplight/yaml's line map and getLoc (computeLineMap, getLoc);
 *  - `Fallback` (thrown inside a fast path to hand the input to Parsers.Yaml) and MAX_DEPTH;
 *  - location lookups on any result: fast parsers register a locator for each result they make
 *    (registerLocator), `locate` answers from it, or from Parsers.Yaml for any other result;
 *    `parserWithResult` hands an already computed result of either parser to `new Document`.
 *
 * Must not be imported by action/limits.ts (lib/resolver.js bundles limits, and Spectral's
 * parsers break when bundled there).
 */
import * as Parsers from '@stoplight/spectral-parsers';
import type { IParser, YamlParserResult } from '@stoplight/spectral-parsers';
import { lineForPosition } from '@stoplight/yaml';

export type Result = YamlParserResult<unknown>;
export type Location = { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
export type Segment = string | number;

/** Deeper documents go to Parsers.Yaml (which overflows a default stack between 1,000 and 2,000 levels). */
export const MAX_DEPTH = 256;

/** Thrown inside a fast path to hand the input to Parsers.Yaml. */
export class Fallback {
  constructor(readonly reason: string) {}
}

// -----------------------------------------------------------------------------------------
// Ordered objects, as @stoplight/yaml makes them
// -----------------------------------------------------------------------------------------

/**
 * The symbol under which the YAML parser's copy of @stoplight/ordered-object-literal keeps an
 * object's key order (`Symbol.for('__object_order_<hour the library was loaded>__')`), read
 * from an object Parsers.Yaml made: importing the library here could load a second copy (its
 * ESM build next to the CJS one @stoplight/yaml requires) that computed another hour.
 */
let ORDER_KEY: symbol | undefined;

/** ORDER_KEY, found on first use (undefined when Parsers.Yaml's objects do not have one). */
export function orderKey(): symbol | undefined {
  if (ORDER_KEY === undefined) {
    try {
      const symbols = Object.getOwnPropertySymbols(Parsers.Yaml.parse('{}').data as object);
      if (symbols.length === 1 && Symbol.keyFor(symbols[0])?.startsWith('__object_order_')) ORDER_KEY = symbols[0];
    } catch {
      // no key: the self-tests fail
    }
  }
  return ORDER_KEY;
}

/**
 * @stoplight/ordered-object-literal 1.0.5's proxy handler, verbatim (Apache-2.0, Stoplight),
 * over ORDER_KEY. The library's own createObj() does the same, plus a NODE_ENV check (a
 * process.env read, ~1 µs) for every object, which made it the largest cost of parsing;
 * selfTest() checks at first use that these proxies behave as the ones Parsers.Yaml returns.
 */
const traps: ProxyHandler<any> = {
  defineProperty(target, key, descriptor) {
    const hasKey = Object.prototype.hasOwnProperty.call(target, key);
    if (!hasKey && (ORDER_KEY as symbol) in target) {
      target[ORDER_KEY as symbol].push(key);
    } else if ('value' in descriptor && key === ORDER_KEY && descriptor.value.lastIndexOf(ORDER_KEY) === -1) {
      descriptor.value.push(ORDER_KEY);
    }
    return Reflect.defineProperty(target, key, descriptor);
  },
  deleteProperty(target, key) {
    const hasKey = Object.prototype.hasOwnProperty.call(target, key);
    const deleted = Reflect.deleteProperty(target, key);
    if (deleted && hasKey && (ORDER_KEY as symbol) in target) {
      const index = target[ORDER_KEY as symbol].indexOf(key);
      if (index !== -1) {
        target[ORDER_KEY as symbol].splice(index, 1);
      }
    }
    return deleted;
  },
  ownKeys(target) {
    if ((ORDER_KEY as symbol) in target) {
      return target[ORDER_KEY as symbol];
    }
    return Reflect.ownKeys(target);
  },
  set(target, key, value) {
    const hasKey = Object.prototype.hasOwnProperty.call(target, key);
    const set = Reflect.set(target, key, value);
    if (set && !hasKey && (ORDER_KEY as symbol) in target) {
      target[ORDER_KEY as symbol].push(key);
    }
    return set;
  },
};

/**
 * What `createObj(target, order)` of the library leaves: the order array (already starting
 * with ORDER_KEY, as @stoplight/yaml's do) as a non-enumerable, non-writable, configurable
 * own property of the target, and a proxy over it. Call only after a successful selfTest.
 */
export function ordered(target: object, order: (string | symbol)[]): object {
  Reflect.defineProperty(target, ORDER_KEY as symbol, { configurable: true, value: order });
  return new Proxy(target, traps);
}

const selfTests = new Map<string, boolean>();

/**
 * Checks, once per `name`, that the objects a fast parser makes are Parsers.Yaml's: parses
 * `probe` (which must be `{"b": 1, "10": {"x": [1, {"2": 2, "1": 1}]}, "a": {}}` in the fast
 * parser's syntax) with `fastData` (its data, or undefined) and with Parsers.Yaml, and
 * compares own keys and descriptors, then the keys after the same mutations (set, define,
 * delete). Any difference (another version of the library) disables the fast path.
 */
export function selfTest(name: string, probe: string, fastData: (text: string) => unknown): boolean {
  const known = selfTests.get(name);
  if (known !== undefined) return known;
  let ready = false;
  selfTests.set(name, false);
  try {
    if (orderKey() === undefined) return false;
    const fast = fastData(probe) as any;
    const yaml = Parsers.Yaml.parse(probe).data as any;
    if (fast === undefined) return false;
    const shape = (o: any) =>
      JSON.stringify([
        Reflect.ownKeys(o).map(String),
        Object.keys(o),
        Reflect.ownKeys(o).map((k) => {
          const d = Reflect.getOwnPropertyDescriptor(o, k) as PropertyDescriptor;
          return [d.writable, d.enumerable, d.configurable, typeof k === 'symbol' ? (d.value as unknown[]).map(String) : typeof d.value];
        }),
      ]);
    const same = () =>
      [
        (o: any) => o,
        (o: any) => o['10'],
        (o: any) => o['10'].x[1],
        (o: any) => o.a,
      ].every((get) => shape(get(fast)) === shape(get(yaml)));
    if (!same() || JSON.stringify(fast) !== JSON.stringify(yaml)) return false;
    for (const o of [fast, yaml]) {
      o.c = 3;
      o['5'] = 5;
      Object.defineProperty(o.a, 'y', { value: 1, enumerable: true, configurable: true, writable: true });
      delete o.b;
      delete o['10'].x[1]['2'];
    }
    ready = same();
  } catch {
    ready = false;
  }
  selfTests.set(name, ready);
  return ready;
}

// -----------------------------------------------------------------------------------------
// Results
// -----------------------------------------------------------------------------------------

/** The options object Parsers.Yaml passes to parseWithPointers (its result's `metadata`). */
export function yamlMetadata() {
  return { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: true, attachComments: false };
}

/** A data property computed on first read (and replaced by a plain data property then). */
export function lazy(target: object, key: string, compute: () => unknown): void {
  const define = (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      define(value);
      return value;
    },
    set(value: unknown) {
      define(value);
    },
  });
}

/**
 * A result as Parsers.Yaml builds it (same fields, same order: ast, lineMap, data,
 * diagnostics, metadata, comments), `ast` and `lineMap` computed on first read.
 */
export function makeResult(data: unknown, diagnostics: Result['diagnostics'], ast: () => unknown, lineMap: () => number[]): Result {
  const result = {} as Result;
  lazy(result, 'ast', ast);
  lazy(result, 'lineMap', lineMap);
  result.data = data;
  result.diagnostics = diagnostics;
  result.metadata = yamlMetadata();
  (result as { comments?: object }).comments = {};
  return result;
}

/** @stoplight/yaml's lineMap: the offset after each "\n", then length + 1. */
export function computeLineMap(src: string): number[] {
  const lines: number[] = [];
  let i = src.indexOf('\n');
  while (i !== -1) {
    lines.push(i + 1);
    i = src.indexOf('\n', i + 1);
  }
  lines.push(src.length + 1);
  return lines;
}

/** @stoplight/yaml's getLoc. */
export function getLoc(lineMap: number[], start: number, end: number): Location {
  const startLine = lineForPosition(start, lineMap);
  const endLine = lineForPosition(end, lineMap);
  return {
    range: {
      start: { line: startLine, character: start - (startLine === 0 ? 0 : lineMap[startLine - 1]) },
      end: { line: endLine, character: end - (endLine === 0 ? 0 : lineMap[endLine - 1]) },
    },
  };
}

// -----------------------------------------------------------------------------------------
// Locations
// -----------------------------------------------------------------------------------------

/** Finds a path's location in one fast result (may throw: `locate` then asks Parsers.Yaml). */
export interface Locator {
  locate(path: readonly unknown[]): Location | undefined;
  /** Parsers.Yaml's result for the same text (computed once). */
  yaml(): Result;
}

const locators = new WeakMap<object, Locator>();

/** Registers the locator of a result a fast parser made. */
export function registerLocator(result: object, locator: Locator): void {
  locators.set(result, locator);
}

/** The locator of a result a fast parser made, or undefined. */
export function locatorOf(result: unknown): Locator | undefined {
  return typeof result === 'object' && result !== null ? locators.get(result) : undefined;
}

/**
 * getLocationForJsonPath for any result: a fast result's own locator, Parsers.Yaml for any
 * other. Never throws for a fast result (answers from the full YAML parse if its locator does).
 * Like Parsers.Yaml, ignores a third (`closest`) argument.
 */
export function locate(result: Result, path: readonly Segment[]): Location | undefined {
  const locator = locators.get(result);
  if (locator === undefined) return Parsers.Yaml.getLocationForJsonPath(result, path as Segment[]) as Location | undefined;
  try {
    return locator.locate(path);
  } catch {
    try {
      return Parsers.Yaml.getLocationForJsonPath(locator.yaml(), path as Segment[]) as Location | undefined;
    } catch {
      return undefined;
    }
  }
}

/** A parser returning an already computed result (of FastJson, FastYaml or Parsers.Yaml), for `new Document`. */
export function parserWithResult(result: Result): IParser<Result> {
  return {
    parse: () => result,
    getLocationForJsonPath: locate as IParser<Result>['getLocationForJsonPath'],
    trapAccess: Parsers.Yaml.trapAccess,
  };
}
