import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, isObject, keysOf } from './lib/guards';
import { operationLocation } from './lib/openapi';
import { responsesOf } from './lib/rest';

/**
 * `http-delete-success`: a DELETE documents a success response, 204 No Content, 200 OK or 202
 * Accepted (a `2XX` range counts); and a 204 response, on any operation, has no `content`
 * (RFC 9110: 204 has no body). Given: the operations under `paths`; results at the
 * operation (no success response) or at the 204's `content` to remove.
 */
export const httpDeleteSuccess = defineFunction<unknown, null>(
  { input: null, options: null },
  function httpDeleteSuccess(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location) return [];
    const responses = responsesOf(operation);
    if (!responses) return [];
    const results: IFunctionResult[] = [];
    const keys = keysOf(responses);
    if (location.method === 'delete') {
      const ok = keys.some((k) => ['200', '202', '204', '2XX'].includes(k.trim().toUpperCase()));
      if (!ok) {
        results.push({
          message: `DELETE ${location.pathKey} documents no success response; add 204 No Content (or 200 with the deleted representation, or 202 if deletion is asynchronous).`,
          path: [...context.path],
        });
      }
    }
    for (const key of keys) {
      if (key.trim() !== '204') continue;
      const content = get(responses[key], 'content');
      if (isObject(content) && keysOf(content).length > 0) {
        results.push({
          message: `204 No Content response declares content, but a 204 has no body; remove \`content\` or use 200 if a body is returned.`,
          path: [...context.path, 'responses', key, 'content'],
        });
      }
    }
    return results;
  },
);

export default httpDeleteSuccess;
