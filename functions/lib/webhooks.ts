/**
 * Helpers of the webhook rules only (webhook-*): webhook operations, their signature and
 * timestamp headers, the conventions' header sets and envelopes, and de-duplication of
 * operations reached through a `$ref` into `components` (which are linted there as well).
 */
import { findParameter, type FoundParameter } from './headers';
import { get, isObject, isString, type JsonObject, entriesOf } from './guards';
import { HTTP_METHODS, effectiveExtension } from './openapi';
import { resolveLocalRef } from './schema';

export type WebhookStyle = 'seed' | 'standard-webhooks' | 'either';
export const WEBHOOK_STYLES: readonly WebhookStyle[] = ['seed', 'standard-webhooks', 'either'];

export type JsonPathArray = (string | number)[];

/** Required signature headers of each convention. */
export const SEED_SIGNATURE_HEADERS = ['X-Webhook-Signature'] as const;
export const STANDARD_WEBHOOKS_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** Envelope identity fields of each convention (webhook-payload-envelope). */
export const SEED_ENVELOPE = ['event_id', 'event_type', 'timestamp', 'data'] as const;
export const STANDARD_WEBHOOKS_ENVELOPE = ['type', 'timestamp', 'data'] as const;

/** Timestamp headers that count for replay protection (webhook-timestamp). */
export const TIMESTAMP_HEADERS = ['X-Webhook-Timestamp', 'webhook-timestamp'] as const;

export interface WebhookOperation {
  /** Full path of the operation in the resolved document. */
  path: JsonPathArray;
  pathItem: unknown;
  operation: JsonObject;
}

/**
 * True when walking `path` through the unresolved document crosses a local `$ref` whose
 * target lies under one of `prefixes` (e.g. `['components', 'callbacks']`). Such nodes are
 * linted at their definition too, so results for the referencing copy are skipped: one
 * problem, one result, at the definition.
 */
export function reachedThroughRef(unresolved: unknown, path: readonly (string | number)[], prefixes: readonly (readonly string[])[]): boolean {
  let node: unknown = unresolved;
  for (let i = 0; i <= path.length; i++) {
    let guard = 0;
    while (isObject(node) && isString(node.$ref) && guard++ < 32) {
      const ref = node.$ref;
      if (!ref.startsWith('#/')) return false;
      const target = ref.slice(2).split('/');
      if (prefixes.some((p) => p.every((token, j) => target[j] === token) && target.length > p.length)) return true;
      node = resolveLocalRef(unresolved, ref);
    }
    if (i === path.length) break;
    node = get(node, path[i]);
    if (node === undefined) return false;
  }
  return false;
}

export const WEBHOOK_REF_PREFIXES: readonly (readonly string[])[] = [['components', 'callbacks']];

/** True when the webhook op at `path` is a `$ref` copy of a `components.callbacks` entry. */
export function isCallbackRefCopy(unresolved: unknown, path: readonly (string | number)[]): boolean {
  return path[0] !== 'components' && reachedThroughRef(unresolved, path, WEBHOOK_REF_PREFIXES);
}

/**
 * Every webhook operation of a resolved OpenAPI document: `webhooks.*.<method>`,
 * `paths.*.<method>.callbacks.*.*.<method>` and `components.callbacks.*.*.<method>`, without
 * the `$ref` copies of `components.callbacks` entries (pass the unresolved document).
 */
export function webhookOperations(root: unknown, unresolved?: unknown): WebhookOperation[] {
  const out: WebhookOperation[] = [];
  const addPathItem = (pathItem: unknown, base: JsonPathArray) => {
    if (!isObject(pathItem)) return;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const path = [...base, method];
      if (unresolved !== undefined && isCallbackRefCopy(unresolved, path)) continue;
      out.push({ path, pathItem, operation });
    }
  };
  const addCallbacks = (callbacks: unknown, base: JsonPathArray) => {
    if (!isObject(callbacks)) return;
    for (const [name, callback] of entriesOf(callbacks)) {
      if (!isObject(callback)) continue;
      for (const [expression, pathItem] of entriesOf(callback)) addPathItem(pathItem, [...base, name, expression]);
    }
  };
  const webhooks = get(root, 'webhooks');
  if (isObject(webhooks)) for (const [name, pathItem] of entriesOf(webhooks)) addPathItem(pathItem, ['webhooks', name]);
  const paths = get(root, 'paths');
  if (isObject(paths)) {
    for (const [pathKey, pathItem] of entriesOf(paths)) {
      if (!isObject(pathItem)) continue;
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (isObject(operation)) addCallbacks(operation.callbacks, ['paths', pathKey, method, 'callbacks']);
      }
    }
  }
  addCallbacks(get(root, 'components', 'callbacks'), ['components', 'callbacks']);
  return out;
}

/** The path item holding the operation at `path` (its parent node). */
export function pathItemAt(root: unknown, path: readonly (string | number)[]): unknown {
  return path.length > 0 ? get(root, ...path.slice(0, -1)) : undefined;
}

/** Full path of a found parameter, given the operation's path. */
export function parameterPath(operationPath: readonly (string | number)[], found: FoundParameter): JsonPathArray {
  return found.level === 'operation'
    ? [...operationPath, 'parameters', found.index]
    : [...operationPath.slice(0, -1), 'parameters', found.index];
}

/** The effective `x-webhook-signature` of a webhook op: its own, else the root's. */
export function effectiveSignature(root: unknown, operation: unknown, operationPath: readonly (string | number)[]):
  | { value: unknown; path: JsonPathArray }
  | undefined {
  const found = effectiveExtension(root, undefined, operation, 'x-webhook-signature', ['operation', 'root']);
  if (!found) return undefined;
  return { value: found.value, path: found.level === 'operation' ? [...operationPath, 'x-webhook-signature'] : ['x-webhook-signature'] };
}

/** A header parameter that must be present and `required: true`. */
export interface HeaderCheck {
  name: string;
  found?: FoundParameter;
  required: boolean;
}

export function checkHeaders(pathItem: unknown, operation: unknown, names: readonly string[]): HeaderCheck[] {
  return names.map((name) => {
    const found = findParameter(pathItem, operation, name, 'header');
    return { name, found, required: found?.parameter.required === true };
  });
}

export function isComplete(checks: readonly HeaderCheck[]): boolean {
  return checks.every((c) => c.required);
}

/** How many headers of the set are declared at all (to pick the set a document aims at). */
export function declaredCount(checks: readonly HeaderCheck[]): number {
  return checks.filter((c) => c.found).length;
}

export function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

