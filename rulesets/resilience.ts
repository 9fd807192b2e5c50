/**
 * Domain "resilience" of the rule catalog (../shared/spec/rule-catalog.md): retry policies,
 * circuit breakers, timeouts and third-party integrations, in OpenAPI 3.x and AsyncAPI 2.x/3.x.
 * Every rule of the domain is declared here by its catalog id; its function lives in functions/.
 */
import { aas2, aas3, oas3 } from '@stoplight/spectral-formats';
import { integrationThirdParty } from '../functions/integrationThirdParty';
import { resilienceCircuitBreaker } from '../functions/resilienceCircuitBreaker';
import { resilienceRetryBackoff } from '../functions/resilienceRetryBackoff';
import { resilienceRetryBounded } from '../functions/resilienceRetryBounded';
import { resilienceRetryNeedsIdempotency } from '../functions/resilienceRetryNeedsIdempotency';
import { resilienceTimeout } from '../functions/resilienceTimeout';
import { CIRCUIT_BREAKER_GIVEN, RETRY_POLICY_GIVEN, TIMEOUT_GIVEN } from '../functions/lib/resilience';
import { HTTP_METHODS } from '../functions/lib/openapi';
import { composeRuleset } from './compose';
import { defineRule } from './types';

const FORMATS = [oas3, aas2, aas3];

export const resilienceRetryBoundedRule = defineRule({
  id: 'resilience-retry-bounded',
  domain: 'resilience',
  severity: 'error',
  description: 'Every retry policy has a finite integer `maxAttempts` no greater than the maximum.',
  rationale:
    'Unbounded retries turn one failure into a retry storm. Every `x-retry-policy` (root, path item, operation, webhook operation, AsyncAPI 2.x channel and publish/subscribe operation, AsyncAPI 3.x operation and channel, and in `components`), every `x-integrations[*].retryPolicy` and every `x-webhook-delivery.retry` needs `maxAttempts` from 1 to `maxAttempts` (schemas/x-retry-policy.schema.json). Missing, 0, negative, -1 and "infinite" are errors, reported at `maxAttempts` (at the policy when it is missing). `false` (no retries) is accepted.',
  defaults: { maxAttempts: 5 },
  build: (options) => ({
    formats: FORMATS,
    given: RETRY_POLICY_GIVEN,
    then: { function: resilienceRetryBounded, functionOptions: { maxAttempts: options.maxAttempts } },
  }),
});

export const resilienceRetryBackoffRule = defineRule({
  id: 'resilience-retry-backoff',
  domain: 'resilience',
  severity: 'warn',
  description: 'Every retry policy uses exponential backoff with a jitter in (0, 0.5].',
  rationale:
    'Fixed or linear retries hammer a recovering dependency, and retries without jitter arrive in waves. Use `backoff: exponential` and a `jitter` fraction in (0, 0.5] (seed: 1s, 2s, 4s, 8s, 16s, ±10%). Applies wherever resilience-retry-bounded does; a policy with `maxAttempts: 1` never retries and is skipped.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: RETRY_POLICY_GIVEN,
    then: { function: resilienceRetryBackoff },
  }),
});

export const resilienceCircuitBreakerRule = defineRule({
  id: 'resilience-circuit-breaker',
  domain: 'resilience',
  severity: 'warn',
  description: 'Every `x-circuit-breaker` matches its schema, and an operation or integration that retries has a circuit breaker.',
  rationale:
    'Retries without a circuit breaker keep calling a dependency that is down. Every `x-circuit-breaker` (and `x-integrations[*].circuitBreaker`) must match schemas/x-circuit-breaker.schema.json; an OpenAPI operation declaring `x-retry-policy` needs an effective breaker (its own, its path item\'s or the root\'s), an integration with `retryPolicy` needs `circuitBreaker` (or a root `x-circuit-breaker`), and a root `x-retry-policy` that operations inherit needs a root breaker.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: [
      ...CIRCUIT_BREAKER_GIVEN,
      "$['x-retry-policy']",
      `$.paths[*][${HTTP_METHODS.join(',')}]`,
      "$['x-integrations'][*]",
    ],
    then: { function: resilienceCircuitBreaker },
  }),
});

export const resilienceRetryNeedsIdempotencyRule = defineRule({
  id: 'resilience-retry-needs-idempotency',
  domain: 'resilience',
  severity: 'warn',
  description: 'A POST or PATCH operation with an effective retry policy requires the `Idempotency-Key` header.',
  rationale:
    'Retrying a non-idempotent request can apply it twice (two charges, two orders). When a POST or PATCH operation is retried (its own `x-retry-policy`, else its path item\'s, else the root\'s, with `maxAttempts` other than 1), it must declare a required `Idempotency-Key` header parameter (any letter case; path-level parameters count).',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: '$.paths[*][post,patch]',
    then: { function: resilienceRetryNeedsIdempotency },
  }),
});

export const resilienceTimeoutRule = defineRule({
  id: 'resilience-timeout',
  domain: 'resilience',
  severity: 'warn',
  description: 'Every `x-timeout` is a duration no longer than the maximum.',
  rationale:
    'Long timeouts hold threads and connections while a dependency hangs. Every `x-timeout` (root, path item, operation, webhook operation, AsyncAPI operation and channel) and `x-integrations[*].timeout` must be a duration (`10s`, `PT10S`) of at most `max`.',
  defaults: { max: '30s' },
  build: (options) => ({
    formats: FORMATS,
    given: TIMEOUT_GIVEN,
    then: { function: resilienceTimeout, functionOptions: { max: options.max } },
  }),
});

export const integrationThirdPartyRule = defineRule({
  id: 'integration-third-party',
  domain: 'resilience',
  severity: 'warn',
  description: 'Every `x-integrations` entry states its purpose, auth, rate limit, retry policy, circuit breaker and fallback.',
  rationale:
    'A third-party dependency without a stated limit, retry policy, breaker and fallback fails in surprising ways. Each `x-integrations[*]` entry (OpenAPI or AsyncAPI root) gets one result, at the entry, naming every missing field; present fields must match schemas/x-integrations.schema.json (its `rateLimit` is an `x-rate-limit`).',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: "$['x-integrations']",
    then: { function: integrationThirdParty },
  }),
});

export const resilienceRules = [
  resilienceRetryBoundedRule,
  resilienceRetryBackoffRule,
  resilienceCircuitBreakerRule,
  resilienceRetryNeedsIdempotencyRule,
  resilienceTimeoutRule,
  integrationThirdPartyRule,
] as const;

/** The /resilience entry point: this domain's rules with seed conventions. */
export default composeRuleset(resilienceRules);
