/**
 * Case-insensitive lookup of HTTP headers and parameters (header names compare
 * case-insensitively everywhere in the catalog).
 */
import { isArray, isObject, isString, type JsonObject, keysOf, textOf } from './guards';

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
 * parameters with the same name and location (header names case-insensitive). Several rules
 * look up parameters of every operation: the list, and its index by lower-cased name, are
 * kept per operation object (for the path item it was asked with), frozen; see
 * parametersByName and findParameter.
 */
export function effectiveParameters(pathItem: unknown, operation: unknown): FoundParameter[] {
  // A new array of new objects for the caller, as always; the rules read the kept index.
  return parameterIndex(pathItem, operation).list.map((found) => ({ ...found }));
}

interface ParameterIndex {
  list: readonly FoundParameter[];
  /** By lower-cased name (string names only), in list order. */
  byName: ReadonlyMap<string, readonly FoundParameter[]>;
}

const parameterIndexes = new WeakMap<object, { pathItem: unknown; index: ParameterIndex }>();

function parameterIndex(pathItem: unknown, operation: unknown): ParameterIndex {
  const cached = isObject(operation) ? parameterIndexes.get(operation) : undefined;
  if (cached && cached.pathItem === pathItem) return cached.index;
  const list: FoundParameter[] = [];
  const keyOf = (p: JsonObject) =>
    `${textOf(p.in)}:${p.in === 'header' && isString(p.name) ? p.name.toLowerCase() : textOf(p.name)}`;
  const opParams = isObject(operation) && isArray(operation.parameters) ? operation.parameters : [];
  const seen = new Set<string>();
  opParams.forEach((p, index) => {
    if (isObject(p)) {
      seen.add(keyOf(p));
      list.push(Object.freeze({ level: 'operation', index, parameter: p }));
    }
  });
  const pathParams = isObject(pathItem) && isArray(pathItem.parameters) ? pathItem.parameters : [];
  pathParams.forEach((p, index) => {
    if (isObject(p) && !seen.has(keyOf(p))) list.push(Object.freeze({ level: 'path', index, parameter: p }));
  });
  const byName = new Map<string, FoundParameter[]>();
  for (const found of list) {
    if (!isString(found.parameter.name)) continue;
    const name = found.parameter.name.toLowerCase();
    const named = byName.get(name);
    if (named) named.push(found);
    else byName.set(name, [found]);
  }
  const index: ParameterIndex = { list: Object.freeze(list), byName };
  if (isObject(operation)) parameterIndexes.set(operation, { pathItem, index });
  return index;
}

/** The effective parameters with this name (case-insensitive), in declaration order. */
export function parametersByName(pathItem: unknown, operation: unknown, name: string): readonly FoundParameter[] {
  return parameterIndex(pathItem, operation).byName.get(name.toLowerCase()) ?? [];
}

/** Finds a parameter by name and location among the effective parameters. */
export function findParameter(
  pathItem: unknown,
  operation: unknown,
  name: string,
  location: string | undefined = 'header',
): FoundParameter | undefined {
  return parametersByName(pathItem, operation, name).find(({ parameter }) => location === undefined || parameter.in === location);
}
