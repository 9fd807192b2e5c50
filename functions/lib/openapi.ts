/**
 * OpenAPI helpers shared by the REST, HTTP, rate-limit, idempotency, webhook and resilience
 * functions: operations, inherited (effective) settings, path segments and words.
 */
import { get, has, isArray, isObject, isString, type JsonObject, keysOf } from './guards';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** JSONPath of every operation under `paths` (targeted: no recursive descent). */
export const OPERATIONS_GIVEN = `$.paths[*][${HTTP_METHODS.join(',')}]`;
/** JSONPath of every operation's responses map. */
export const RESPONSES_GIVEN = `${OPERATIONS_GIVEN}.responses`;
/** Webhook operations: OpenAPI 3.1 `webhooks` and `callbacks` of operations (one level). */
export const WEBHOOK_OPERATIONS_GIVEN = [
  `$.webhooks[*][${HTTP_METHODS.join(',')}]`,
  `${OPERATIONS_GIVEN}.callbacks[*][*][${HTTP_METHODS.join(',')}]`,
  `$.components.callbacks[*][*][${HTTP_METHODS.join(',')}]`,
];

export function isHttpMethod(value: unknown): value is HttpMethod {
  return isString(value) && (HTTP_METHODS as readonly string[]).includes(value);
}

/** For a result path ending in `paths/<path>/<method>`, the path string and method. */
export function operationLocation(path: readonly (string | number)[]): { pathKey: string; method: HttpMethod } | undefined {
  const n = path.length;
  if (n >= 3 && path[n - 3] === 'paths' && isString(path[n - 2]) && isHttpMethod(path[n - 1])) {
    return { pathKey: path[n - 2] as string, method: path[n - 1] as HttpMethod };
  }
  return undefined;
}

/** The root (resolved) document a rule function sees, whatever it was given. */
export function resolvedRoot(context: { documentInventory: unknown }): unknown {
  // Spectral's IDocumentInventory interface does not declare `resolved`; the class has it.
  return (context.documentInventory as { resolved?: unknown } | null | undefined)?.resolved;
}

/** The path item that holds the operation at `paths/<pathKey>/<method>`. */
export function pathItemOf(root: unknown, pathKey: string): unknown {
  return get(root, 'paths', pathKey);
}

/**
 * The effective security requirement of an operation: its own `security` when declared,
 * otherwise the root's. Undefined when neither declares one.
 */
export function effectiveSecurity(root: unknown, operation: unknown): unknown[] | undefined {
  if (has(operation, 'security')) {
    const own = (operation as JsonObject).security;
    return isArray(own) ? own : undefined;
  }
  const rootSecurity = get(root, 'security');
  return isArray(rootSecurity) ? rootSecurity : undefined;
}

/**
 * True when the requirement array demands authentication: at least one alternative is a
 * non-empty requirement object (an empty object `{}` makes authentication optional).
 */
export function requiresAuthentication(requirements: unknown[] | undefined): boolean {
  if (!requirements || requirements.length === 0) return false;
  return requirements.every((req) => isObject(req) && keysOf(req).length > 0);
}

/**
 * The effective value of an `x-` extension for an operation: operation, then path item,
 * then root (the first that declares it). Returns where it was found.
 */
export function effectiveExtension(
  root: unknown,
  pathItem: unknown,
  operation: unknown,
  name: string,
  levels: readonly ('operation' | 'path' | 'root')[] = ['operation', 'path', 'root'],
): { value: unknown; level: 'operation' | 'path' | 'root' } | undefined {
  for (const level of levels) {
    const holder = level === 'operation' ? operation : level === 'path' ? pathItem : root;
    if (has(holder, name)) return { value: (holder as JsonObject)[name], level };
  }
  return undefined;
}

/** Response status keys of an operation (strings, `default` included). */
export function responseCodes(operation: unknown): readonly string[] {
  const responses = get(operation, 'responses');
  return isObject(responses) ? keysOf(responses) : [];
}

/** True when the responses map has the status code (`429`, or `4XX` ranges for 4xx codes). */
export function hasResponse(operation: unknown, code: string | number): boolean {
  const responses = get(operation, 'responses');
  if (!isObject(responses)) return false;
  const wanted = String(code);
  if (has(responses, wanted)) return true;
  return false;
}

/** Static and parameter segments of a path key: `/users/{id}/orders` → 3 segments. */
export interface PathSegment {
  value: string;
  isParam: boolean;
  index: number;
}

export function pathSegments(pathKey: string): PathSegment[] {
  return pathKey
    .split('?')[0]
    .split('/')
    .filter((s) => s.length > 0)
    .map((value, index) => ({ value, isParam: /^\{[^}]*\}$/.test(value), index }));
}

/** Splits an identifier into lower-case words on `-`, `_`, `.`, spaces and camel humps. */
export function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[-_.\s]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Compiles user-supplied regex strings; invalid ones are dropped (options are validated earlier). */
export function compilePatterns(patterns: readonly unknown[] | undefined, flags = 'i'): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns ?? []) {
    if (!isString(p)) continue;
    try {
      out.push(new RegExp(p, flags));
    } catch {
      // invalid pattern: ignored here, rejected by the option schema's "format: regex"
    }
  }
  return out;
}
