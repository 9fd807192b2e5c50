import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isNonEmptyString, isObject } from './lib/guards';
import {
  SEED_SIGNATURE_HEADERS,
  STANDARD_WEBHOOKS_HEADERS,
  WEBHOOK_STYLES,
  checkHeaders,
  declaredCount,
  effectiveSignature,
  isCallbackRefCopy,
  isComplete,
  parameterPath,
  pathItemAt,
  quoteList,
  type JsonPathArray,
  type WebhookStyle,
} from './lib/webhooks';

export interface WebhookSignatureHeaderOptions {
  /** Which signature headers: seed `X-Webhook-Signature`, Standard Webhooks, or either set. */
  style: WebhookStyle;
}

/**
 * `webhook-signature-header`: every webhook op declares its signature header(s) as required
 * header parameters (operation or path-item level, names case-insensitive). In the seed style,
 * the header named by `x-webhook-signature.header` (op, else root) counts too.
 * Given: webhook operations.
 */
export const webhookSignatureHeader = defineFunction<unknown, WebhookSignatureHeaderOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { style: { enum: [...WEBHOOK_STYLES] } },
    },
  },
  function webhookSignatureHeader(operation, options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const path = context.path as JsonPathArray;
    if (isCallbackRefCopy(context.document.data, path)) return [];
    const root = resolvedRoot(context);
    const pathItem = pathItemAt(root, path);
    const style = options?.style ?? 'seed';

    const sets: { label: string; names: string[] }[] = [];
    if (style !== 'standard-webhooks') {
      sets.push({ label: 'seed', names: [...SEED_SIGNATURE_HEADERS] });
      const declared = effectiveSignature(root, operation, path);
      const custom = isObject(declared?.value) ? declared.value.header : undefined;
      if (isNonEmptyString(custom) && custom.toLowerCase() !== SEED_SIGNATURE_HEADERS[0].toLowerCase()) {
        sets.push({ label: 'x-webhook-signature.header', names: [custom] });
      }
    }
    if (style !== 'seed') sets.push({ label: 'Standard Webhooks', names: [...STANDARD_WEBHOOKS_HEADERS] });

    const checked = sets.map((set) => ({ ...set, checks: checkHeaders(pathItem, operation, set.names) }));
    if (checked.some((set) => isComplete(set.checks))) return [];

    // The set the document aims at: the one with most headers declared (first on a tie).
    let best = checked[0];
    for (const set of checked) if (declaredCount(set.checks) > declaredCount(best.checks)) best = set;

    const results: IFunctionResult[] = [];
    for (const check of best.checks) {
      if (check.found && !check.required) {
        results.push({
          message: `Webhook signature header \`${check.name}\` is optional; mark it \`required: true\` so receivers can always verify the delivery.`,
          path: parameterPath(path, check.found),
        });
      }
    }
    const missing = best.checks.filter((c) => !c.found).map((c) => c.name);
    if (missing.length > 0) {
      const none = declaredCount(best.checks) === 0;
      const message =
        none && checked.length > 1
          ? `Webhook operation declares no signature header: add ${checked.map((s) => quoteList(s.names)).join(', or ')} as required header parameters (\`in: header\`, \`required: true\`) so receivers can verify the delivery.`
          : `Webhook operation does not declare the signature header${missing.length > 1 ? 's' : ''} ${quoteList(missing)}: add ${missing.length > 1 ? 'them as required header parameters' : 'it as a required header parameter'} (\`in: header\`, \`required: true\`) so receivers can verify the delivery.`;
      results.push({
        message,
        path,
      });
    }
    return results;
  },
);

export default webhookSignatureHeader;
