import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { IDEMPOTENCY_KEY, parameterPath, parametersNamed } from './lib/idempotency';
import { isRefNode, operationTarget } from './lib/rate-limits';

/** Methods that are safe or idempotent by definition (RFC 9110): no key needed. */
export const IDEMPOTENT_METHODS = ['get', 'head', 'options', 'put', 'delete'] as const;

/**
 * `idempotency-key-on-safe-method`: GET, HEAD, OPTIONS, PUT and DELETE do not take an
 * `Idempotency-Key` header (they are idempotent by definition). Given: operations under
 * `paths`; result at the parameter (operation-level or path-level). A parameter that is a
 * `$ref` to `components/parameters` is reported at the `parameters` list that references it:
 * the component is right for the POST/PATCH operations that share it, the reference is what
 * must go (Spectral would report the reference itself at the component).
 */
export const idempotencyKeyOnSafeMethod = defineFunction<unknown, null>(
  { input: null, options: null },
  function idempotencyKeyOnSafeMethod(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || !(IDEMPOTENT_METHODS as readonly string[]).includes(target.method)) return [];
    return parametersNamed(target, IDEMPOTENCY_KEY)
      .filter(({ parameter }) => parameter.in === 'header')
      .map((found) => {
        const path = parameterPath(target, found);
        const viaRef = isRefNode(context, path);
        const what = viaRef ? `The $ref to the ${String(found.parameter.name)} parameter` : String(found.parameter.name);
        return {
          message:
            found.level === 'path'
              ? `The path-level ${viaRef ? `$ref to the ${String(found.parameter.name)} parameter` : `${String(found.parameter.name)} header`} also applies to the path's GET, HEAD, OPTIONS, PUT or DELETE operations, which are idempotent by definition: move it to the POST/PATCH operations that need it.`
              : `${what} is declared on a GET, HEAD, OPTIONS, PUT or DELETE operation, which is idempotent by definition: remove it there (the key is for POST and PATCH).`,
          path: viaRef ? path.slice(0, -1) : path,
        };
      });
  },
);

export default idempotencyKeyOnSafeMethod;
