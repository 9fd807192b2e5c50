import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { cachedModel, describeErrors, messageField } from './lib/asyncapi';
import { validateConsumers } from './lib/generated/validators';

/**
 * `event-consumers`: every message names its consumers: `x-consumers` (a non-empty list of
 * service names) or, in 3.x, a `receive` operation that carries it (a `send` operation's reply
 * counts too).
 * Given: the document root (the rule needs every operation).
 */
export const eventConsumers = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventConsumers(targetVal): IFunctionResult[] {
    const model = cachedModel(targetVal);
    if (!model) return [];
    const validate = validateConsumers;
    const results: IFunctionResult[] = [];
    for (const info of model.messages) {
      const field = messageField(info.message, info.path, 'x-consumers');
      if (field) {
        if (validate(field.value)) continue;
        results.push({
          message: `x-consumers must be a non-empty list of service names: ${describeErrors(validate.errors)}.`,
          path: field.path,
        });
        continue;
      }
      if (model.major === 3 && info.operations.some((op) => op.role === 'receive')) continue;
      results.push({
        message:
          model.major === 2
            ? 'The message does not name its consumers: add "x-consumers: [<service>, ...]" listing the services that consume it.'
            : 'The message does not name its consumers: add "x-consumers: [<service>, ...]", or a receive operation that carries it.',
        path: info.path,
      });
    }
    return results;
  },
);

export default eventConsumers;
