/**
 * Type guards used by every rule function. A rule function never throws: it reads the
 * document only through these guards, so a node of the wrong type is skipped, not dereferenced.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Own enumerable entries of an object; [] for anything else (cached per object: see keysOf). */
export function entries(value: unknown): readonly (readonly [string, unknown])[] {
  return isObject(value) ? entriesOf(value) : [];
}

const keyCache = new WeakMap<object, readonly string[]>();
const entryCache = new WeakMap<object, readonly (readonly [string, unknown])[]>();

/**
 * Object.keys of a document node, computed once per node. Spectral's parsed objects are
 * ordered-object-literal proxies, on which Object.keys costs ~100x what it costs on a plain
 * object (measured: 0.15 ms for GitHub's 403 path keys), and every rule enumerates the same
 * operations, responses and media types. Documents are never modified while they are linted;
 * the arrays are frozen.
 */
export function keysOf(node: object): readonly string[] {
  let keys = keyCache.get(node);
  if (keys === undefined) {
    keys = Object.freeze(Object.keys(node));
    keyCache.set(node, keys);
  }
  return keys;
}

/** Object.entries of a document node, computed once per node (see keysOf). */
export function entriesOf<T = unknown>(node: object): readonly (readonly [string, T])[] {
  let list = entryCache.get(node);
  if (list === undefined) {
    list = Object.freeze(keysOf(node).map((k) => Object.freeze([k, (node as Record<string, unknown>)[k]] as const)));
    entryCache.set(node, list);
  }
  return list as readonly (readonly [string, T])[];
}

/** Reads obj[k1][k2]... safely; undefined as soon as a step is not an object/array. */
export function get(value: unknown, ...keys: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (isObject(current)) {
      current = Object.prototype.hasOwnProperty.call(current, key) ? current[key as string] : undefined;
    } else if (Array.isArray(current) && typeof key === 'number') {
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** True when the object has the key as an own property (never from the prototype). */
export function has(value: unknown, key: string): boolean {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/**
 * A document value as text, for a message or a key: `String(value)`, which throws for an object
 * whose `toString` is not a function (`in: {toString: 1}`); then its JSON, never an exception.
 */
export function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? typeof value;
    } catch {
      return typeof value;
    }
  }
}

/** The error message of anything thrown, for results that explain a failure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
