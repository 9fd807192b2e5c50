import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { validateRateLimit, validateRateLimitPolicy as validatePolicy } from './lib/generated/validators';
import { isArray, isObject } from './lib/guards';
import { HTTP_METHODS } from './lib/openapi';
import { schemaProblems } from './lib/rate-limits';

/** JSONPath of every `x-rate-limit` the vocabulary allows: root, path items, operations. */
export const X_RATE_LIMIT_GIVEN = [
  "$['x-rate-limit']",
  "$.paths[*]['x-rate-limit']",
  `$.paths[*][${HTTP_METHODS.join(',')}]['x-rate-limit']`,
];


const HINTS: Record<string, string> = {
  limit: 'an integer > 0: requests per window',
  window: 'a duration such as 1m, 1h or PT1M',
  scope: 'one of ip, user, client, admin, webhook',
  burst: 'optional, an integer > 0',
};

/**
 * `rate-limit-policy`: every `x-rate-limit` (root, path item, operation) matches
 * schemas/x-rate-limit.schema.json: `false` or `{limit, window, scope, burst?}`. One result
 * per offending node (the value, a field, or an unknown property).
 */
export const rateLimitPolicy = defineFunction<unknown, null>(
  { input: null, options: null },
  function rateLimitPolicy(targetVal, _options, context): IFunctionResult[] {
    if (validateRateLimit(targetVal)) return [];
    const path = [...context.path];
    if (!isObject(targetVal)) {
      const actual = targetVal === null ? 'null' : isArray(targetVal) ? 'an array' : `${typeof targetVal} ${JSON.stringify(targetVal)}`;
      return [
        {
          message: `x-rate-limit must be an object {limit, window, scope, burst?} (e.g. {limit: 100, window: 1m, scope: user}) or false (not rate limited), not ${actual}.`,
          path,
        },
      ];
    }
    validatePolicy(targetVal);
    return schemaProblems(validatePolicy.errors, targetVal, 'x-rate-limit', HINTS).map((problem) => ({
      message: `${problem.message}.`,
      path: [...path, ...problem.path],
    }));
  },
);

export default rateLimitPolicy;
