import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject, type JsonObject, textOf } from './lib/guards';
import { formatDuration, parseDuration } from './lib/duration';
import {
  bindingDeadLetter,
  bindingGuarantee,
  cachedModel,
  describeErrors,
  isDeliveryGuarantee,
  messageField,
  type Path,
} from './lib/asyncapi';
import { validateDlq } from './lib/generated/validators';

export interface EventDlqOptions {
  minRetention?: string;
  maxAlertThreshold?: number;
}

const DEFAULT_MIN_RETENTION = '14d';

function guaranteeOf(holder: unknown): string | undefined {
  const value = isObject(holder) ? messageField(holder, [], 'x-delivery-guarantee')?.value : undefined;
  return isDeliveryGuarantee(value) ? value : undefined;
}

/**
 * `event-dlq`: every consuming operation (3.x `receive`, 2.x `publish`) whose messages are
 * at-least-once declares a dead-letter queue on itself or its channel: `x-dlq` with
 * retention ≥ minRetention and alertThreshold ≤ maxAlertThreshold, an SQS
 * `deadLetterQueue`/`redrivePolicy`, or an SNS consumer `redrivePolicy`.
 * Given: 3.x operations and 2.x `publish` operations.
 */
export const eventDlq = defineFunction<unknown, EventDlqOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: {
        minRetention: { type: 'string', pattern: '^(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)|P.+)$' },
        maxAlertThreshold: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
  },
  function eventDlq(targetVal, options, context): IFunctionResult[] {
    if (!isObject(targetVal)) return [];
    const model = cachedModel(resolvedRoot(context));
    if (!model) return [];
    const entry = model.operations.find((op) => op.operation === targetVal);
    if (!entry || entry.role !== 'receive') return [];
    const operation = entry.operation;
    const channel = entry.channel;

    // Is anything this operation consumes at-least-once?
    const guarantees = [
      guaranteeOf(operation),
      bindingGuarantee(operation)?.guarantee,
      guaranteeOf(channel?.channel),
      bindingGuarantee(channel?.channel)?.guarantee,
      ...entry.messages.map((m) => guaranteeOf(m.message)),
      ...entry.messages.map((m) => bindingGuarantee(m.message)?.guarantee),
    ];
    if (!guarantees.includes('at-least-once')) return [];

    if (bindingDeadLetter(operation) || bindingDeadLetter(channel?.channel)) return [];

    const dlq: { value: unknown; path: Path } | undefined =
      messageField(operation, entry.path, 'x-dlq') ?? (channel ? messageField(channel.channel, channel.path, 'x-dlq') : undefined);
    if (!dlq) {
      return [
        {
          message:
            'This operation consumes at-least-once messages but declares no dead-letter queue: add "x-dlq: {channel | queue, retention: 14d, alertThreshold: 10}" to the operation or its channel, or an SQS redrivePolicy/deadLetterQueue or SNS consumer redrivePolicy binding.',
          path: entry.path,
        },
      ];
    }
    const validate = validateDlq;
    if (!validate(dlq.value)) {
      const errors = validate.errors ?? [];
      const oneOf = errors.some((e) => e.keyword === 'oneOf');
      const rest = errors.filter(
        (e) => !(oneOf && e.keyword === 'required' && ['channel', 'queue'].includes(String(e.params.missingProperty))),
      );
      const parts = describeErrors(rest.length ? rest : errors).split('; ');
      if (oneOf && isObject(dlq.value)) parts.push('declare exactly one of channel or queue');
      const text = [...new Set(parts)].filter((t) => t && t !== 'does not match its schema').join('; ');
      return [
        {
          message: `x-dlq does not match its schema: ${text || 'expected {channel | queue, retention, alertThreshold}'}.`,
          path: dlq.path,
        },
      ];
    }
    const value = dlq.value as JsonObject;
    const results: IFunctionResult[] = [];
    const minRetention = parseDuration(options?.minRetention ?? DEFAULT_MIN_RETENTION) ?? parseDuration(DEFAULT_MIN_RETENTION)!;
    const retention = parseDuration(value.retention);
    if (retention !== undefined && retention < minRetention) {
      results.push({
        message: `x-dlq retention ${textOf(value.retention)} is shorter than ${formatDuration(minRetention)}: keep dead letters at least ${formatDuration(minRetention)} so they can be inspected and replayed.`,
        path: [...dlq.path, 'retention'],
      });
    }
    const maxAlert = options?.maxAlertThreshold ?? 10;
    if (typeof value.alertThreshold === 'number' && value.alertThreshold > maxAlert) {
      results.push({
        message: `x-dlq alertThreshold ${value.alertThreshold} is above ${maxAlert}: alert after at most ${maxAlert} dead letters so failures are noticed.`,
        path: [...dlq.path, 'alertThreshold'],
      });
    }
    return results;
  },
);

export default eventDlq;
