import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isObject } from './lib/guards';
import { operationLocation } from './lib/openapi';
import { isBehindRef } from './lib/rest';

/**
 * `http-no-body-on-get-head-delete`: GET, HEAD and DELETE operations define no `requestBody`
 * (RFC 9110: content there has no defined semantics and proxies may drop it).
 * Given: `$.paths[*][get,head,delete]`; the result is at the `requestBody` to remove.
 */
export const httpNoBodyOnGetHeadDelete = defineFunction<unknown, null>(
  { input: null, options: null },
  function httpNoBodyOnGetHeadDelete(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation) || !has(operation, 'requestBody')) return [];
    const location = operationLocation(context.path);
    if (!location || !['get', 'head', 'delete'].includes(location.method)) return [];
    const method = location.method.toUpperCase();
    const fix =
      location.method === 'delete'
        ? 'identify what to delete by the path (and query parameters), or use POST to a dedicated action resource for bulk deletes'
        : 'move the inputs to query parameters, or use POST (e.g. a /search resource) for complex queries';
    return [
      {
        message: `${method} ${location.pathKey} defines a requestBody, which ${method} requests must not carry; remove it and ${fix}.`,
        // A shared `$ref`'d request body is not itself wrong: point at the operation then.
        path: isBehindRef(context, [...context.path, 'requestBody']) ? [...context.path] : [...context.path, 'requestBody'],
      },
    ];
  },
);

export default httpNoBodyOnGetHeadDelete;
