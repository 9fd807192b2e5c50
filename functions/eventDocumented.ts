import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isNonEmptyString } from './lib/guards';
import { messageField, messageTarget, type EventsContext } from './lib/asyncapi';

/**
 * `event-documented`: every message has a `summary` or `description` (its own or from a
 * trait) and a payload schema.
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventDocumented = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventDocumented(targetVal, _options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const { message, path } = target;
    const results: IFunctionResult[] = [];
    const summary = messageField(message, path, 'summary');
    const description = messageField(message, path, 'description');
    if (!isNonEmptyString(summary?.value) && !isNonEmptyString(description?.value)) {
      results.push({
        message: 'The message has no summary or description: say what happened and when the event is emitted (add "summary" and/or "description").',
        path,
      });
    }
    const payload = message.payload;
    if (payload === undefined || payload === null) {
      results.push({
        message: 'The message has no payload schema: declare "payload" so consumers know the event\'s shape.',
        path,
      });
    }
    return results;
  },
);

export default eventDocumented;
