/**
 * Helpers for the idempotency rules (functions/idempotency*.ts): the `Idempotency-Key`
 * parameter of an operation (path-level parameters included) and its full path.
 */
import { parametersByName, type FoundParameter } from './headers';
import type { OperationTarget, Path } from './rate-limits';

export const IDEMPOTENCY_KEY = 'Idempotency-Key';

/** JSONPath of every `x-idempotency` the vocabulary allows: root and operations. */
export const X_IDEMPOTENCY_GIVEN = [
  "$['x-idempotency']",
  "$.paths[*][get,put,post,delete,options,head,patch,trace]['x-idempotency']",
];

/**
 * The effective parameters named `name` (case-insensitive), in any location, operation-level
 * first. Header parameters come before others.
 */
export function parametersNamed(target: OperationTarget, name: string): FoundParameter[] {
  return [...parametersByName(target.pathItem, target.operation, name)].sort((a, b) => Number(b.parameter.in === 'header') - Number(a.parameter.in === 'header'));
}

/** The `Idempotency-Key` header parameter of the operation, if it takes one. */
export function idempotencyHeader(target: OperationTarget, name = IDEMPOTENCY_KEY): FoundParameter | undefined {
  return parametersNamed(target, name).find(({ parameter }) => parameter.in === 'header');
}

/** Full path of a parameter found by effectiveParameters. */
export function parameterPath(target: OperationTarget, found: FoundParameter): Path {
  return found.level === 'operation'
    ? [...target.path, 'parameters', found.index]
    : ['paths', target.pathKey, 'parameters', found.index];
}
