import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isNonEmptyString, isString } from './lib/guards';
import {
  findViewProperty,
  messageName,
  messagePayload,
  messageTarget,
  pinnedValues,
  schemaView,
  type EventsContext,
} from './lib/asyncapi';
import { cloudEventsHeaderNames, headerView } from './eventEnvelope';

/** A `.vN` (or `_vN`, `-vN`, PascalCase `VN`) version suffix of a name. */
const NAME_VERSION = /(?:[._:-]v\d+|(?<=[a-z0-9])V\d+)$/;
/** A version token inside a type or URI: `.v1.`, `/v2/`, `:v3`, `/1.0/`, `/1.2.0.json`. */
const VALUE_VERSION = /(?:^|[._:/-])v\d+(?:[._:/#-]|$)|(?:^|[/:@])v?\d+(?:\.\d+)+(?:[./#?-]|$)|(?:^|[/])\d+(?:[/#?]|$)/i;

function hasVersionedValue(schema: unknown, root: unknown, pattern: RegExp): boolean {
  return pinnedValues(schema, root, ['const', 'enum', 'default', 'examples', 'example', 'pattern']).some(
    (v) => isString(v) && pattern.test(v.replace(/^\^|\$$/g, '').replace(/\\\./g, '.')),
  );
}

/**
 * `event-versioned`: the event declares its version: a `.vN` suffix in its name or type, an
 * `event_version` pinned with `const`/`enum`, or (CloudEvents) a version in `type` or `dataschema`.
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventVersioned = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventVersioned(targetVal, _options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const { message, root } = target;

    // Names: 3.x key, `name`, `messageId`.
    const names = [messageName(target)?.value, message.name, message.messageId].filter(isNonEmptyString);
    if (names.some((n) => NAME_VERSION.test(n))) return [];

    const payload = messagePayload(message, target.path, root);
    const view = payload.kind === 'json' ? schemaView(payload.schema, payload.path, root) : undefined;
    const headers = headerView(message, target.path, root);
    if (payload.kind === 'opaque' || view?.open || headers?.view.open || headers?.opaque) return [];

    let unpinned: (string | number)[] | undefined;
    if (view) {
      const declared = (field: string) => view.declarations.get(field) ?? [];
      const version = declared('event_version');
      if (version.length > 0) {
        if (version.some((d) => pinnedValues(d.schema, root).length > 0)) return [];
        // The most specific declaration: an allOf member after the shared envelope overrides it.
        unpinned = version[version.length - 1].path;
      }
      for (const field of ['event_type', 'type', 'dataschema']) {
        if (declared(field).some((d) => hasVersionedValue(d.schema, root, VALUE_VERSION) || hasVersionedValue(d.schema, root, NAME_VERSION))) {
          return [];
        }
      }
    }
    if (headers) {
      for (const field of ['type', 'dataschema']) {
        const name = findViewProperty(headers.view, cloudEventsHeaderNames(field), true);
        const declarations = name ? (headers.view.declarations.get(name) ?? []) : [];
        if (declarations.some((d) => hasVersionedValue(d.schema, root, VALUE_VERSION) || hasVersionedValue(d.schema, root, NAME_VERSION))) return [];
      }
    }
    if (unpinned) {
      return [
        {
          message:
            'event_version is not pinned: declare it with const (or enum) so consumers know which version of the event they get, or add a .vN suffix to the event name or type.',
          path: unpinned,
        },
      ];
    }
    return [
      {
        message:
          'The event declares no version: add a .vN suffix to its name or type (order.placed.v1), an event_version property with const/enum, or (CloudEvents) a version in type or dataschema.',
        path: target.path,
      },
    ];
  },
);

export default eventVersioned;
