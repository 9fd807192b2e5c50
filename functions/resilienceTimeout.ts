import { defineFunction } from './lib/define';
import { textOf } from './lib/guards';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { DURATION_PATTERN, formatDuration, parseDuration } from './lib/duration';
import { isComponentRefCopy } from './lib/resilience';
import type { JsonPathArray } from './lib/webhooks';

export interface ResilienceTimeoutOptions {
  /** Longest allowed timeout (duration). */
  max: string;
}

/**
 * `resilience-timeout`: every `x-timeout` (root, path item, op, webhook op, AsyncAPI
 * operation/channel) and `x-integrations[*].timeout` is a duration ≤ max.
 * Given: every timeout location.
 */
export const resilienceTimeout = defineFunction<unknown, ResilienceTimeoutOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { max: { type: 'string', pattern: DURATION_PATTERN } },
    },
  },
  function resilienceTimeout(value, options, context): IFunctionResult[] {
    const path = context.path as JsonPathArray;
    if (value === undefined) return [];
    if (isComponentRefCopy(context.document.data, path)) return [];
    const maxMs = parseDuration(options?.max ?? '30s') ?? 30_000;
    const name = String(path[path.length - 1]);
    const ms = parseDuration(value);
    if (ms === undefined) {
      return [
        {
          message: `\`${name}\` ${JSON.stringify(value) ?? String(value)} is not a duration: write it as \`10s\` or \`PT10S\` (at most ${formatDuration(maxMs)}).`,
          path,
        },
      ];
    }
    if (ms > maxMs) {
      return [
        {
          message: `Timeout ${textOf(value)} is longer than ${formatDuration(maxMs)}: lower \`${name}\` so callers fail fast and free their resources.`,
          path,
        },
      ];
    }
    return [];
  },
);

export default resilienceTimeout;
