import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject } from './lib/guards';
import {
  declaredTypes,
  headerSchema,
  isRateLimitExempt,
  isSuccessStatus,
  operationTarget,
  responseEntries,
  responseHeader,
  type Path,
} from './lib/rate-limits';

export type RateLimitHeaderStyle = 'x-ratelimit' | 'ietf' | 'either';

export interface RateLimitHeadersOptions {
  style: RateLimitHeaderStyle;
}

interface HeaderSet {
  label: string;
  headers: readonly string[];
  type: 'integer' | 'string';
}

export const X_RATELIMIT_HEADERS: HeaderSet = {
  label: 'X-RateLimit-*',
  headers: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  type: 'integer',
};

export const IETF_RATELIMIT_HEADERS: HeaderSet = {
  label: 'IETF RateLimit',
  headers: ['RateLimit', 'RateLimit-Policy'],
  type: 'string',
};

const SETS: Record<RateLimitHeaderStyle, HeaderSet[]> = {
  'x-ratelimit': [X_RATELIMIT_HEADERS],
  ietf: [IETF_RATELIMIT_HEADERS],
  either: [X_RATELIMIT_HEADERS, IETF_RATELIMIT_HEADERS],
};

const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * `rate-limit-headers`: every 2xx and 429 response of an operation (not exempt by
 * `x-rate-limit: false`) declares the rate-limit headers of the chosen style, with the
 * right schema type. One result per response naming every missing header (at the
 * response), and one per header with a wrong schema type (at its schema).
 * Given: operations under `paths`.
 */
export const rateLimitHeaders = defineFunction<unknown, RateLimitHeadersOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { style: { enum: ['x-ratelimit', 'ietf', 'either'] } },
      required: ['style'],
      additionalProperties: false,
    },
  },
  function rateLimitHeaders(targetVal, options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || isRateLimitExempt(target)) return [];
    const sets = SETS[options?.style] ?? SETS['x-ratelimit'];
    const results: IFunctionResult[] = [];
    for (const [code, response] of responseEntries(target.operation)) {
      if (!isSuccessStatus(code) && code !== '429') continue;
      const responsePath: Path = [...target.path, 'responses', code];
      const status = sets.map((set) => ({
        set,
        found: set.headers.map((name) => ({ name, found: responseHeader(response, name) })),
      }));
      const complete = status.find((s) => s.found.every((f) => f.found));
      if (!complete) {
        const message =
          status.length === 1
            ? `The ${code} response does not declare the rate-limit header${status[0].found.filter((f) => !f.found).length > 1 ? 's' : ''} ${list(status[0].found.filter((f) => !f.found).map((f) => f.name))}: add ${status[0].set.type} header${status[0].set.headers.length > 1 ? 's' : ''} ${list([...status[0].set.headers])} so clients can pace their requests.`
            : `The ${code} response declares no complete set of rate-limit headers: add ${status
                .map((s) => `${list([...s.set.headers])} (${s.set.type}; missing ${list(s.found.filter((f) => !f.found).map((f) => f.name))})`)
                .join(', or ')}.`;
        results.push({ message, path: responsePath });
        continue;
      }
      for (const { found } of complete.found) {
        if (!found) continue;
        const [name, header] = found;
        if (!isObject(header)) continue;
        const schema = headerSchema(header);
        if (!schema) continue;
        const types = declaredTypes(schema.schema, target.root);
        if (!types || types.has(complete.set.type)) continue;
        results.push({
          message: `The ${name} header has a ${[...types].join('/')} schema: declare \`type: ${complete.set.type}\`${complete.set.type === 'integer' ? '' : ' (a structured field value)'}.`,
          path: [...responsePath, 'headers', name, ...schema.path],
        });
      }
    }
    return results;
  },
);

export default rateLimitHeaders;
