import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { formatDuration, parseDuration, DURATION_PATTERN } from './lib/duration';
import { has, isInteger, isObject, textOf } from './lib/guards';
import { problemsToResults, schemaProblems, validators } from './lib/resilience';
import { webhookOperations, type JsonPathArray } from './lib/webhooks';

export interface WebhookDeliveryPolicyOptions {
  /** Longest allowed delivery timeout (duration). */
  maxTimeout: string;
  /** Most delivery attempts allowed. */
  maxAttempts: number;
}

const HINT = 'see schemas/x-webhook-delivery.schema.json';

function checkDelivery(value: unknown, path: JsonPathArray, options: WebhookDeliveryPolicyOptions): IFunctionResult[] {
  const maxTimeoutMs = parseDuration(options.maxTimeout) ?? 30_000;
  // Schema: the object, `timeout`, and `retry`'s own shape as far as bounding goes (retry's
  // backoff and jitter are resilience-retry-backoff's, the rest resilience-retry-bounded's).
  const problems = schemaProblems(validators.webhookDelivery, value, 'x-webhook-delivery', (p, error) => {
    if (p.length === 0) return true;
    if (p[0] === 'timeout') return true;
    if (p[0] !== 'retry') return false;
    if (p.length === 1) return error.keyword === 'type' || (error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === 'maxAttempts');
    return p[1] === 'maxAttempts';
  });
  const results = problemsToResults(problems, path, HINT);
  if (!isObject(value)) return results;
  const timeout = parseDuration(value.timeout);
  if (timeout !== undefined && timeout > maxTimeoutMs) {
    results.push({
      message: `Webhook delivery timeout ${textOf(value.timeout)} is longer than ${formatDuration(maxTimeoutMs)}: receivers should acknowledge quickly and process asynchronously; lower \`timeout\`.`,
      path: [...path, 'timeout'],
    });
  }
  const retry = value.retry;
  if (isObject(retry) && isInteger(retry.maxAttempts) && retry.maxAttempts > options.maxAttempts) {
    results.push({
      message: `Webhook delivery retries up to ${retry.maxAttempts} attempts, more than ${options.maxAttempts}: lower \`retry.maxAttempts\` (and move undeliverable events to a dead-letter queue).`,
      path: [...path, 'retry', 'maxAttempts'],
    });
  }
  return results;
}

/**
 * `webhook-delivery-policy`: when the document has webhook ops, each has an effective
 * `x-webhook-delivery` (op, else root) with a timeout ≤ maxTimeout and a bounded retry
 * (maxAttempts ≤ maxAttempts); every declaration is validated against its schema once.
 * Given: the document root.
 */
export const webhookDeliveryPolicy = defineFunction<unknown, WebhookDeliveryPolicyOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxTimeout: { type: 'string', pattern: DURATION_PATTERN },
        maxAttempts: { type: 'integer', minimum: 1 },
      },
    },
  },
  function webhookDeliveryPolicy(_rootNode, options, context): IFunctionResult[] {
    const root = resolvedRoot(context);
    if (!isObject(root)) return [];
    const opts: WebhookDeliveryPolicyOptions = { maxTimeout: options?.maxTimeout ?? '30s', maxAttempts: options?.maxAttempts ?? 5 };
    const operations = webhookOperations(root, context.document.data);
    if (operations.length === 0) return [];
    const results: IFunctionResult[] = [];
    if (has(root, 'x-webhook-delivery')) results.push(...checkDelivery(root['x-webhook-delivery'], ['x-webhook-delivery'], opts));
    for (const { path, operation } of operations) {
      if (has(operation, 'x-webhook-delivery')) {
        results.push(...checkDelivery(operation['x-webhook-delivery'], [...path, 'x-webhook-delivery'], opts));
      } else if (!has(root, 'x-webhook-delivery')) {
        results.push({
          message: `Webhook operation has no delivery policy: declare \`x-webhook-delivery: {timeout: 10s, retry: {maxAttempts: ${opts.maxAttempts}, backoff: exponential, initialInterval: 1s, jitter: 0.1}}\` on it or at the root.`,
          path,
        });
      }
    }
    return results;
  },
);

export default webhookDeliveryPolicy;
