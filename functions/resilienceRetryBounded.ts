import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isInteger, isObject } from './lib/guards';
import { isComponentRefCopy, schemaProblems, validators } from './lib/resilience';
import type { JsonPathArray } from './lib/webhooks';

export interface ResilienceRetryBoundedOptions {
  /** Most attempts a retry policy may make (the first attempt included). */
  maxAttempts: number;
}

/**
 * `resilience-retry-bounded`: every retry policy (x-retry-policy anywhere,
 * `x-integrations[*].retryPolicy`, `x-webhook-delivery.retry`) has a finite integer
 * `maxAttempts` between 1 and the maximum. Validated against schemas/x-retry-policy.schema.json
 * (its `maxAttempts` part; backoff and jitter are resilience-retry-backoff's).
 * Given: every retry policy location. `false` (no retries) is accepted.
 */
export const resilienceRetryBounded = defineFunction<unknown, ResilienceRetryBoundedOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { maxAttempts: { type: 'integer', minimum: 1 } },
    },
  },
  function resilienceRetryBounded(policy, options, context): IFunctionResult[] {
    const path = context.path as JsonPathArray;
    if (policy === false || policy === undefined) return [];
    if (isComponentRefCopy(context.document.data, path)) return [];
    const max = options?.maxAttempts ?? 5;
    const name = String(path[path.length - 1]);
    if (!isObject(policy)) {
      return [
        {
          message: `\`${name}\` must be a retry policy object with a finite \`maxAttempts\` (1..${max}), e.g. \`{maxAttempts: ${max}, backoff: exponential, initialInterval: 1s, jitter: 0.1}\`.`,
          path,
        },
      ];
    }
    if (!has(policy, 'maxAttempts')) {
      return [
        {
          message: `Retry policy has no \`maxAttempts\`, so retries are unbounded: add \`maxAttempts\` (at most ${max}).`,
          path,
        },
      ];
    }
    const value = policy.maxAttempts;
    const at = [...path, 'maxAttempts'];
    const schemaSays = schemaProblems(validators.retryPolicy, policy, name, (p) => p[0] === 'maxAttempts').length > 0;
    if (!isInteger(value) || value < 1 || schemaSays) {
      return [
        {
          message: `Retry policy \`maxAttempts\` is ${JSON.stringify(value) ?? String(value)}: retries must be bounded; set a whole number from 1 to ${max} (never 0, negative, -1 or "infinite").`,
          path: at,
        },
      ];
    }
    if (value > max) {
      return [
        {
          message: `Retry policy allows ${value} attempts, more than ${max}: lower \`maxAttempts\` to at most ${max} so failures surface instead of piling load on a struggling dependency.`,
          path: at,
        },
      ];
    }
    return [];
  },
);

export default resilienceRetryBounded;
