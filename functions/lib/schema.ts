/**
 * Schema walking. Spectral hands rule functions the resolved document, but circular `$ref`s
 * stay as `{ $ref }` objects there, and a schema's properties and `required` list may be spread
 * over `allOf` members. These helpers look through both, with cycle and depth guards, so a
 * rule sees a schema the way a validator would.
 */
import { get, isArray, isObject, isString, type JsonObject, entriesOf } from './guards';

const MAX_DEPTH = 64;

/** Decodes one RFC 6901 JSON Pointer token. */
export function decodePointerToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // keep the raw token: a malformed percent sequence is not a reason to fail
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a local JSON Pointer (`#/a/b` or `/a/b`) into tokens; undefined when not local. */
export function pointerToPath(pointer: string): string[] | undefined {
  let p = pointer;
  if (p.startsWith('#')) p = p.slice(1);
  if (p === '') return [];
  if (!p.startsWith('/')) return undefined;
  return p.slice(1).split('/').map(decodePointerToken);
}

/** Resolves a local `$ref` (`#/...`) against the root document; undefined when it cannot. */
export function resolveLocalRef(root: unknown, ref: unknown): unknown {
  if (!isString(ref)) return undefined;
  const path = pointerToPath(ref);
  if (!path) return undefined;
  return get(root, ...path);
}

/**
 * Follows `$ref` chains (local ones, against root) until a non-reference node is reached.
 * Returns the node itself when it is not a reference or the reference cannot be followed.
 */
export function deref(node: unknown, root?: unknown): unknown {
  let current = node;
  const seen = new Set<unknown>();
  while (isObject(current) && isString(current.$ref) && root !== undefined) {
    if (seen.has(current)) return current;
    seen.add(current);
    const target = resolveLocalRef(root, current.$ref);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

export interface FlatSchema {
  /** Properties by name; the first declaration wins, as a validator applying allOf would see. */
  properties: Map<string, unknown>;
  /** Union of every `required` list reached through allOf. */
  required: Set<string>;
  /** Every `type` declared (string or array form) through allOf. */
  types: Set<string>;
  /** The schema nodes that were merged (the schema itself and its allOf members). */
  members: JsonObject[];
}

/**
 * Merges a schema with its `allOf` members (recursively, through `$ref` when root is given).
 * Never throws; malformed members are skipped.
 */
export function flattenSchema(schema: unknown, root?: unknown): FlatSchema {
  const flat: FlatSchema = { properties: new Map(), required: new Set(), types: new Set(), members: [] };
  const visited = new Set<unknown>();
  const visit = (node: unknown, depth: number) => {
    const target = deref(node, root);
    if (!isObject(target) || visited.has(target) || depth > MAX_DEPTH) return;
    visited.add(target);
    flat.members.push(target);
    if (isObject(target.properties)) {
      for (const [name, value] of entriesOf(target.properties)) {
        if (!flat.properties.has(name)) flat.properties.set(name, value);
      }
    }
    if (isArray(target.required)) {
      for (const name of target.required) if (isString(name)) flat.required.add(name);
    }
    if (isString(target.type)) flat.types.add(target.type);
    else if (isArray(target.type)) for (const t of target.type) if (isString(t)) flat.types.add(t);
    if (isArray(target.allOf)) for (const member of target.allOf) visit(member, depth + 1);
  };
  visit(schema, 0);
  return flat;
}

/** A property's schema, looked up through allOf (and `$ref` with root). */
export function getSchemaProperty(schema: unknown, name: string, root?: unknown): unknown {
  return deref(flattenSchema(schema, root).properties.get(name), root);
}

/** Does the schema (through allOf) declare a property with that name? */
export function hasSchemaProperty(schema: unknown, name: string, root?: unknown): boolean {
  return flattenSchema(schema, root).properties.has(name);
}

/**
 * Walks a path of property names / array indexes into a schema: `['data', 'id']` reads
 * `properties.data.properties.id` (through allOf, and `items` for numeric or `items` steps).
 * Returns undefined as soon as a step does not exist.
 */
export function schemaAtPath(schema: unknown, path: readonly string[], root?: unknown): unknown {
  let current: unknown = deref(schema, root);
  for (const step of path) {
    if (!isObject(current)) return undefined;
    const flat = flattenSchema(current, root);
    if (flat.properties.has(step)) {
      current = deref(flat.properties.get(step), root);
      continue;
    }
    const items = flat.members.map((m) => m.items).find((i) => i !== undefined);
    if (items !== undefined && (/^\d+$/.test(step) || step === 'items')) {
      current = deref(isArray(items) ? items[Number(step)] : items, root);
      continue;
    }
    return undefined;
  }
  return current;
}

/** The schema's effective `type`s (through allOf), lower-cased. */
export function schemaTypes(schema: unknown, root?: unknown): Set<string> {
  return flattenSchema(schema, root).types;
}

/** The first value of a keyword found on the schema or its allOf members (e.g. `format`). */
export function schemaKeyword(schema: unknown, keyword: string, root?: unknown): unknown {
  for (const member of flattenSchema(schema, root).members) {
    if (Object.prototype.hasOwnProperty.call(member, keyword)) return member[keyword];
  }
  return undefined;
}
