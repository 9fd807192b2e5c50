import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { declaredTypes, headerSchema, isRateLimitExempt, operationTarget, responseEntries, responseHeader } from './lib/rate-limits';

/**
 * `rate-limit-retry-after`: every 429 response declares a `Retry-After` header; 503
 * responses should too. A declared Retry-After has an integer (delay-seconds) or string
 * (HTTP-date) schema. Given: operations under `paths`. Results at the response (missing
 * header) or at the header's schema (wrong type).
 */
export const rateLimitRetryAfter = defineFunction<unknown, null>(
  { input: null, options: null },
  function rateLimitRetryAfter(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || isRateLimitExempt(target)) return [];
    const results: IFunctionResult[] = [];
    for (const [code, response] of responseEntries(target.operation)) {
      if (code !== '429' && code !== '503') continue;
      const responsePath = [...target.path, 'responses', code];
      const found = responseHeader(response, 'Retry-After');
      if (!found) {
        results.push({
          message:
            code === '429'
              ? 'The 429 response declares no Retry-After header: add `Retry-After` (integer seconds or an HTTP-date string) so clients know when to retry.'
              : 'The 503 response declares no Retry-After header (recommended): add `Retry-After` (integer seconds or an HTTP-date string) so clients back off until the service is available again.',
          path: responsePath,
        });
        continue;
      }
      const [name, header] = found;
      const schema = headerSchema(header);
      if (!schema) continue;
      const types = declaredTypes(schema.schema, target.root);
      if (!types || types.has('integer') || types.has('string')) continue;
      results.push({
        message: `The ${code} response's Retry-After header has a ${[...types].join('/')} schema: use \`type: integer\` (delay in seconds) or \`type: string\` (HTTP-date).`,
        path: [...responsePath, 'headers', name, ...schema.path],
      });
    }
    return results;
  },
);

export default rateLimitRetryAfter;
