import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject, keysOf } from './lib/guards';
import { isCallbackRefCopy, type JsonPathArray } from './lib/webhooks';

const SUCCESS = /^2(\d\d|xx)$/i;

/**
 * `webhook-2xx-response`: every webhook op documents a 2xx response (`200`, `204`, `2XX`...),
 * the answer that tells the API the delivery succeeded. Given: webhook operations.
 */
export const webhook2xxResponse = defineFunction<unknown, null>(
  { input: null, options: null },
  function webhook2xxResponse(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const path = context.path as JsonPathArray;
    if (isCallbackRefCopy(context.document.data, path)) return [];
    const responses = operation.responses;
    if (isObject(responses) && keysOf(responses).some((code) => SUCCESS.test(code))) return [];
    return [
      {
        message:
          'Webhook operation documents no 2xx response: add the response receivers return on success (e.g. `200` or `204`), so it is clear which answer acknowledges the delivery and which ones trigger a retry.',
        path: isObject(responses) ? [...path, 'responses'] : path,
      },
    ];
  },
);

export default webhook2xxResponse;
