import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { findParameter } from './lib/headers';
import { isNonEmptyString, isObject } from './lib/guards';
import { TIMESTAMP_HEADERS, effectiveSignature, isCallbackRefCopy, pathItemAt, type JsonPathArray } from './lib/webhooks';

/**
 * `webhook-timestamp`: every webhook op declares a timestamp header for replay protection:
 * a header parameter `X-Webhook-Timestamp` or `webhook-timestamp` (any letter case, op or
 * path-item level), or the `timestampHeader` of its effective `x-webhook-signature`.
 * Given: webhook operations.
 */
export const webhookTimestamp = defineFunction<unknown, null>(
  { input: null, options: null },
  function webhookTimestamp(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const path = context.path as JsonPathArray;
    if (isCallbackRefCopy(context.document.data, path)) return [];
    const root = resolvedRoot(context);
    const pathItem = pathItemAt(root, path);
    const signature = effectiveSignature(root, operation, path);
    const declared = isObject(signature?.value) ? signature.value.timestampHeader : undefined;
    if (isNonEmptyString(declared)) return [];
    if (TIMESTAMP_HEADERS.some((name) => findParameter(pathItem, operation, name, 'header'))) return [];
    return [
      {
        message:
          'Webhook operation declares no timestamp header for replay protection: add a header parameter `X-Webhook-Timestamp` (or `webhook-timestamp`), or name it in `x-webhook-signature.timestampHeader`, and sign it with the payload.',
        path,
      },
    ];
  },
);

export default webhookTimestamp;
