import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isObject } from './lib/guards';
import { isComponentRefCopy, isRetrying } from './lib/resilience';
import type { JsonPathArray } from './lib/webhooks';

/**
 * `resilience-retry-backoff`: every retry policy that retries (maxAttempts ≠ 1) uses
 * `backoff: exponential` with a `jitter` in (0, 0.5]. Missing fields get one result at the
 * policy, wrong values one at the field. Given: every retry policy location.
 */
export const resilienceRetryBackoff = defineFunction<unknown, null>(
  { input: null, options: null },
  function resilienceRetryBackoff(policy, _options, context): IFunctionResult[] {
    const path = context.path as JsonPathArray;
    if (!isObject(policy) || !isRetrying(policy)) return [];
    if (isComponentRefCopy(context.document.data, path)) return [];
    const results: IFunctionResult[] = [];
    const missing: string[] = [];
    if (!has(policy, 'backoff')) missing.push('`backoff: exponential`');
    else if (policy.backoff !== 'exponential') {
      results.push({
        message: `Retry policy uses ${JSON.stringify(policy.backoff) ?? 'no'} backoff: use \`backoff: exponential\` (e.g. 1s, 2s, 4s, 8s, 16s) so retries back off from a struggling dependency.`,
        path: [...path, 'backoff'],
      });
    }
    if (!has(policy, 'jitter')) missing.push('`jitter` (e.g. 0.1 for ±10%)');
    else {
      const jitter = policy.jitter;
      if (typeof jitter !== 'number' || !(jitter > 0 && jitter <= 0.5)) {
        results.push({
          message: `Retry policy jitter ${JSON.stringify(jitter) ?? String(jitter)} is not in (0, 0.5]: set a fraction such as 0.1 (±10%) so clients do not retry in lockstep.`,
          path: [...path, 'jitter'],
        });
      }
    }
    if (missing.length > 0) {
      results.push({
        message: `Retry policy lacks ${missing.join(' and ')}: retry with exponential backoff and jitter in (0, 0.5] (e.g. 1s, 2s, 4s, 8s, 16s, ±10%).`,
        path,
      });
    }
    return results;
  },
);

export default resilienceRetryBackoff;
