/**
 * Domain "idempotency" of the rule catalog (../shared/spec/rule-catalog.md). Every rule of the domain
 * is declared here by its catalog id; its function lives in functions/.
 */
import { oas3 } from '@stoplight/spectral-formats';
import { idempotencyKeyOnSafeMethod } from '../functions/idempotencyKeyOnSafeMethod';
import { idempotencyKeyRequired } from '../functions/idempotencyKeyRequired';
import { idempotencyKeySchema } from '../functions/idempotencyKeySchema';
import { idempotencyPolicy } from '../functions/idempotencyPolicy';
import { idempotencyResponses } from '../functions/idempotencyResponses';
import { X_IDEMPOTENCY_GIVEN } from '../functions/lib/idempotency';
import { OPERATIONS_GIVEN, type HttpMethod } from '../functions/lib/openapi';
import { composeRuleset } from './compose';
import { defineRule } from './types';

export const DEFAULT_CRITICAL_PATTERN =
  'payment|charge|order|refund|transfer|transaction|invoice|payout|subscription|checkout';

export const idempotencyKeyRequiredRule = defineRule({
  id: 'idempotency-key-required',
  domain: 'idempotency',
  severity: 'error',
  description:
    'A critical operation (POST or PATCH whose path, operationId or tags match the critical pattern, or whose effective `x-idempotency.required` is true) declares a required `Idempotency-Key` header parameter.',
  rationale:
    'Retrying a payment, an order or a transfer after a timeout must not execute it twice. A critical operation takes a required `Idempotency-Key` header (path-level parameters count; the name compares case-insensitively) and the server replays the stored response for a repeated key.\n\n' +
    'An operation is critical when its method is in `methods` and either its effective `x-idempotency.required` (operation, then root) is `true`, or its path, operationId or one of its tags matches `criticalPattern` (case-insensitive). An operation that sets `x-idempotency: {required: false}` itself is explicitly not critical, even when the pattern matches (an opt-out for e.g. `POST /orders/search`); `required: false` at the root does not override the pattern. The result is reported at the operation when the header is missing, and at the parameter when it is optional or not `in: header`.',
  defaults: {
    criticalPattern: DEFAULT_CRITICAL_PATTERN,
    methods: ['post', 'patch'] as HttpMethod[],
    header: 'Idempotency-Key',
  },
  build: (options) => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: {
      function: idempotencyKeyRequired,
      functionOptions: { criticalPattern: options.criticalPattern, methods: options.methods, header: options.header },
    },
  }),
});

export const idempotencyKeySchemaRule = defineRule({
  id: 'idempotency-key-schema',
  domain: 'idempotency',
  severity: 'warn',
  description: 'An `Idempotency-Key` parameter is `in: header`, with a `type: string` schema and a `maxLength` of at most 255.',
  rationale:
    'Servers store and index idempotency keys; an unbounded or non-string key is a storage and abuse risk, and a key outside the headers is not what clients and proxies expect. Declare `in: header`, `schema: {type: string, maxLength: 255}` (or less: a UUID is 36 characters). The result is reported at the parameter (operation-level, path-level, or the `components/parameters` entry it references), naming every problem.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: idempotencyKeySchema },
  }),
});

export const idempotencyResponsesRule = defineRule({
  id: 'idempotency-responses',
  domain: 'idempotency',
  severity: 'warn',
  description:
    'An operation that accepts `Idempotency-Key` documents 409 (request in progress) and 422 (key reused with a different payload), and 400 if the key is required.',
  rationale:
    'Idempotency keys introduce their own failure modes: a concurrent retry while the first request is still running (409 Conflict), a key reused with a different body (422 Unprocessable Content), and a missing or malformed required key (400 Bad Request). Document them so clients handle them. One result at the operation names every missing response.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: idempotencyResponses },
  }),
});

export const idempotencyKeyOnSafeMethodRule = defineRule({
  id: 'idempotency-key-on-safe-method',
  domain: 'idempotency',
  severity: 'info',
  description: 'GET, HEAD, OPTIONS, PUT and DELETE operations do not take an `Idempotency-Key` header.',
  rationale:
    'These methods are idempotent by definition (RFC 9110), so a key adds nothing but confusion. Remove the header there; a path-level `Idempotency-Key` that also applies to them belongs on the POST/PATCH operations instead. The result is reported at the parameter.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: idempotencyKeyOnSafeMethod },
  }),
});

export const idempotencyPolicyRule = defineRule({
  id: 'idempotency-policy',
  domain: 'idempotency',
  severity: 'warn',
  description: 'Every `x-idempotency` (root, operation) matches `schemas/x-idempotency.schema.json`, and its `ttl` is at least `minTtl` (24h).',
  rationale:
    '`x-idempotency` is `{required?: boolean, ttl?: duration}`; durations are ISO 8601 (`P1D`) or `24h`/`7d`. Keys must outlive the clients\' retry horizon: a `ttl` shorter than `minTtl` lets a late retry execute twice. Each problem is reported at the offending field. The same JSON Schema ships in the package for editor validation.',
  defaults: { minTtl: '24h' },
  build: (options) => ({
    formats: [oas3],
    given: X_IDEMPOTENCY_GIVEN,
    then: { function: idempotencyPolicy, functionOptions: { minTtl: options.minTtl } },
  }),
});

export const idempotencyRules = [
  idempotencyKeyRequiredRule,
  idempotencyKeySchemaRule,
  idempotencyResponsesRule,
  idempotencyKeyOnSafeMethodRule,
  idempotencyPolicyRule,
] as const;

/** The /idempotency entry point: this domain's rules with seed conventions. */
export default composeRuleset(idempotencyRules);
