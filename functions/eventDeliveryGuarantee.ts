import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import type { JsonObject } from './lib/guards';
import {
  bindingGuarantee,
  cachedModel,
  isDeliveryGuarantee,
  messageField,
  type Path,
} from './lib/asyncapi';

const EXTENSION = 'x-delivery-guarantee';

/**
 * `event-delivery-guarantee`: every message, or an operation or channel that carries it,
 * declares `x-delivery-guarantee` (at-most-once, at-least-once, exactly-once), or a protocol
 * binding fixes it (MQTT `qos`, SQS/SNS).
 * Given: the document root (the rule needs every operation and channel).
 */
export const eventDeliveryGuarantee = defineFunction<unknown, null>(
  { input: null, options: null },
  function eventDeliveryGuarantee(targetVal): IFunctionResult[] {
    const model = cachedModel(targetVal);
    if (!model) return [];
    const results: IFunctionResult[] = [];
    const reported = new Set<unknown>();
    /** True when the holder declares a valid guarantee; reports an invalid one once. */
    const declares = (holder: JsonObject, path: Path): boolean => {
      const field = messageField(holder, path, EXTENSION);
      if (!field) return false;
      if (isDeliveryGuarantee(field.value)) return true;
      if (!reported.has(holder)) {
        reported.add(holder);
        results.push({
          message: `x-delivery-guarantee ${JSON.stringify(field.value)} is not one of at-most-once, at-least-once, exactly-once; declare one of them.`,
          path: field.path,
        });
      }
      return false;
    };
    for (const info of model.messages) {
      let ok = declares(info.message, info.path) || bindingGuarantee(info.message) !== undefined;
      for (const op of info.operations) {
        if (declares(op.operation, op.path) || bindingGuarantee(op.operation)) ok = true;
        if (op.channel && (declares(op.channel.channel, op.channel.path) || bindingGuarantee(op.channel.channel))) ok = true;
      }
      for (const channel of info.channels) {
        if (declares(channel.channel, channel.path) || bindingGuarantee(channel.channel)) ok = true;
      }
      if (ok) continue;
      if (messageField(info.message, info.path, EXTENSION)) continue; // its own invalid value is reported
      results.push({
        message:
          'The message declares no delivery guarantee: add "x-delivery-guarantee: at-least-once" (or at-most-once, exactly-once) to the message or to the operation or channel that carries it, or use a binding that fixes it (MQTT qos, SQS/SNS).',
        path: info.path,
      });
    }
    return results;
  },
);

export default eventDeliveryGuarantee;
