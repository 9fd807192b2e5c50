import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import {
  findViewProperty,
  mergeViews,
  messageHeaders,
  messagePayload,
  messageTarget,
  schemaView,
  viewRequires,
  type EventsContext,
  type SchemaView,
} from './lib/asyncapi';

export type EnvelopeStyle = 'seed' | 'cloudevents';

export interface EventEnvelopeOptions {
  style?: EnvelopeStyle;
}

/** The seed envelope: every event carries these fields in its payload. */
export const SEED_ENVELOPE_FIELDS = [
  'event_id',
  'event_type',
  'event_version',
  'timestamp',
  'source',
  'correlation_id',
  'data',
  'metadata',
] as const;

/** CloudEvents 1.0 required context attributes. */
export const CLOUDEVENTS_REQUIRED = ['id', 'source', 'specversion', 'type'] as const;

/** Header names of a CloudEvents attribute in binary mode (Kafka `ce_`, HTTP `ce-`, AMQP/MQTT `cloudEvents:`). */
export function cloudEventsHeaderNames(attribute: string): string[] {
  return [`ce_${attribute}`, `ce-${attribute}`, `cloudEvents:${attribute}`, `cloudEvents_${attribute}`];
}

/** The header view of a message (own headers and traits' headers), or undefined when it has none. */
export function headerView(message: Record<string, unknown>, path: (string | number)[], root: unknown) {
  const reads = messageHeaders(message, path, root);
  const json = reads.filter((r): r is Extract<typeof r, { kind: 'json' }> => r.kind === 'json');
  if (json.length === 0) return undefined;
  return { view: mergeViews(json.map((r) => schemaView(r.schema, r.path, root))), path: json[0].path, opaque: json.length < reads.length };
}

function missingStructured(view: SchemaView): string[] {
  return CLOUDEVENTS_REQUIRED.filter((f) => !view.required.has(f));
}

function missingBinary(view: SchemaView): string[] {
  return CLOUDEVENTS_REQUIRED.filter((f) => !viewRequires(view, cloudEventsHeaderNames(f), true));
}

/**
 * `event-envelope`: the payload requires the envelope fields (seed), or the message is a
 * CloudEvent in structured mode (payload requires id, source, specversion, type) or binary mode
 * (headers require ce_id/ce-id, ce_source, ce_specversion, ce_type).
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventEnvelope = defineFunction<unknown, EventEnvelopeOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { style: { enum: ['seed', 'cloudevents'] } },
      additionalProperties: false,
    },
  },
  function eventEnvelope(targetVal, options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const style = options?.style ?? 'seed';
    const payload = messagePayload(target.message, target.path, target.root);
    const payloadView = payload.kind === 'json' ? schemaView(payload.schema, payload.path, target.root) : undefined;

    if (style === 'seed') {
      if (payload.kind !== 'json' || !payloadView) return [];
      const missing = SEED_ENVELOPE_FIELDS.filter((f) => !payloadView.required.has(f));
      if (missing.length === 0 || payloadView.open) return [];
      return [
        {
          message: `The payload does not require the envelope field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; declare ${missing.length > 1 ? 'them' : 'it'} in "properties" and list ${missing.length > 1 ? 'them' : 'it'} in "required" (the envelope is ${SEED_ENVELOPE_FIELDS.join(', ')}, with the event itself under "data").`,
          path: payload.path,
        },
      ];
    }

    // CloudEvents: structured mode (payload) or binary mode (headers); either is enough.
    const headers = headerView(target.message, target.path, target.root);
    const structuredMissing = payloadView ? missingStructured(payloadView) : undefined;
    const binaryMissing = headers ? missingBinary(headers.view) : undefined;
    if (structuredMissing?.length === 0 || binaryMissing?.length === 0) return [];
    if (payloadView?.open || headers?.view.open || headers?.opaque) return [];
    const binaryIntent =
      headers !== undefined &&
      CLOUDEVENTS_REQUIRED.some(
        (f) => findViewProperty(headers.view, cloudEventsHeaderNames(f), true) !== undefined || viewRequires(headers.view, cloudEventsHeaderNames(f), true),
      );
    if (binaryIntent && headers && binaryMissing) {
      const names = binaryMissing.map((f) => `ce_${f}`);
      return [
        {
          message: `The message headers (CloudEvents binary mode) do not require ${names.join(', ')}; declare and require ${names.length > 1 ? 'them' : 'it'} (ce_ or ce- prefix), or send the event in structured mode with id, source, specversion and type required in the payload.`,
          path: headers.path,
        },
      ];
    }
    if (payload.kind === 'json' && structuredMissing) {
      return [
        {
          message: `The payload is not a CloudEvent: it does not require ${structuredMissing.join(', ')}; require id, source, specversion and type in the payload (structured mode) or ce_id, ce_source, ce_specversion and ce_type in the message headers (binary mode).`,
          path: payload.path,
        },
      ];
    }
    return [];
  },
);

export default eventEnvelope;
