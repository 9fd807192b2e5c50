import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { cachedModel, describeErrors, messageField } from './lib/asyncapi';
import { validateProducer } from './lib/generated/validators';

/**
 * `event-producer`: every message has a producer: in 3.x a `send` operation that carries it
 * (a `receive` operation's reply counts too), in 2.x an operation that carries it, or `x-producer`.
 * Given: the document root (the rule needs every operation).
 */
export const eventProducer = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventProducer(targetVal): IFunctionResult[] {
    const model = cachedModel(targetVal);
    if (!model) return [];
    const validate = validateProducer;
    const results: IFunctionResult[] = [];
    for (const info of model.messages) {
      const field = messageField(info.message, info.path, 'x-producer');
      if (field) {
        if (validate(field.value)) continue;
        results.push({
          message: `x-producer must name the producing service (a non-empty string): ${describeErrors(validate.errors)}.`,
          path: field.path,
        });
        continue;
      }
      const produced = info.operations.some((op) => (model.major === 2 ? true : op.role === 'send'));
      if (produced) continue;
      results.push({
        message:
          model.major === 2
            ? 'No operation carries this message and it has no x-producer: add "x-producer: <service>" or a publish/subscribe operation that carries it.'
            : 'No send operation carries this message and it has no x-producer: add "x-producer: <service>" naming the service that emits it, or a send operation.',
        path: info.path,
      });
    }
    return results;
  },
);

export default eventProducer;
