import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isObject } from './lib/guards';
import { isRateLimitExempt, operationTarget } from './lib/rate-limits';

/**
 * `rate-limit-429`: every operation documents a 429 response, unless its effective
 * `x-rate-limit` (operation, path item, root) is `false`.
 * Given: operations under `paths` (OPERATIONS_GIVEN). Result at the operation.
 */
export const rateLimit429 = defineFunction<unknown, null>(
  { input: null, options: null },
  function rateLimit429(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || isRateLimitExempt(target)) return [];
    const responses = get(target.operation, 'responses');
    if (isObject(responses) && has(responses, '429')) return [];
    return [
      {
        message: `${target.method.toUpperCase()} ${target.pathKey} documents no 429 (Too Many Requests) response: add one with a Retry-After header and an error body, or set "x-rate-limit: false" if the operation is not rate limited.`,
        path: target.path,
      },
    ];
  },
);

export default rateLimit429;
