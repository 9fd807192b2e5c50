import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isObject } from './lib/guards';
import { HTTP_METHODS, isHttpMethod, resolvedRoot } from './lib/openapi';
import { isComponentRefCopy, problemsToResults, schemaProblems, validators } from './lib/resilience';
import { type JsonPathArray } from './lib/webhooks';

const HINT = 'see schemas/x-circuit-breaker.schema.json';
const EXAMPLE = '`x-circuit-breaker: {failureThreshold: 5, openTimeout: 30s, successThreshold: 2}`';

/** A declared policy: an object (`false`/null mean "none"). */
function declares(holder: unknown, name: string): boolean {
  return has(holder, name) && isObject((holder as Record<string, unknown>)[name]);
}

function hasBreaker(holder: unknown, name = 'x-circuit-breaker'): boolean {
  return has(holder, name) && (holder as Record<string, unknown>)[name] !== false && (holder as Record<string, unknown>)[name] !== null;
}

/**
 * `resilience-circuit-breaker`, two checks by given node:
 * - an `x-circuit-breaker` (or `x-integrations[*].circuitBreaker`) matches its schema;
 * - an OpenAPI op (`paths.*.<method>`) or integration that declares a retry policy has an
 *   effective circuit breaker (op, path item, else root; integration, else root); a root
 *   `x-retry-policy` inherited by ops needs a root breaker.
 */
export const resilienceCircuitBreaker = defineFunction<unknown, null>(
  { input: null, options: null },
  function resilienceCircuitBreaker(node, _options, context): IFunctionResult[] {
    const path = context.path as JsonPathArray;
    const root = resolvedRoot(context);
    if (isComponentRefCopy(context.document.data, path)) return [];
    const last = path[path.length - 1];

    // 1. The breaker's shape.
    if (last === 'x-circuit-breaker' || (last === 'circuitBreaker' && path[0] === 'x-integrations')) {
      if (node === false || node === undefined) return [];
      return problemsToResults(schemaProblems(validators.circuitBreaker, node, String(last)), path, HINT);
    }

    // 2. A retry policy needs a breaker.
    const rootHasBreaker = hasBreaker(root);
    if (path.length === 1 && path[0] === 'x-retry-policy') {
      if (!isObject(node) || rootHasBreaker || !has(root, 'openapi')) return [];
      // Ops that inherit the root policy without a breaker of their own.
      const paths = get(root, 'paths');
      const inheriting = Object.values(isObject(paths) ? paths : {}).some(
        (pathItem) =>
          isObject(pathItem) &&
          HTTP_METHODS.some((m) => {
            const op = pathItem[m];
            return isObject(op) && !has(op, 'x-retry-policy') && !hasBreaker(op) && !hasBreaker(pathItem);
          }),
      );
      if (!inheriting) return [];
      return [
        {
          message: `The root \`x-retry-policy\` applies to every operation, but there is no circuit breaker: add ${EXAMPLE} at the root so retries stop while a dependency is down.`,
          path,
        },
      ];
    }
    if (path.length === 2 && path[0] === 'x-integrations') {
      if (!declares(node, 'retryPolicy') || hasBreaker(node, 'circuitBreaker') || rootHasBreaker) return [];
      const name = get(node, 'name');
      return [
        {
          message: `Integration${typeof name === 'string' ? ` "${name}"` : ''} retries (\`retryPolicy\`) without a circuit breaker: add \`circuitBreaker: {failureThreshold: 5, openTimeout: 30s, successThreshold: 2}\` (or a root \`x-circuit-breaker\`).`,
          path,
        },
      ];
    }
    if (path.length === 3 && path[0] === 'paths' && isHttpMethod(last)) {
      if (!declares(node, 'x-retry-policy') || hasBreaker(node) || rootHasBreaker) return [];
      if (hasBreaker(get(root, 'paths', path[1]))) return [];
      return [
        {
          message: `${String(last).toUpperCase()} ${String(path[1])} declares \`x-retry-policy\` but no circuit breaker applies to it: add ${EXAMPLE} to the operation (or the root).`,
          path,
        },
      ];
    }
    return [];
  },
);

export default resilienceCircuitBreaker;
