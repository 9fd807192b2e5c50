import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isObject } from './lib/guards';
import { operationLocation } from './lib/openapi';

/**
 * `http-put-patch-body`: PUT and PATCH operations define a `requestBody` (the representation
 * or the changes to apply). Given: `$.paths[*][put,patch]`; the result is at the operation.
 */
export const httpPutPatchBody = defineFunction<unknown, null>(
  { input: null, options: null },
  function httpPutPatchBody(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation) || has(operation, 'requestBody')) return [];
    const location = operationLocation(context.path);
    if (!location || !['put', 'patch'].includes(location.method)) return [];
    const what =
      location.method === 'put'
        ? 'the full representation to store'
        : 'the changes to apply (e.g. application/merge-patch+json)';
    return [
      {
        message: `${location.method.toUpperCase()} ${location.pathKey} defines no requestBody; add one describing ${what}.`,
        path: [...context.path],
      },
    ];
  },
);

export default httpPutPatchBody;
