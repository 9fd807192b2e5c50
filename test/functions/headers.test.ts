/**
 * Parameter lookup (functions/lib/headers.ts): effective parameters (path-item ones overridden
 * by the operation's), by name case-insensitively. The answers are kept per operation object,
 * so they must never depend on anything else, and callers of the public helpers still get
 * arrays of their own.
 */
import { describe, expect, it } from 'vitest';
import { effectiveParameters, findParameter, parametersByName } from '../../functions/lib/headers';
import { restSegments } from '../../functions/lib/rest';

const pathItem = {
  parameters: [
    { name: 'Idempotency-Key', in: 'header' },
    { name: 'id', in: 'path' },
    { name: 'limit', in: 'query' },
  ],
};
const operation = {
  parameters: [
    { name: 'idempotency-key', in: 'header', required: true },
    { name: 'limit', in: 'header' },
    'not a parameter',
  ],
};

describe('effective parameters', () => {
  it('operation parameters override path-item ones by name and location (header names case-insensitive)', () => {
    expect(effectiveParameters(pathItem, operation).map((p) => `${p.level}:${p.index}:${p.parameter.in}:${String(p.parameter.name)}`)).toEqual([
      'operation:0:header:idempotency-key',
      'operation:1:header:limit',
      'path:1:path:id',
      'path:2:query:limit',
    ]);
  });

  it('finds by name case-insensitively, and by location', () => {
    expect(parametersByName(pathItem, operation, 'IDEMPOTENCY-KEY').map((p) => p.level)).toEqual(['operation']);
    expect(parametersByName(pathItem, operation, 'Limit').map((p) => `${p.level}:${p.parameter.in}`)).toEqual(['operation:header', 'path:query']);
    expect(findParameter(pathItem, operation, 'limit', 'query')?.level).toBe('path');
    expect(findParameter(pathItem, operation, 'limit')?.level).toBe('operation');
    expect(findParameter(pathItem, operation, 'limit', undefined)?.parameter.in).toBe('header');
    expect(findParameter(pathItem, operation, 'missing')).toBeUndefined();
  });

  it('the same operation under another path item gets that path item\'s parameters', () => {
    const other = { parameters: [{ name: 'owner', in: 'path' }] };
    expect(parametersByName(other, operation, 'owner')).toHaveLength(1);
    expect(parametersByName(pathItem, operation, 'owner')).toHaveLength(0);
    expect(parametersByName(other, operation, 'id')).toHaveLength(0);
    expect(parametersByName(pathItem, operation, 'id')).toHaveLength(1);
  });

  it('callers of effectiveParameters get a new array of new objects each time', () => {
    const a = effectiveParameters(pathItem, operation);
    const b = effectiveParameters(pathItem, operation);
    expect(a).not.toBe(b);
    expect(a[0]).not.toBe(b[0]);
    a.push({ level: 'path', index: 9, parameter: {} });
    (a[0] as { index: number }).index = 42;
    expect(effectiveParameters(pathItem, operation)).toHaveLength(4);
    expect(effectiveParameters(pathItem, operation)[0].index).toBe(0);
    expect(Object.isFrozen(parametersByName(pathItem, operation, 'id')[0])).toBe(true);
  });

  it('malformed operations and path items give no parameters, not an exception', () => {
    for (const bad of [null, undefined, 'x', 42, [], { parameters: 'x' }, { parameters: [null, 1] }]) {
      expect(effectiveParameters(bad, bad)).toEqual([]);
      expect(parametersByName(bad, bad, 'x')).toEqual([]);
    }
  });
});

describe('path segments', () => {
  it('are computed once per path key, and cannot be changed by a caller', () => {
    const a = restSegments('/users/{id}/orders.json?x=1');
    expect(a.map((s) => `${s.name}${s.isParam ? '*' : ''}`)).toEqual(['users', '{id}*', 'orders']);
    expect(restSegments('/users/{id}/orders.json?x=1')).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a[0])).toBe(true);
  });
});
