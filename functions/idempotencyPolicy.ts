import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { validateIdempotency } from './lib/generated/validators';
import { formatDuration, parseDuration, DURATION_PATTERN } from './lib/duration';
import { get, isArray, isObject } from './lib/guards';
import { schemaProblems } from './lib/rate-limits';

export interface IdempotencyPolicyOptions {
  /** Minimum key retention (duration); default 24h. */
  minTtl: string;
}


const HINTS: Record<string, string> = {
  required: 'true or false: whether the operation requires an Idempotency-Key',
  ttl: 'a duration such as 24h or P1D: how long keys are kept',
};

/**
 * `idempotency-policy`: every `x-idempotency` (root, operation) matches
 * schemas/x-idempotency.schema.json (`{required?: bool, ttl?: duration}`), and a `ttl` is at
 * least `minTtl`. Results at the value, the offending field, or `ttl`.
 */
export const idempotencyPolicy = defineFunction<unknown, IdempotencyPolicyOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { minTtl: { type: 'string', pattern: DURATION_PATTERN } },
      required: ['minTtl'],
      additionalProperties: false,
    },
  },
  function idempotencyPolicy(targetVal, options, context): IFunctionResult[] {
    const path = [...context.path];
    if (!isObject(targetVal)) {
      const actual = targetVal === null ? 'null' : isArray(targetVal) ? 'an array' : `${typeof targetVal} ${JSON.stringify(targetVal)}`;
      return [
        {
          message: `x-idempotency must be an object {required?: boolean, ttl?: duration} (e.g. {required: true, ttl: 24h}), not ${actual}.`,
          path,
        },
      ];
    }
    if (!validateIdempotency(targetVal)) {
      return schemaProblems(validateIdempotency.errors, targetVal, 'x-idempotency', HINTS).map((problem) => ({
        message: `${problem.message}.`,
        path: [...path, ...problem.path],
      }));
    }
    const ttl = parseDuration(get(targetVal, 'ttl'));
    const minLabel = typeof options?.minTtl === 'string' && parseDuration(options.minTtl) !== undefined ? options.minTtl : '24h';
    const min = parseDuration(minLabel)!;
    if (ttl !== undefined && ttl < min) {
      return [
        {
          message: `x-idempotency.ttl ${JSON.stringify(targetVal.ttl)} (${formatDuration(ttl)}) is shorter than the minimum ${minLabel}: keep idempotency keys at least ${minLabel} so a client retrying after an outage is still deduplicated.`,
          path: [...path, 'ttl'],
        },
      ];
    }
    return [];
  },
);

export default idempotencyPolicy;
