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

/** Own enumerable entries of an object; [] for anything else. */
export function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
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

/** The error message of anything thrown, for results that explain a failure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
