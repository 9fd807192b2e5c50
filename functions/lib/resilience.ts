/**
 * Helpers of the resilience and webhook-delivery rules only: where the resilience extensions
 * live (targeted JSONPaths for OpenAPI and AsyncAPI 2.x/3.x), the extension JSON Schemas
 * (schemas/*.schema.json, compiled ahead of time by scripts/gen-validators.mjs), and ajv errors turned into results.
 */
import type { IFunctionResult } from '@stoplight/spectral-core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validateCircuitBreaker, validateIntegration, validateRetryPolicy, validateTimeout, validateWebhookDelivery } from './generated/validators';
import { get, isArray, isInteger, isObject } from './guards';
import { HTTP_METHODS } from './openapi';
import { reachedThroughRef, type JsonPathArray } from './webhooks';

const M = HTTP_METHODS.join(',');

/** OpenAPI nodes that may carry a resilience extension: path items, ops and webhook ops. */
export const OAS_HOLDERS = [
  '$.paths[*]',
  `$.paths[*][${M}]`,
  `$.webhooks[*][${M}]`,
  `$.paths[*][${M}].callbacks[*][*][${M}]`,
  `$.components.callbacks[*][*][${M}]`,
] as const;

/** AsyncAPI 2.x channels and operations (`publish`/`subscribe`). */
export const AAS2_HOLDERS = [
  '$.channels[*]',
  '$.channels[*][publish,subscribe]',
  '$.components.channels[*]',
  '$.components.channels[*][publish,subscribe]',
] as const;

/** AsyncAPI 3.x operations and channels. */
export const AAS3_HOLDERS = ['$.operations[*]', '$.components.operations[*]'] as const;

/** Every node (other than the root) that may declare x-retry-policy / x-timeout / x-circuit-breaker. */
export const EXTENSION_HOLDERS = [...OAS_HOLDERS, ...AAS2_HOLDERS, ...AAS3_HOLDERS] as const;

/** JSONPaths of `<name>` at the root and on every holder, e.g. `$['x-retry-policy']`. */
export function extensionGiven(name: string): string[] {
  return [`$['${name}']`, ...EXTENSION_HOLDERS.map((holder) => `${holder}['${name}']`)];
}

/** Every x-retry-policy: the extension itself, `x-integrations[*].retryPolicy`, `x-webhook-delivery.retry`. */
export const RETRY_POLICY_GIVEN = [
  ...extensionGiven('x-retry-policy'),
  "$['x-integrations'][*].retryPolicy",
  "$['x-webhook-delivery'].retry",
  `$.webhooks[*][${M}]['x-webhook-delivery'].retry`,
  `$.paths[*][${M}].callbacks[*][*][${M}]['x-webhook-delivery'].retry`,
  `$.components.callbacks[*][*][${M}]['x-webhook-delivery'].retry`,
];

/** Every x-circuit-breaker, and `x-integrations[*].circuitBreaker`. */
export const CIRCUIT_BREAKER_GIVEN = [...extensionGiven('x-circuit-breaker'), "$['x-integrations'][*].circuitBreaker"];

/** Every x-timeout, and `x-integrations[*].timeout`. */
export const TIMEOUT_GIVEN = [...extensionGiven('x-timeout'), "$['x-integrations'][*].timeout"];

/** `$ref` targets whose definitions are linted where they are defined (skip the copies). */
export const COMPONENT_REF_PREFIXES: readonly (readonly string[])[] = [
  ['components', 'callbacks'],
  ['components', 'operations'],
  ['components', 'channels'],
];

/** True when the node at `path` is a `$ref` copy of a component that is linted at its definition. */
export function isComponentRefCopy(unresolved: unknown, path: readonly (string | number)[]): boolean {
  return path[0] !== 'components' && reachedThroughRef(unresolved, path, COMPONENT_REF_PREFIXES);
}

// ---------------------------------------------------------------------------------------------
// JSON Schemas of the extensions (compiled ahead of time: scripts/gen-validators.mjs)

export const validators: Record<'retryPolicy' | 'circuitBreaker' | 'timeout' | 'webhookDelivery' | 'integration', ValidateFunction | undefined> = {
  retryPolicy: validateRetryPolicy,
  circuitBreaker: validateCircuitBreaker,
  timeout: validateTimeout,
  webhookDelivery: validateWebhookDelivery,
  integration: validateIntegration,
};

export interface SchemaProblem {
  /** Path of the offending node, relative to the validated value. */
  path: (string | number)[];
  message: string;
  error: ErrorObject;
}

/** Decodes an ajv instancePath into path segments (array indexes as numbers). */
export function instancePathSegments(value: unknown, instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = value;
  for (const raw of instancePath.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = isArray(node) && /^\d+$/.test(token) ? Number(token) : token;
    out.push(segment);
    node = get(node, segment);
  }
  return out;
}

const DURATION_HINT = 'a duration such as `30s` or `PT30S`';

function describeError(error: ErrorObject, label: string): string | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${label} is missing \`${String(params.missingProperty)}\``;
    case 'type':
      return `${label} must be ${String(params.type).replace(',', ' or ')}`;
    case 'enum':
      return `${label} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${label} must be ${DURATION_HINT}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'minItems':
      return `${label} ${error.message ?? 'is out of range'}`;
    default:
      return undefined; // oneOf/anyOf/const summaries: the specific errors say more
  }
}

/**
 * Validates `value` with a compiled schema; returns one problem per offending node (the most
 * specific message first), relative paths. `keep` filters errors (relative path, error).
 */
export function schemaProblems(
  validate: ValidateFunction | undefined,
  value: unknown,
  name: string,
  keep: (path: (string | number)[], error: ErrorObject) => boolean = () => true,
): SchemaProblem[] {
  if (!validate) return [];
  let valid = true;
  try {
    valid = validate(value) as boolean;
  } catch {
    return [];
  }
  if (valid || !validate.errors) return [];
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  // Missing properties of one node make one problem naming them all.
  const missing = new Map<string, { path: (string | number)[]; names: string[]; error: ErrorObject }>();
  for (const error of validate.errors) {
    if (error.keyword !== 'required') continue;
    const path = instancePathSegments(value, error.instancePath);
    if (!keep(path, error)) continue;
    const key = path.join('/');
    const entry = missing.get(key) ?? { path, names: [], error };
    const name = String((error.params as { missingProperty?: unknown }).missingProperty);
    if (!entry.names.includes(name)) entry.names.push(name);
    missing.set(key, entry);
  }
  for (const { path, names, error } of missing.values()) {
    out.push({ path, message: `\`${[name, ...path].join('.')}\` is missing ${names.map((n) => `\`${n}\``).join(', ')}`, error });
  }
  for (const error of validate.errors) {
    if (error.keyword === 'required') continue;
    const path = instancePathSegments(value, error.instancePath);
    if (!keep(path, error)) continue;
    const label = `\`${[name, ...path].join('.')}\``;
    const message = describeError(error, label);
    if (!message) continue;
    const key = `${path.join('/')}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message, error });
  }
  return out;
}

/** Results for schema problems of the value at `basePath`. */
export function problemsToResults(problems: SchemaProblem[], basePath: JsonPathArray, hint: string): IFunctionResult[] {
  return problems.map((p) => ({ message: `${p.message}; ${hint}`, path: [...basePath, ...p.path] }));
}

/** True when a retry policy actually retries (an object whose maxAttempts is not 1). */
export function isRetrying(policy: unknown): boolean {
  if (!isObject(policy)) return false;
  return !(isInteger(policy.maxAttempts) && policy.maxAttempts === 1);
}

/** A short label for an extension location, for messages: `x-retry-policy of POST /orders`. */
export function locationLabel(path: readonly (string | number)[]): string {
  if (path[0] === 'paths' && path.length >= 3 && typeof path[2] === 'string' && (HTTP_METHODS as readonly string[]).includes(path[2])) {
    return `${path[2].toUpperCase()} ${String(path[1])}`;
  }
  return path.map(String).join('.');
}
