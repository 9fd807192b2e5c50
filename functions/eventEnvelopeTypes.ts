import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isArray, isObject, isString } from './lib/guards';
import { deref } from './lib/schema';
import {
  findViewProperty,
  messagePayload,
  messageTarget,
  pinnedValues,
  schemaView,
  type EventsContext,
  type Path,
  type SchemaView,
} from './lib/asyncapi';
import { cloudEventsHeaderNames, headerView, type EnvelopeStyle } from './eventEnvelope';

export interface EventEnvelopeTypesOptions {
  style?: EnvelopeStyle;
}

type Expectation = 'string' | 'object' | 'date-time' | 'uuid' | 'specversion';

const SEED_TYPES: [string, Expectation][] = [
  ['event_id', 'uuid'],
  ['event_type', 'string'],
  ['correlation_id', 'string'],
  ['source', 'string'],
  ['timestamp', 'date-time'],
  ['data', 'object'],
  ['metadata', 'object'],
];

/** A payload is a seed envelope when it declares one of these. */
const SEED_MARKERS = ['event_id', 'event_type', 'event_version', 'correlation_id'];

const CLOUDEVENTS_TYPES: [string, Expectation][] = [
  ['id', 'string'],
  ['source', 'string'],
  ['type', 'string'],
  ['specversion', 'specversion'],
  ['time', 'date-time'],
];

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

interface Problem {
  path: Path;
  text: string;
}

/** Problems with a property's declarations (each allOf member may declare it), [] when it has the expected shape or cannot tell. */
function problems(declarations: { schema: unknown; path: Path }[], expected: Expectation, root: unknown): Problem[] {
  const wantType = expected === 'object' ? 'object' : 'string';
  const out: Problem[] = [];
  const readable: { view: SchemaView; pinned: unknown[]; path: Path }[] = [];
  for (const declaration of declarations) {
    const target = deref(declaration.schema, root);
    if (!isObject(target) || isString(target.$ref)) return [];
    const view = schemaView(target, [], root);
    if (view.open) return [];
    const pinned = pinnedValues(target, root);
    readable.push({ view, pinned, path: declaration.path });
    let actualTypes = [...view.types];
    if (actualTypes.length === 0 && pinned.length > 0) actualTypes = [...new Set(pinned.map(typeOfValue))];
    if (actualTypes.length === 0 && wantType === 'object' && view.properties.size > 0) actualTypes = ['object'];
    if (actualTypes.length > 0 && !actualTypes.includes(wantType)) {
      out.push({ path: declaration.path, text: `is ${actualTypes.join('/')}, not ${wantType}` });
    }
  }
  if (out.length > 0 || readable.length === 0) return out;
  const formats = readable.flatMap((r) => r.view.members.map((m) => m.format)).filter((f) => f !== undefined);
  const first = readable[0].path;
  if (expected === 'date-time' && !formats.includes('date-time')) {
    out.push({
      path: first,
      text: formats.length === 0 ? 'declares no "format: date-time"' : `has format ${JSON.stringify(formats[0])}, not date-time`,
    });
  }
  if (expected === 'uuid' && !formats.includes('uuid')) {
    out.push({
      path: first,
      text:
        formats.length === 0
          ? 'declares no "format: uuid" (recommended for event ids)'
          : `has format ${JSON.stringify(formats[0])}, not uuid (recommended for event ids)`,
    });
  }
  if (expected === 'specversion' && !readable.some((r) => r.pinned.some((v) => v === '1.0'))) {
    out.push({ path: first, text: 'is not pinned to "1.0" (declare const: "1.0" or enum: ["1.0"])' });
  }
  return out;
}

const FIX: Record<Expectation, string> = {
  string: 'declare it as "type: string"',
  object: 'declare it as "type: object"',
  'date-time': 'declare it as "type: string, format: date-time"',
  uuid: 'declare it as "type: string, format: uuid"',
  specversion: 'declare it as "type: string, const: \\"1.0\\""',
};

function check(view: SchemaView, fields: [string, Expectation][], root: unknown, where: string, header = false): IFunctionResult[] {
  const results: IFunctionResult[] = [];
  for (const [field, expected] of fields) {
    const name = header ? findViewProperty(view, cloudEventsHeaderNames(field), true) : findViewProperty(view, [field]);
    if (name === undefined) continue;
    const declarations = view.declarations.get(name) ?? [];
    for (const issue of problems(declarations, expected, root)) {
      results.push({ message: `Envelope field "${name}" in the ${where} ${issue.text}; ${FIX[expected]}.`, path: issue.path });
    }
  }
  return results;
}

/**
 * `event-envelope-types`: envelope fields have the right types (ids and type strings,
 * `timestamp`/`time` date-time, `event_id` uuid, `data`/`metadata` objects, `specversion` "1.0").
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventEnvelopeTypes = defineFunction<unknown, EventEnvelopeTypesOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { style: { enum: ['seed', 'cloudevents'] } },
      additionalProperties: false,
    },
  },
  function eventEnvelopeTypes(targetVal, options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const style = options?.style ?? 'seed';
    const payload = messagePayload(target.message, target.path, target.root);
    const payloadView = payload.kind === 'json' ? schemaView(payload.schema, payload.path, target.root) : undefined;
    if (style === 'seed') {
      // Only a payload that is an envelope (a business payload may have its own `source` or `data`).
      if (!payloadView || findViewProperty(payloadView, SEED_MARKERS) === undefined) return [];
      return check(payloadView, SEED_TYPES, target.root, 'payload');
    }
    // Structured mode only: in binary mode the payload is the event data, whose `id` or `type` are not attributes.
    const structured =
      payloadView !== undefined &&
      (payloadView.properties.has('specversion') || CLOUDEVENTS_TYPES.slice(0, 4).every(([f]) => payloadView.required.has(f)));
    const results = structured && payloadView ? check(payloadView, CLOUDEVENTS_TYPES, target.root, 'payload') : [];
    const headers = headerView(target.message, target.path, target.root);
    if (headers) results.push(...check(headers.view, CLOUDEVENTS_TYPES, target.root, 'headers', true));
    return results;
  },
);

export default eventEnvelopeTypes;
