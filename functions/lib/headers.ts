/**
 * Case-insensitive lookup of HTTP headers and parameters (header names compare
 * case-insensitively everywhere in the catalog).
 */
import { isArray, isObject, isString, type JsonObject, keysOf } from './guards';

/** [actual key, value] of a header in an OpenAPI `headers` map, compared case-insensitively. */
export function findHeader(headers: unknown, name: string): [string, unknown] | undefined {
  if (!isObject(headers)) return undefined;
  const wanted = name.toLowerCase();
  for (const key of keysOf(headers)) {
    if (key.toLowerCase() === wanted) return [key, headers[key]];
  }
  return undefined;
}

export interface FoundParameter {
  /** Where the parameter is declared: 'operation' or 'path' (path item level). */
  level: 'operation' | 'path';
  /** Index in that level's `parameters` array. */
  index: number;
  parameter: JsonObject;
}

/**
 * The effective parameters of an operation: path-item parameters overridden by operation
 * parameters with the same name and location (header names case-insensitive).
 */
export function effectiveParameters(pathItem: unknown, operation: unknown): FoundParameter[] {
  const result: FoundParameter[] = [];
  const keyOf = (p: JsonObject) =>
    `${String(p.in)}:${p.in === 'header' && isString(p.name) ? p.name.toLowerCase() : String(p.name)}`;
  const opParams = isObject(operation) && isArray(operation.parameters) ? operation.parameters : [];
  const seen = new Set<string>();
  opParams.forEach((p, index) => {
    if (isObject(p)) {
      seen.add(keyOf(p));
      result.push({ level: 'operation', index, parameter: p });
    }
  });
  const pathParams = isObject(pathItem) && isArray(pathItem.parameters) ? pathItem.parameters : [];
  pathParams.forEach((p, index) => {
    if (isObject(p) && !seen.has(keyOf(p))) result.push({ level: 'path', index, parameter: p });
  });
  return result;
}

/** Finds a parameter by name and location among the effective parameters. */
export function findParameter(
  pathItem: unknown,
  operation: unknown,
  name: string,
  location: string | undefined = 'header',
): FoundParameter | undefined {
  const wanted = name.toLowerCase();
  return effectiveParameters(pathItem, operation).find(
    ({ parameter }) =>
      isString(parameter.name) &&
      parameter.name.toLowerCase() === wanted &&
      (location === undefined || parameter.in === location),
  );
}
