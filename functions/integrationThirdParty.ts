import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isArray, isNonEmptyString, isObject } from './lib/guards';
import { problemsToResults, schemaProblems, validators } from './lib/resilience';
import type { JsonPathArray } from './lib/webhooks';

/** What every integration must state, and how "stated" is recognised. */
const REQUIRED: { field: string; stated: (v: unknown) => boolean }[] = [
  { field: 'purpose', stated: isNonEmptyString },
  { field: 'auth', stated: (v) => isNonEmptyString(v) || (isObject(v) && Object.keys(v).length > 0) },
  { field: 'rateLimit', stated: (v) => isObject(v) || v === false },
  { field: 'retryPolicy', stated: (v) => isObject(v) || v === false },
  { field: 'circuitBreaker', stated: (v) => isObject(v) || v === false },
  { field: 'fallback', stated: isNonEmptyString },
];

const HINT = 'see schemas/x-integrations.schema.json';

/**
 * `integration-third-party`: every `x-integrations[*]` entry states purpose, auth, a rate
 * limit, a retry policy, a circuit breaker and a fallback: one result per entry, at the
 * entry, naming every missing field; present fields are validated against
 * schemas/x-integrations.schema.json (retryPolicy, circuitBreaker and timeout are left to
 * the resilience-retry-*, resilience-circuit-breaker and resilience-timeout rules).
 * Given: `$['x-integrations']`.
 */
export const integrationThirdParty = defineFunction<unknown, null>(
  { input: null, options: null },
  function integrationThirdParty(list, _options, context): IFunctionResult[] {
    const path = context.path as JsonPathArray;
    if (list === undefined) return [];
    if (!isArray(list)) {
      return [
        {
          message: '`x-integrations` must be a list of integrations (`- name: ..., kind: ..., purpose: ..., auth: ..., rateLimit: ..., retryPolicy: ..., circuitBreaker: ..., fallback: ...`).',
          path,
        },
      ];
    }
    const results: IFunctionResult[] = [];
    list.forEach((entry, index) => {
      const at = [...path, index];
      if (!isObject(entry)) {
        results.push({
          message: `\`x-integrations[${index}]\` must be an object with name, kind, purpose, auth, rateLimit, retryPolicy, circuitBreaker and fallback.`,
          path: at,
        });
        return;
      }
      const label = isNonEmptyString(entry.name) ? `Integration "${entry.name}"` : `Integration #${index + 1}`;
      const missing = REQUIRED.filter(({ field, stated }) => !stated(entry[field])).map(({ field }) => field);
      if (missing.length > 0) {
        results.push({
          message: `${label} does not state ${missing.map((f) => `\`${f}\``).join(', ')}: document ${missing.length > 1 ? 'them' : 'it'} so operators know how the dependency is called, limited and what happens when it fails.`,
          path: at,
        });
      }
      const problems = schemaProblems(validators.integration, entry, `x-integrations[${index}]`, (p, error) => {
        if (p.length === 0) return error.keyword === 'type';
        if (['retryPolicy', 'circuitBreaker', 'timeout'].includes(String(p[0]))) return false;
        if (REQUIRED.some((r) => r.field === p[0]) && !has(entry, String(p[0]))) return false;
        if (p[0] === 'rateLimit' && entry.rateLimit === false) return false;
        return true;
      });
      // Fields already named as missing (e.g. an empty purpose) are not reported twice.
      results.push(...problemsToResults(problems.filter((p) => !missing.includes(String(p.path[0]))), at, HINT));
    });
    return results;
  },
);

export default integrationThirdParty;
