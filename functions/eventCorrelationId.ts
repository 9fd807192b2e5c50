import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isArray, isObject, isString } from './lib/guards';
import { deref, pointerToPath } from './lib/schema';
import {
  mergeViews,
  messageField,
  messageLabel,
  messageHeaders,
  messagePayload,
  messageTarget,
  schemaView,
  type EventsContext,
  type SchemaRead,
  type SchemaView,
} from './lib/asyncapi';

/** `$message.header#/a/b` or `$message.payload#/a/b` (the fragment is optional). */
const RUNTIME_EXPRESSION = /^\$message\.(header|payload)(?:#(.*))?$/;

export function parseCorrelationLocation(location: string): { source: 'header' | 'payload'; path: string[] } | undefined {
  const match = RUNTIME_EXPRESSION.exec(location.trim());
  if (!match) return undefined;
  const fragment = match[2] ?? '';
  const path = pointerToPath(fragment === '' ? '' : fragment);
  if (path === undefined) return undefined;
  return { source: match[1] as 'header' | 'payload', path: path.filter((s, i) => !(s === '' && i === path.length - 1)) };
}

type Lookup = 'found' | 'missing' | 'unknown';

/**
 * Walks property names (and array indexes) into a schema; 'unknown' when the schema cannot tell.
 * Every declaration of a property counts (an allOf member after a shared envelope often refines
 * the envelope's free-form `data: {type: object}` with the event's own properties).
 */
function lookup(schema: unknown, steps: readonly string[], root: unknown): Lookup {
  let current: unknown[] = [schema];
  for (const step of steps) {
    const views: SchemaView[] = [];
    for (const node of current) {
      const target = deref(node, root);
      if (!isObject(target) || isString(target.$ref)) return 'unknown';
      views.push(schemaView(target, [], root));
    }
    const view = mergeViews(views);
    const declarations = view.declarations.get(step);
    if (declarations && declarations.length > 0) {
      current = declarations.map((d) => d.schema);
      continue;
    }
    const items = view.members.map((m) => m.items).filter((i) => i !== undefined);
    if (items.length > 0 && /^\d+$/.test(step)) {
      current = items.map((i) => (isArray(i) ? i[Number(step)] : i));
      continue;
    }
    if (view.open) return 'unknown';
    // A free-form object (no properties anywhere) or one that allows extra properties by pattern: cannot tell.
    const declaresProperties = view.members.some((m) => isObject(m.properties) || isObject(m.patternProperties));
    if (!declaresProperties) return view.members.some((m) => m.additionalProperties === false) ? 'missing' : 'unknown';
    if (view.members.some((m) => isObject(m.patternProperties))) return 'unknown';
    return 'missing';
  }
  return 'found';
}

function slotLookup(reads: SchemaRead[], steps: string[], root: unknown): Lookup {
  if (reads.length === 0) return 'missing';
  let unknown = false;
  for (const read of reads) {
    if (read.kind !== 'json') {
      if (read.kind === 'opaque') unknown = true;
      continue;
    }
    const result = lookup(read.schema, steps, root);
    if (result === 'found') return 'found';
    if (result === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'missing';
}

/**
 * `event-correlation-id`: every message declares `correlationId.location`, a runtime
 * expression (`$message.header#/...` or `$message.payload#/...`) that points at a property
 * of its headers or payload.
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventCorrelationId = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventCorrelationId(targetVal, _options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const { message, path, root } = target;
    const field = messageField(message, path, 'correlationId');
    if (!field || field.value === undefined || field.value === null) {
      return [
        {
          message:
            'The message declares no correlationId: add "correlationId: {location: $message.header#/correlation_id}" (or a $message.payload#/... expression) so related events can be traced.',
          path,
        },
      ];
    }
    const correlationId = field.value;
    if (!isObject(correlationId)) {
      return [{ message: 'correlationId must be a Correlation ID object with a "location" runtime expression.', path: field.path }];
    }
    if (isString(correlationId.$ref)) return []; // unresolved reference: cannot check
    const location = correlationId.location;
    if (!isString(location) || location.trim() === '') {
      return [
        {
          message: 'correlationId has no "location": set it to a runtime expression such as $message.header#/correlation_id.',
          path: field.path,
        },
      ];
    }
    const locationPath = [...field.path, 'location'];
    const parsed = parseCorrelationLocation(location);
    if (!parsed) {
      return [
        {
          message: `correlationId.location "${location}" is not a runtime expression: use $message.header#/<pointer> or $message.payload#/<pointer>.`,
          path: locationPath,
        },
      ];
    }
    const reads =
      parsed.source === 'header'
        ? messageHeaders(message, path, root)
        : [messagePayload(message, path, root)].filter((r) => r.kind !== 'missing');
    const found = slotLookup(reads, parsed.path, root);
    if (found !== 'missing') return [];
    const where = parsed.source === 'header' ? 'headers' : 'payload';
    // A shared components.correlationIds entry is reported at its definition: name the message.
    const label = messageLabel(target);
    const detail =
      reads.length === 0
        ? `the message ${label} has no ${where} schema`
        : `the ${where} schema of the message ${label} has no property at /${parsed.path.join('/')}`;
    return [
      {
        message: `correlationId.location "${location}" points at nothing: ${detail}; point it at the property that carries the correlation id, or declare that property.`,
        path: locationPath,
      },
    ];
  },
);

export default eventCorrelationId;
