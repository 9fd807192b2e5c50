import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has } from './lib/guards';
import { idempotencyHeader } from './lib/idempotency';
import { operationTarget } from './lib/rate-limits';

const WHY: Record<string, string> = {
  '400': '400 (key missing or malformed)',
  '409': '409 (a request with the same key is still in progress)',
  '422': '422 (the key was reused with a different payload)',
};

/**
 * `idempotency-responses`: an operation that accepts an `Idempotency-Key` header documents
 * 409 and 422, and 400 when the key is required. Given: operations under `paths`; one result
 * at the operation naming every missing response.
 */
export const idempotencyResponses = defineFunction<unknown, null>(
  { input: null, options: null },
  function idempotencyResponses(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target) return [];
    const found = idempotencyHeader(target);
    if (!found) return [];
    const wanted = found.parameter.required === true ? ['400', '409', '422'] : ['409', '422'];
    const responses = get(target.operation, 'responses');
    const missing = wanted.filter((code) => !has(responses, code));
    if (missing.length === 0) return [];
    return [
      {
        message: `${target.method.toUpperCase()} ${target.pathKey} accepts ${String(found.parameter.name)} but does not document ${missing.map((c) => WHY[c]).join(', ')}: add ${missing.length > 1 ? 'these responses' : 'this response'} so clients know how a retried or conflicting request is answered.`,
        path: target.path,
      },
    ];
  },
);

export default idempotencyResponses;
