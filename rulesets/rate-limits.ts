/**
 * Domain "rate-limits" of the rule catalog (../shared/spec/rule-catalog.md). Every rule of the domain
 * is declared here by its catalog id; its function lives in functions/.
 */
import { oas3 } from '@stoplight/spectral-formats';
import { rateLimit429 } from '../functions/rateLimit429';
import { rateLimitErrorBody, type ErrorFormat } from '../functions/rateLimitErrorBody';
import { rateLimitHeaders, type RateLimitHeaderStyle } from '../functions/rateLimitHeaders';
import { rateLimitPolicy, X_RATE_LIMIT_GIVEN } from '../functions/rateLimitPolicy';
import { rateLimitRetryAfter } from '../functions/rateLimitRetryAfter';
import { OPERATIONS_GIVEN } from '../functions/lib/openapi';
import { composeRuleset } from './compose';
import { defineRule } from './types';

export const rateLimit429Rule = defineRule({
  id: 'rate-limit-429',
  domain: 'rate-limits',
  severity: 'warn',
  description: 'Every operation documents a 429 (Too Many Requests) response, unless its effective `x-rate-limit` is `false`.',
  rationale:
    'Clients can only handle throttling they know about. Document a 429 response on every operation (with `Retry-After` and an error body), or mark an operation that is not rate limited with `x-rate-limit: false` (on the operation, its path item, or the root for the whole API). Applies to operations under `paths`, not to webhook or callback operations. The result is reported at the operation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: rateLimit429 },
  }),
});

export const rateLimitRetryAfterRule = defineRule({
  id: 'rate-limit-retry-after',
  domain: 'rate-limits',
  severity: 'error',
  description:
    'Every 429 response (and every 503 response, recommended) declares a `Retry-After` header with an integer (seconds) or string (HTTP-date) schema.',
  rationale:
    'Without `Retry-After` clients guess when to retry and make the overload worse. Declare the header on every 429 response, as `type: integer` (delay in seconds) or `type: string` (HTTP-date); a `Retry-After` with any other schema type is reported at its schema.\n\n' +
    'The catalog also recommends `Retry-After` on 503 responses (at warn level). Spectral gives a rule a single severity, so this rule reports a 503 without `Retry-After` under the same id and severity, with a message that says it is a recommendation; a document with a 503 response either declares `Retry-After` on it or lowers this rule (e.g. `rate-limit-retry-after: warn`). Operations exempt with `x-rate-limit: false` are not checked.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: rateLimitRetryAfter },
  }),
});

export const rateLimitHeadersRule = defineRule({
  id: 'rate-limit-headers',
  domain: 'rate-limits',
  severity: 'warn',
  description:
    'Every 2xx and 429 response declares the rate-limit headers: `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (integer), or IETF `RateLimit` and `RateLimit-Policy` (string).',
  rationale:
    'Rate-limit headers let clients pace themselves before they are throttled. `style: x-ratelimit` (default preset) wants `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` with integer schemas; `style: ietf` (`/standards`) wants the IETF `RateLimit` and `RateLimit-Policy` fields with string schemas; `style: either` accepts one complete set. One result per response names every missing header; a header with the wrong schema type is reported at its schema. Operations exempt with `x-rate-limit: false` are not checked.',
  defaults: { style: 'x-ratelimit' as RateLimitHeaderStyle },
  conventions: (c) => ({ style: c.rateLimitHeaders }),
  build: (options) => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: rateLimitHeaders, functionOptions: { style: options.style } },
  }),
});

export const rateLimitErrorBodyRule = defineRule({
  id: 'rate-limit-error-body',
  domain: 'rate-limits',
  severity: 'warn',
  description:
    'A 429 response body carries an error `code`, a `message` and `retry_after` (seed), or is RFC 9457 `application/problem+json` with `type`, `title`, `status` (problem-json).',
  rationale:
    'A machine-readable 429 body lets clients tell throttling apart from other errors and schedule the retry. `format: seed` (default preset) wants a JSON schema declaring `code`, `message` and `retry_after` (an `error: {code, message}` envelope counts too); `format: problem-json` (`/standards`) wants `application/problem+json` with `type`, `title` and `status`; `format: either` accepts both. Properties are read through `$ref` and `allOf`. Operations exempt with `x-rate-limit: false` are not checked.',
  defaults: { format: 'seed' as ErrorFormat },
  conventions: (c) => ({ format: c.errorFormat }),
  build: (options) => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: rateLimitErrorBody, functionOptions: { format: options.format } },
  }),
});

export const rateLimitPolicyRule = defineRule({
  id: 'rate-limit-policy',
  domain: 'rate-limits',
  severity: 'error',
  description: 'Every `x-rate-limit` (root, path item, operation) matches `schemas/x-rate-limit.schema.json`.',
  rationale:
    '`x-rate-limit` is `false` (not rate limited) or `{limit: integer > 0, window: duration, scope: ip|user|client|admin|webhook, burst?: integer > 0}`; durations are ISO 8601 (`PT1M`) or `1m`/`60s`/`1h`. Each problem is reported at the offending field (or the unknown property), so editors can underline it. The same JSON Schema ships in the package for editor validation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: X_RATE_LIMIT_GIVEN,
    then: { function: rateLimitPolicy },
  }),
});

export const rateLimitsRules = [
  rateLimit429Rule,
  rateLimitRetryAfterRule,
  rateLimitHeadersRule,
  rateLimitErrorBodyRule,
  rateLimitPolicyRule,
] as const;

/** The /rate-limits entry point: this domain's rules with seed conventions. */
export default composeRuleset(rateLimitsRules);
