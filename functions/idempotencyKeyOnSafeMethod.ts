import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { IDEMPOTENCY_KEY, parameterPath, parametersNamed } from './lib/idempotency';
import { operationTarget } from './lib/rate-limits';

/** Methods that are safe or idempotent by definition (RFC 9110): no key needed. */
export const IDEMPOTENT_METHODS = ['get', 'head', 'options', 'put', 'delete'] as const;

/**
 * `idempotency-key-on-safe-method`: GET, HEAD, OPTIONS, PUT and DELETE do not take an
 * `Idempotency-Key` header (they are idempotent by definition). Given: operations under
 * `paths`; result at the parameter (operation-level, path-level or its component).
 */
export const idempotencyKeyOnSafeMethod = createRulesetFunction<unknown, null>(
  { input: null, options: null },
  function idempotencyKeyOnSafeMethod(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || !(IDEMPOTENT_METHODS as readonly string[]).includes(target.method)) return [];
    return parametersNamed(target, IDEMPOTENCY_KEY)
      .filter(({ parameter }) => parameter.in === 'header')
      .map((found) => ({
        message:
          found.level === 'path'
            ? `The path-level ${String(found.parameter.name)} header also applies to the path's GET, HEAD, OPTIONS, PUT or DELETE operations, which are idempotent by definition: move it to the POST/PATCH operations that need it.`
            : `${String(found.parameter.name)} is declared on a GET, HEAD, OPTIONS, PUT or DELETE operation, which is idempotent by definition: remove it there (the key is for POST and PATCH).`,
        path: parameterPath(target, found),
      }));
  },
);

export default idempotencyKeyOnSafeMethod;
