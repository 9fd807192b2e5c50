import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { findParameter } from './lib/headers';
import { isObject } from './lib/guards';
import { effectiveExtension, resolvedRoot } from './lib/openapi';
import { isRetrying } from './lib/resilience';
import { parameterPath, pathItemAt, type JsonPathArray } from './lib/webhooks';

const HEADER = 'Idempotency-Key';

/**
 * `resilience-retry-needs-idempotency`: a POST or PATCH op whose effective `x-retry-policy`
 * (op, path item, else root) retries requires the `Idempotency-Key` header (any letter case,
 * op or path-item level, `required: true`). Given: POST and PATCH operations.
 */
export const resilienceRetryNeedsIdempotency = defineFunction<unknown, null>(
  { input: null, options: null },
  function resilienceRetryNeedsIdempotency(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const path = context.path as JsonPathArray;
    const root = resolvedRoot(context);
    const pathItem = pathItemAt(root, path);
    const policy = effectiveExtension(root, pathItem, operation, 'x-retry-policy');
    if (!policy || !isRetrying(policy.value)) return [];
    const method = String(path[path.length - 1]).toUpperCase();
    const where = policy.level === 'operation' ? 'its `x-retry-policy`' : `the ${policy.level === 'root' ? 'root' : 'path item'} \`x-retry-policy\``;
    const found = findParameter(pathItem, operation, HEADER, 'header');
    if (!found) {
      return [
        {
          message: `${method} ${String(path[1])} is retried (${where}) but does not take an \`${HEADER}\` header: add a required header parameter \`${HEADER}\` so a retried request is not applied twice.`,
          path,
        },
      ];
    }
    if (found.parameter.required !== true) {
      return [
        {
          message: `\`${HEADER}\` is optional on ${method} ${String(path[1])}, which is retried (${where}): mark it \`required: true\` so a retried request is not applied twice.`,
          path: parameterPath(path, found),
        },
      ];
    }
    return [];
  },
);

export default resilienceRetryNeedsIdempotency;
