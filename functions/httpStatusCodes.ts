import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isInteger, isObject, isString, keysOf } from './lib/guards';
import { operationLocation } from './lib/openapi';
import { isBehindRef, isRangeKey, responsesOf } from './lib/rest';

export interface HttpStatusCodesOptions {
  /** Status codes an API may document (integers, or range strings such as "4XX"). */
  allowed: (number | string)[];
}

interface AllowedSet {
  allowed: Set<string>;
  /** First digits of the allowed codes: a range key `4XX` is fine when some 4xx is allowed. */
  classes: Set<string>;
  list: string;
}

const allowedSets = new WeakMap<object, AllowedSet>();

/** The allowed codes, upper-cased, per options object (Spectral passes the same one to every call). */
function allowedSet(options: HttpStatusCodesOptions | null | undefined): AllowedSet {
  const cached = options ? allowedSets.get(options) : undefined;
  if (cached) return cached;
  const allowed = new Set<string>();
  for (const code of options?.allowed ?? []) {
    if (isInteger(code)) allowed.add(String(code));
    else if (isString(code)) allowed.add(code.toUpperCase());
  }
  const set = { allowed, classes: new Set([...allowed].map((c) => c.charAt(0))), list: [...allowed].join(', ') };
  if (options) allowedSets.set(options, set);
  return set;
}

/**
 * `http-status-codes`: every response key of an operation is an allowed status code or
 * `default`. A range key (`4XX`) is accepted when it is listed itself or the allowed set has a
 * code of that class (it documents those codes generically, like `default`); `x-` extension
 * keys are ignored. Given: the operations under `paths`; one result per offending response.
 */
export const httpStatusCodes = defineFunction<unknown, HttpStatusCodesOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowed: {
          type: 'array',
          items: {
            anyOf: [
              { type: 'integer', minimum: 100, maximum: 599 },
              { type: 'string', pattern: '^([1-5][0-9][0-9]|[1-5][Xx][Xx])$' },
            ],
          },
        },
      },
    },
  },
  function httpStatusCodes(operation, options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location) return [];
    const responses = responsesOf(operation);
    if (!responses) return [];
    const { allowed, classes, list } = allowedSet(options);
    const results: IFunctionResult[] = [];
    for (const key of keysOf(responses)) {
      const k = key.trim().toUpperCase();
      if (k === 'DEFAULT' || k.startsWith('X-')) continue;
      if (allowed.has(k)) continue;
      if (isRangeKey(k) && classes.has(k.charAt(0))) continue;
      results.push({
        message: `${location.method.toUpperCase()} ${location.pathKey} documents status ${key}, which is not in the allowed set (${list}); use one of those codes, or add ${key} to the rule's \`allowed\` option.`,
        // A `$ref`'d response would be reported at its component; the key belongs to the operation.
        path: isBehindRef(context, [...context.path, 'responses', key])
          ? [...context.path, 'responses']
          : [...context.path, 'responses', key],
      });
    }
    return results;
  },
);

export default httpStatusCodes;
