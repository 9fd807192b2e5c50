/**
 * Domain "webhooks" of the rule catalog (../shared/spec/rule-catalog.md): OpenAPI 3.1
 * `webhooks` and OpenAPI 3.x `callbacks`. Every rule of the domain is declared here by its
 * catalog id; its function lives in functions/.
 */
import { oas3 } from '@stoplight/spectral-formats';
import { webhook2xxResponse } from '../functions/webhook2xxResponse';
import { webhookDeliveryPolicy } from '../functions/webhookDeliveryPolicy';
import { webhookPayloadEnvelope } from '../functions/webhookPayloadEnvelope';
import { webhookSignatureAlgorithm } from '../functions/webhookSignatureAlgorithm';
import { webhookSignatureHeader } from '../functions/webhookSignatureHeader';
import { webhookTimestamp } from '../functions/webhookTimestamp';
import { WEBHOOK_OPERATIONS_GIVEN } from '../functions/lib/openapi';
import type { WebhookStyle } from '../functions/lib/webhooks';
import { composeRuleset } from './compose';
import { defineRule } from './types';

export const webhookSignatureHeaderRule = defineRule({
  id: 'webhook-signature-header',
  domain: 'webhooks',
  severity: 'error',
  description: 'Every webhook operation declares its signature header(s) as required header parameters.',
  rationale:
    'A receiver can only trust a delivery it can verify. Seed convention: a required `X-Webhook-Signature` header (or the header named by `x-webhook-signature.header`); Standard Webhooks: required `webhook-id`, `webhook-timestamp` and `webhook-signature`; `either`: one complete set. Header names compare case-insensitively and path-level parameters of the webhook path item count. A missing header is reported at the webhook operation, an optional one at its parameter.',
  defaults: { style: 'seed' as WebhookStyle },
  conventions: (c) => ({ style: c.webhookSignature }),
  build: (options) => ({
    formats: [oas3],
    given: WEBHOOK_OPERATIONS_GIVEN,
    then: { function: webhookSignatureHeader, functionOptions: { style: options.style } },
  }),
});

export const webhookSignatureAlgorithmRule = defineRule({
  id: 'webhook-signature-algorithm',
  domain: 'webhooks',
  severity: 'warn',
  description: 'The webhook signature scheme is stated as HMAC-SHA256 (or ed25519 for Standard Webhooks); SHA-1 and MD5 are insecure.',
  rationale:
    'Receivers need to know how to verify a signature, and SHA-1/MD5 based signatures can be forged. The scheme is stated by `x-webhook-signature.algorithm` (webhook operation, else root) or by the signature header\'s description or schema pattern (`sha256=...`, `v1,...`). ' +
    'The catalog rates SHA-1 and MD5 as errors, but a Spectral rule has exactly one severity (functions cannot set a per-result severity), so this rule stays at `warn` and its message for SHA-1/MD5 starts with "Insecure" and says to treat it as an error; raise the whole rule to `error` in your ruleset if you want CI to fail on it. Each webhook operation gets at most one result; a root declaration is reported once, at the root.',
  defaults: { style: 'seed' as WebhookStyle },
  conventions: (c) => ({ style: c.webhookSignature }),
  build: (options) => ({
    formats: [oas3],
    given: '$',
    then: { function: webhookSignatureAlgorithm, functionOptions: { style: options.style } },
  }),
});

export const webhookTimestampRule = defineRule({
  id: 'webhook-timestamp',
  domain: 'webhooks',
  severity: 'warn',
  description: 'Every webhook operation declares a timestamp header for replay protection.',
  rationale:
    'A signed delivery can be replayed unless the signature covers a timestamp the receiver checks. Declare a header parameter `X-Webhook-Timestamp` (seed) or `webhook-timestamp` (Standard Webhooks), in any letter case, on the operation or its path item, or name the header in `x-webhook-signature.timestampHeader`.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: WEBHOOK_OPERATIONS_GIVEN,
    then: { function: webhookTimestamp },
  }),
});

export const webhookPayloadEnvelopeRule = defineRule({
  id: 'webhook-payload-envelope',
  domain: 'webhooks',
  severity: 'warn',
  description: "The webhook request body schema has the envelope's identity fields.",
  rationale:
    'Receivers deduplicate, route and order deliveries by the envelope. Seed: `event_id`, `event_type`, `timestamp`, `data`; Standard Webhooks: `type`, `timestamp`, `data`; `either`: one complete set. The schema is read through `$ref` and `allOf` (and a field counts when every `oneOf`/`anyOf` branch has it); JSON media types are checked. The result points at the webhook\'s `requestBody` (at the operation when it has none).',
  defaults: { style: 'seed' as WebhookStyle },
  conventions: (c) => ({ style: c.webhookSignature }),
  build: (options) => ({
    formats: [oas3],
    given: WEBHOOK_OPERATIONS_GIVEN,
    then: { function: webhookPayloadEnvelope, functionOptions: { style: options.style } },
  }),
});

export const webhookDeliveryPolicyRule = defineRule({
  id: 'webhook-delivery-policy',
  domain: 'webhooks',
  severity: 'warn',
  description: 'Webhook deliveries have a declared policy (`x-webhook-delivery`, root or operation) with a short timeout and a bounded retry.',
  rationale:
    'A delivery policy tells receivers how long the API waits for their answer and how often it retries. Applies only to documents with webhook operations: each needs an effective `x-webhook-delivery` (its own, else the root\'s) that matches `schemas/x-webhook-delivery.schema.json`, with `timeout` ≤ `maxTimeout` and `retry.maxAttempts` ≤ `maxAttempts`. A missing policy is reported at each webhook operation; a bad value at the offending field.',
  defaults: { maxTimeout: '30s', maxAttempts: 5 },
  build: (options) => ({
    formats: [oas3],
    given: '$',
    then: { function: webhookDeliveryPolicy, functionOptions: { maxTimeout: options.maxTimeout, maxAttempts: options.maxAttempts } },
  }),
});

export const webhook2xxResponseRule = defineRule({
  id: 'webhook-2xx-response',
  domain: 'webhooks',
  severity: 'warn',
  description: 'Every webhook operation documents a 2xx response.',
  rationale:
    'The 2xx response is the receiver\'s acknowledgement: anything else makes the API retry. Document it (`200`, `202`, `204` or `2XX`) on every webhook operation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: WEBHOOK_OPERATIONS_GIVEN,
    then: { function: webhook2xxResponse },
  }),
});

export const webhooksRules = [
  webhookSignatureHeaderRule,
  webhookSignatureAlgorithmRule,
  webhookTimestampRule,
  webhookPayloadEnvelopeRule,
  webhookDeliveryPolicyRule,
  webhook2xxResponseRule,
] as const;

/** The /webhooks entry point: this domain's rules with seed conventions. */
export default composeRuleset(webhooksRules);
