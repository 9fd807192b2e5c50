/**
 * Domain "events" of the rule catalog (../shared/spec/rule-catalog.md): AsyncAPI 2.x and 3.x
 * messages (`components.messages.*` and every inline message). Every rule of the domain is
 * declared here by its catalog id; its function lives in functions/.
 */
import { aas2, aas3 } from '@stoplight/spectral-formats';
import { eventConsumers } from '../functions/eventConsumers';
import { eventCorrelationId } from '../functions/eventCorrelationId';
import { eventDeliveryGuarantee } from '../functions/eventDeliveryGuarantee';
import { eventDlq } from '../functions/eventDlq';
import { eventDocumented } from '../functions/eventDocumented';
import { eventEnvelope, type EnvelopeStyle } from '../functions/eventEnvelope';
import { eventEnvelopeTypes } from '../functions/eventEnvelopeTypes';
import { DEFAULT_IRREGULAR_PAST, eventName } from '../functions/eventName';
import { eventProducer } from '../functions/eventProducer';
import { eventVersioned } from '../functions/eventVersioned';
import { MESSAGE_GIVEN } from '../functions/lib/asyncapi';
import { composeRuleset } from './compose';
import { defineRule } from './types';

const FORMATS = [aas2, aas3];

export const eventEnvelopeRule = defineRule({
  id: 'event-envelope',
  domain: 'events',
  severity: 'error',
  description: 'Every message payload requires the event envelope fields (seed envelope or CloudEvents 1.0).',
  rationale:
    'A common envelope lets every consumer deduplicate (`event_id`), route (`event_type`), handle versions (`event_version`), order (`timestamp`), trace (`correlation_id`) and attribute (`source`) an event without knowing its `data`. The fields must be listed in the payload\'s `required` (an `allOf` of a shared envelope schema counts). The `/standards` preset expects a CloudEvents 1.0 event instead: `id`, `source`, `specversion` and `type` required in the payload (structured mode), or `ce_id`/`ce-id`, `ce_source`, `ce_specversion`, `ce_type` required in the message headers (binary mode).',
  defaults: { style: 'seed' as EnvelopeStyle },
  conventions: (c) => ({ style: c.eventEnvelope }),
  build: (options) => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventEnvelope, functionOptions: { style: options.style } },
  }),
});

export const eventEnvelopeTypesRule = defineRule({
  id: 'event-envelope-types',
  domain: 'events',
  severity: 'warn',
  description: 'Envelope fields have the right types (string ids and types, date-time timestamps, object data/metadata, specversion "1.0").',
  rationale:
    'Consumers parse the envelope before they look at `data`: ids and types are strings, `event_id` a UUID, `timestamp` (CloudEvents `time`) an RFC 3339 `date-time`, `data` and `metadata` objects, and a CloudEvents `specversion` is pinned to `"1.0"` (const or enum). In binary mode the `ce_*` headers are checked the same way.',
  defaults: { style: 'seed' as EnvelopeStyle },
  conventions: (c) => ({ style: c.eventEnvelope }),
  build: (options) => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventEnvelopeTypes, functionOptions: { style: options.style } },
  }),
});

export const eventNameRule = defineRule({
  id: 'event-name',
  domain: 'events',
  severity: 'warn',
  description: 'Event names are PascalCase past tense (OrderPlaced) or dotted lowercase domain.action[.vN] (order.placed.v1).',
  rationale:
    'An event records something that happened, so it is named in the past tense. The name is the message key in AsyncAPI 3.x, and `name` (else `messageId`) in 2.x. Past tense means the last word ends in -ed or is a known irregular past form (`irregular`, also behind re-, pre-, over-, under-, mis- or un-: `InvoicePrepaid`); a phrasal verb\'s particle may follow it (`UserSignedUp`, `order.picked_up`). Names in `allow` are accepted as they are.',
  defaults: { irregular: [...DEFAULT_IRREGULAR_PAST] as string[], allow: [] as string[] },
  build: (options) => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventName, functionOptions: { irregular: options.irregular, allow: options.allow } },
  }),
});

export const eventVersionedRule = defineRule({
  id: 'event-versioned',
  domain: 'events',
  severity: 'warn',
  description: 'Every event declares its version (a .vN suffix, an event_version const/enum, or a CloudEvents type/dataschema version).',
  rationale:
    'Consumers must know which shape of an event they receive before the producer changes it. Declare the version in the name or type (`order.placed.v1`), pin `event_version` with `const`/`enum`, or, for CloudEvents, put it in `type` or `dataschema`.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventVersioned },
  }),
});

export const eventDocumentedRule = defineRule({
  id: 'event-documented',
  domain: 'events',
  severity: 'warn',
  description: 'Every message has a summary or description, and a payload schema.',
  rationale:
    'Consumers discover events from the AsyncAPI document: each message says what happened and when it is emitted (`summary` or `description`, its own or from a trait) and declares its `payload`.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventDocumented },
  }),
});

export const eventProducerRule = defineRule({
  id: 'event-producer',
  domain: 'events',
  severity: 'warn',
  description: 'Every message has a producer: a send operation that carries it (2.x: any operation) or x-producer.',
  rationale:
    'Who emits an event must be known to debug it and to plan changes. In AsyncAPI 3.x a `send` operation that carries the message (or a `receive` operation\'s reply) makes the application the producer; in 2.x any operation that carries it counts; otherwise name the producing service with `x-producer`.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: '$',
    then: { function: eventProducer },
  }),
});

export const eventConsumersRule = defineRule({
  id: 'event-consumers',
  domain: 'events',
  severity: 'warn',
  description: 'Every message names its consumers: x-consumers (non-empty) or, in 3.x, a receive operation that carries it.',
  rationale:
    'A producer can only change or retire an event safely when it knows who consumes it. List the consuming services in `x-consumers`; in AsyncAPI 3.x a `receive` operation that carries the message (or a `send` operation\'s reply) counts as well.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: '$',
    then: { function: eventConsumers },
  }),
});

export const eventDeliveryGuaranteeRule = defineRule({
  id: 'event-delivery-guarantee',
  domain: 'events',
  severity: 'warn',
  description: 'Every message declares its delivery guarantee (x-delivery-guarantee on it, its operation or channel, or a binding that fixes it).',
  rationale:
    'Consumers must know whether they can see an event twice (at-least-once: be idempotent), never (at-most-once) or exactly once. Declare `x-delivery-guarantee` on the message, or on an operation or channel that carries it; an MQTT `qos` (0, 1, 2) or an SQS/SNS binding (at-least-once) fixes it too.',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: '$',
    then: { function: eventDeliveryGuarantee },
  }),
});

export const eventCorrelationIdRule = defineRule({
  id: 'event-correlation-id',
  domain: 'events',
  severity: 'warn',
  description: 'Every message declares correlationId.location, pointing at a property of its headers or payload.',
  rationale:
    'A correlation id ties the events of one business transaction together across services. `correlationId.location` is a runtime expression, `$message.header#/<pointer>` or `$message.payload#/<pointer>`, and must point at a property the headers or payload schema declares (through `$ref` and `allOf`).',
  defaults: {},
  build: () => ({
    formats: FORMATS,
    given: MESSAGE_GIVEN,
    then: { function: eventCorrelationId },
  }),
});

export const eventDlqRule = defineRule({
  id: 'event-dlq',
  domain: 'events',
  severity: 'warn',
  description: 'Every consuming operation of at-least-once messages declares a dead-letter queue (x-dlq, SQS redrive/DLQ, SNS consumer redrivePolicy).',
  rationale:
    'At-least-once consumers retry; a message that keeps failing must go somewhere it can be inspected and replayed instead of blocking the queue or being dropped. Declare `x-dlq` (with `retention` of at least `minRetention` and an `alertThreshold` of at most `maxAlertThreshold`) on the consuming operation (3.x `receive`, 2.x `publish`) or its channel, or an SQS `deadLetterQueue`/`redrivePolicy` or SNS consumer `redrivePolicy` binding.',
  defaults: { minRetention: '14d', maxAlertThreshold: 10 },
  build: (options) => ({
    formats: FORMATS,
    given: ['$.operations[*]', '$.channels[*].publish'],
    then: {
      function: eventDlq,
      functionOptions: { minRetention: options.minRetention, maxAlertThreshold: options.maxAlertThreshold },
    },
  }),
});

export const eventsRules = [
  eventEnvelopeRule,
  eventEnvelopeTypesRule,
  eventNameRule,
  eventVersionedRule,
  eventDocumentedRule,
  eventProducerRule,
  eventConsumersRule,
  eventDeliveryGuaranteeRule,
  eventCorrelationIdRule,
  eventDlqRule,
] as const;

/** The /events entry point: this domain's rules with seed conventions. */
export default composeRuleset(eventsRules);
