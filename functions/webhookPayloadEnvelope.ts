import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isArray, isObject, entriesOf } from './lib/guards';
import { deref, flattenSchema } from './lib/schema';
import {
  SEED_ENVELOPE,
  STANDARD_WEBHOOKS_ENVELOPE,
  WEBHOOK_STYLES,
  isCallbackRefCopy,
  quoteList,
  type JsonPathArray,
  type WebhookStyle,
} from './lib/webhooks';

export interface WebhookPayloadEnvelopeOptions {
  /** Which envelope: seed (`event_id`, `event_type`, `timestamp`, `data`), Standard Webhooks (`type`, `timestamp`, `data`), or either. */
  style: WebhookStyle;
}

const MAX_BRANCH_DEPTH = 8;

/**
 * Does the schema declare the property: through `$ref` and `allOf`, or in every branch of
 * a `oneOf`/`anyOf` (a union of event types that all carry the envelope).
 */
export function declaresProperty(schema: unknown, name: string, root: unknown, depth = 0): boolean {
  if (depth > MAX_BRANCH_DEPTH) return false;
  const flat = flattenSchema(schema, root);
  if (flat.properties.has(name)) return true;
  for (const member of flat.members) {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = member[keyword];
      if (isArray(branches) && branches.length > 0 && branches.every((b) => declaresProperty(b, name, root, depth + 1))) {
        return true;
      }
    }
  }
  return false;
}

function isJsonMediaType(mediaType: string): boolean {
  return /json/i.test(mediaType) || mediaType === '*/*';
}

/**
 * `webhook-payload-envelope`: the webhook request body schema (through `$ref`/`allOf`) has
 * the envelope's identity fields. One result per webhook op, at its `requestBody` (or at the
 * op when it has none). Given: webhook operations.
 */
export const webhookPayloadEnvelope = defineFunction<unknown, WebhookPayloadEnvelopeOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { style: { enum: [...WEBHOOK_STYLES] } },
    },
  },
  function webhookPayloadEnvelope(operation, options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const path = context.path as JsonPathArray;
    if (isCallbackRefCopy(context.document.data, path)) return [];
    const root = resolvedRoot(context);
    const style = options?.style ?? 'seed';
    const sets: { label: string; fields: readonly string[] }[] = [];
    if (style !== 'standard-webhooks') sets.push({ label: 'the event envelope', fields: SEED_ENVELOPE });
    if (style !== 'seed') sets.push({ label: 'the Standard Webhooks payload', fields: STANDARD_WEBHOOKS_ENVELOPE });
    const wanted = sets.map((s) => quoteList(s.fields)).join(', or ');

    const requestBody = deref(operation.requestBody, root);
    if (!isObject(requestBody)) {
      return [
        {
          message: `Webhook operation has no request body: describe the delivered payload as a JSON request body whose schema has ${wanted}.`,
          path,
        },
      ];
    }
    const bodyPath = [...path, 'requestBody'];
    const content = requestBody.content;
    const media = isObject(content)
      ? entriesOf(content).filter(([, m]) => isObject(m) && m.schema !== undefined)
      : [];
    const json = media.filter(([type]) => isJsonMediaType(type));
    const candidates = json.length > 0 ? json : media;
    if (candidates.length === 0) {
      return [
        {
          message: `Webhook request body has no schema: add \`content: {application/json: {schema: ...}}\` whose schema has ${wanted}.`,
          path: bodyPath,
        },
      ];
    }
    for (const [mediaType, m] of candidates) {
      const schema = (m as Record<string, unknown>).schema;
      const checked = sets.map((set) => ({ ...set, missing: set.fields.filter((f) => !declaresProperty(schema, f, root)) }));
      if (checked.some((set) => set.missing.length === 0)) continue;
      let best = checked[0];
      for (const set of checked) if (set.missing.length < best.missing.length) best = set;
      const how =
        checked.length > 1 ? `it needs ${wanted}` : `add ${quoteList(best.missing)} to it`;
      return [
        {
          message: `Webhook payload schema (${mediaType}) lacks ${best.label}'s field${best.missing.length > 1 ? 's' : ''} ${quoteList(best.missing)}: ${how}, so receivers can deduplicate, route and order deliveries.`,
          path: bodyPath,
        },
      ];
    }
    return [];
  },
);

export default webhookPayloadEnvelope;
