import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isArray, isObject, isString, textOf } from './lib/guards';
import { parameterPath, parametersNamed } from './lib/idempotency';
import { effectiveExtension, HTTP_METHODS, type HttpMethod } from './lib/openapi';
import { operationTarget, type OperationTarget } from './lib/rate-limits';

export interface IdempotencyKeyRequiredOptions {
  /** Case-insensitive regex matched against the path, the operationId and each tag. */
  criticalPattern: string;
  /** Methods that need the key on critical operations. */
  methods: HttpMethod[];
  /** The idempotency header's name (case-insensitive). */
  header: string;
}

const patternCache = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  if (!patternCache.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, 'i');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return patternCache.get(pattern) ?? null;
}

/**
 * Why an operation is critical, or undefined when it is not:
 * - its effective `x-idempotency.required` (operation, then root) is `true`; or
 * - its path, operationId or a tag matches the critical pattern, unless the operation itself
 *   opts out with `x-idempotency: {required: false}`.
 */
export function criticalReason(target: OperationTarget, pattern: string): string | undefined {
  const ext = effectiveExtension(target.root, target.pathItem, target.operation, 'x-idempotency', ['operation', 'root']);
  const required = get(ext?.value, 'required');
  if (required === true) return `its ${ext!.level === 'operation' ? '' : 'root '}x-idempotency.required is true`;
  if (get(target.operation, 'x-idempotency', 'required') === false) return undefined;
  const re = compile(pattern);
  if (!re) return undefined;
  if (re.test(target.pathKey)) return `its path matches the critical pattern`;
  const operationId = target.operation.operationId;
  if (isString(operationId) && re.test(operationId)) return `its operationId "${operationId}" matches the critical pattern`;
  const tags = target.operation.tags;
  if (isArray(tags)) {
    const tag = tags.find((t) => isString(t) && re.test(t));
    if (isString(tag)) return `its tag "${tag}" matches the critical pattern`;
  }
  return undefined;
}

/**
 * `idempotency-key-required`: a critical operation (see criticalReason) whose method is in
 * `methods` declares a required header parameter named `header`. Given: operations under
 * `paths`; result at the operation (no such header) or at the parameter (not required, or
 * not `in: header`).
 */
export const idempotencyKeyRequired = defineFunction<unknown, IdempotencyKeyRequiredOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: {
        criticalPattern: { type: 'string', format: 'regex' },
        methods: { type: 'array', items: { enum: [...HTTP_METHODS] }, uniqueItems: true },
        header: { type: 'string', minLength: 1 },
      },
      required: ['criticalPattern', 'methods', 'header'],
      additionalProperties: false,
    },
  },
  function idempotencyKeyRequired(targetVal, options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || !isObject(options)) return [];
    if (!isArray(options.methods) || !options.methods.includes(target.method)) return [];
    const reason = criticalReason(target, options.criticalPattern);
    if (!reason) return [];
    const header = options.header;
    const op = `${target.method.toUpperCase()} ${target.pathKey}`;
    const found = parametersNamed(target, header);
    const inHeader = found.find((f) => f.parameter.in === 'header');
    if (inHeader) {
      if (inHeader.parameter.required === true) return [];
      return [
        {
          message: `The ${header} header is optional on a critical operation (its path, operationId or tags match the critical pattern, or x-idempotency.required is true): set \`required: true\` so every retry can be deduplicated.`,
          path: parameterPath(target, inHeader),
        },
      ];
    }
    if (found.length > 0) {
      const where = has(found[0].parameter, 'in') ? textOf(found[0].parameter.in) : 'no location';
      return [
        {
          message: `${header} is a ${where} parameter on a critical operation (its path, operationId or tags match the critical pattern, or x-idempotency.required is true): declare it \`in: header\` with \`required: true\`.`,
          path: parameterPath(target, found[0]),
        },
      ];
    }
    return [
      {
        message: `${op} is critical (${reason}) but declares no ${header} header: add a required header parameter \`${header}\` (type string, maxLength 255) so clients can retry without duplicating the effect.`,
        path: target.path,
      },
    ];
  },
);

export default idempotencyKeyRequired;
