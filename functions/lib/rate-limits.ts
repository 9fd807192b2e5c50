/**
 * Helpers for the rate-limit and idempotency rules (functions/rateLimit*.ts, idempotency*.ts):
 * the operation a function was given, response/header/schema reading, and readable messages
 * for JSON Schema (ajv) errors on `x-` extension values.
 */
import type { RulesetFunctionContext } from '@stoplight/spectral-core';
import type { ErrorObject } from 'ajv';
import { get, has, isArray, isObject, isString, type JsonObject, entriesOf } from './guards';
import { findHeader } from './headers';
import { effectiveExtension, operationLocation, pathItemOf, type HttpMethod, resolvedRoot } from './openapi';
import { deref, flattenSchema } from './schema';

export type Path = (string | number)[];

/** The operation at `paths/<pathKey>/<method>` a rule function was given, with its context. */
export interface OperationTarget {
  root: unknown;
  pathKey: string;
  method: HttpMethod;
  pathItem: unknown;
  operation: JsonObject;
  /** Full path of the operation (`['paths', pathKey, method]`). */
  path: Path;
}

export function operationTarget(
  targetVal: unknown,
  context: RulesetFunctionContext,
): OperationTarget | undefined {
  if (!isObject(targetVal)) return undefined;
  const location = operationLocation(context.path);
  if (!location) return undefined;
  const root = resolvedRoot(context);
  return {
    root,
    pathKey: location.pathKey,
    method: location.method,
    pathItem: pathItemOf(root, location.pathKey),
    operation: targetVal,
    path: [...context.path],
  };
}

/** `x-rate-limit: false` on the operation, its path item or the root (the effective value). */
export function isRateLimitExempt(target: OperationTarget): boolean {
  return effectiveExtension(target.root, target.pathItem, target.operation, 'x-rate-limit')?.value === false;
}

/** [status key, response object] of an operation (malformed entries skipped). */
export function responseEntries(operation: unknown): [string, JsonObject][] {
  const responses = get(operation, 'responses');
  if (!isObject(responses)) return [];
  const out: [string, JsonObject][] = [];
  for (const [code, response] of entriesOf(responses)) {
    if (isObject(response)) out.push([code, response]);
  }
  return out;
}

/** `200`..`299` and the `2XX` range key. */
export function isSuccessStatus(code: string): boolean {
  return /^2(\d\d|xx)$/i.test(code);
}

/** A header's schema: `schema`, else the schema of its (single) `content` media type. */
export function headerSchema(header: unknown): { schema: unknown; path: Path } | undefined {
  if (!isObject(header)) return undefined;
  if (has(header, 'schema')) return { schema: header.schema, path: ['schema'] };
  if (isObject(header.content)) {
    for (const [mediaType, media] of entriesOf(header.content)) {
      if (has(media, 'schema')) return { schema: (media as JsonObject).schema, path: ['content', mediaType, 'schema'] };
    }
  }
  return undefined;
}

/**
 * The declared types of a schema (through allOf and `$ref`), or undefined when it declares
 * none (an empty schema, an unresolved reference, only `oneOf`...): the caller should not
 * guess then. `nullable`-style `null` members are ignored.
 */
export function declaredTypes(schema: unknown, root?: unknown): Set<string> | undefined {
  const target = deref(schema, root);
  if (!isObject(target) || isString(target.$ref)) return undefined;
  const types = new Set([...flattenSchema(target, root).types].map((t) => t.toLowerCase()));
  types.delete('null');
  if (types.size === 0) {
    // oneOf/anyOf of typed alternatives: the union of their types
    for (const key of ['oneOf', 'anyOf']) {
      const alternatives = target[key];
      if (!isArray(alternatives) || alternatives.length === 0) continue;
      const union = new Set<string>();
      for (const alternative of alternatives) {
        const t = declaredTypes(alternative, root);
        if (!t) return undefined;
        for (const x of t) union.add(x);
      }
      return union.size > 0 ? union : undefined;
    }
    return undefined;
  }
  return types;
}

/** The header (case-insensitive) of a response: [actual name, header object]. */
export function responseHeader(response: unknown, name: string): [string, unknown] | undefined {
  return findHeader(get(response, 'headers'), name);
}

/** `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(mediaType: string): string {
  return mediaType.split(';')[0].trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === 'application/json' || /^[a-z0-9.*-]+\/[^;]*\+json$/.test(base) || base === '*/*' || base === 'application/*';
}

export const PROBLEM_JSON = 'application/problem+json';

/**
 * Does a schema declare property `name` (through `$ref` and `allOf`)? `oneOf`/`anyOf`
 * count when every alternative declares it. Returns undefined when the schema is opaque
 * (not an object, e.g. an unresolved circular `$ref`), so callers do not report guesses.
 */
export function schemaDeclares(schema: unknown, name: string, root?: unknown, depth = 0): boolean | undefined {
  const target = deref(schema, root);
  if (!isObject(target) || depth > 16) return undefined;
  if (isString(target.$ref)) return undefined;
  const flat = flattenSchema(target, root);
  if (flat.properties.has(name)) return true;
  for (const member of flat.members) {
    for (const key of ['oneOf', 'anyOf']) {
      const alternatives = member[key];
      if (!isArray(alternatives) || alternatives.length === 0) continue;
      const all = alternatives.map((a) => schemaDeclares(a, name, root, depth + 1));
      if (all.every((x) => x === true)) return true;
      if (all.some((x) => x === undefined)) return undefined;
    }
  }
  return false;
}

/** ajv's instancePath (`/a/b`) as path segments. */
export function instancePathSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export interface SchemaProblem {
  /** Path inside the extension value (append to the extension's path). */
  path: string[];
  message: string;
}

/**
 * Readable problems from ajv errors, one per offending node (the first error of a node
 * wins; `required` errors are reported at the object, `additionalProperties` at the extra
 * property). `label` names the extension (`x-rate-limit`), `hints` explains fields.
 */
export function schemaProblems(
  errors: readonly ErrorObject[] | null | undefined,
  value: unknown,
  label: string,
  hints: Record<string, string>,
): SchemaProblem[] {
  const problems = new Map<string, SchemaProblem>();
  const add = (path: string[], message: string) => {
    const key = path.join('\u0000');
    const existing = problems.get(key);
    if (existing) {
      if (!existing.message.includes(message)) existing.message += `; ${message}`;
    } else problems.set(key, { path, message });
  };
  for (const error of errors ?? []) {
    if (['oneOf', 'anyOf', 'if', 'not', '$ref'].includes(error.keyword)) continue;
    const path = instancePathSegments(error.instancePath);
    const field = path.length ? `${label}.${path.join('.')}` : label;
    const actual = get(value, ...path);
    const hint = hints[path[path.length - 1] ?? ''] ?? '';
    switch (error.keyword) {
      case 'required': {
        const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
        add(path, `${field} is missing "${missing}"${hints[missing] ? ` (${hints[missing]})` : ''}`);
        break;
      }
      case 'additionalProperties': {
        const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
        const allowed = Object.keys(hints).join(', ');
        add([...path, extra], `${field} has unknown property "${extra}": allowed are ${allowed} (and x- extensions)`);
        break;
      }
      case 'type':
        add(path, `${field} must be ${String((error.params as { type?: unknown }).type)}${hint ? ` (${hint})` : ''}, not ${describeValue(actual)}`);
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        add(path, `${field} must be ${error.keyword === 'minimum' ? '>=' : '>'} ${String((error.params as { limit?: unknown }).limit)}, not ${describeValue(actual)}`);
        break;
      case 'pattern':
        add(path, `${field} ${JSON.stringify(actual)} is not a duration: use ISO 8601 (PT1M, P1D) or a number with ms|s|m|h|d (60s, 1m, 24h)`);
        break;
      case 'enum':
        add(path, `${field} must be one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}, not ${describeValue(actual)}`);
        break;
      case 'const':
        add(path, `${field} must be ${JSON.stringify((error.params as { allowedValue?: unknown }).allowedValue)}, not ${describeValue(actual)}`);
        break;
      default:
        add(path, `${field} ${error.message ?? 'does not match its schema'}`);
    }
  }
  return [...problems.values()];
}

/**
 * True when, in the document as written (before `$ref` resolution, local `$ref`s on the way
 * followed), the node at `path` is itself a `$ref`. Spectral reports a result at such a node
 * at the referenced component; a rule whose problem is the *use* of the reference (not the
 * component, which other operations use correctly) reports at the parent node instead.
 */
export function isRefNode(context: { document: unknown }, path: readonly (string | number)[]): boolean {
  let root: unknown;
  try {
    root = (context.document as { data?: unknown } | null | undefined)?.data;
  } catch {
    return false;
  }
  let current = root;
  for (const step of path) {
    current = deref(current, root);
    if (isObject(current)) current = Object.prototype.hasOwnProperty.call(current, step) ? current[step as string] : undefined;
    else if (isArray(current) && typeof step === 'number') current = current[step];
    else return false;
  }
  return isObject(current) && isString(current.$ref);
}
