import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/x-rate-limit.schema.json';
import { testNoThrow, testRule } from '../helpers/testRule';

describe('schemas/x-rate-limit.schema.json', () => {
  const validate = new Ajv({ strict: false }).compile(schema);
  it('has $id, title, description and valid examples', () => {
    expect(schema.$id).toMatch(/x-rate-limit\.schema\.json$/);
    expect(schema.title).toBe('x-rate-limit');
    expect(schema.description.length).toBeGreaterThan(20);
    for (const example of schema.examples) expect(validate(example), JSON.stringify(example)).toBe(true);
  });
  it('accepts both duration forms and rejects malformed values', () => {
    for (const value of [{ limit: 1, window: '1s', scope: 'ip' }, false, { limit: 5, window: 'P1DT2H', scope: 'webhook', burst: 2 }]) expect(validate(value), JSON.stringify(value)).toBe(true);
    for (const value of [true, { limit: 1, window: '1 s', scope: 'ip' }, { limit: 1, window: '1m' }, { limit: 1.5, window: '1m', scope: 'ip' }]) expect(validate(value), JSON.stringify(value)).toBe(false);
  });
});

const info = { title: 'Orders API', version: '1.0.0' };
const ok = { '200': { description: 'OK' } };

testRule('rate-limit-policy', [
  {
    name: 'valid policies at the root, a path item and an operation, and false',
    document: {
      openapi: '3.0.3',
      info,
      'x-rate-limit': { limit: 1000, window: 'PT1H', scope: 'client' },
      paths: {
        '/orders': {
          'x-rate-limit': { limit: 100, window: '1m', scope: 'user', burst: 20 },
          get: { 'x-rate-limit': { limit: 10, window: '30s', scope: 'ip' }, responses: ok },
        },
        '/health': { get: { 'x-rate-limit': false, responses: ok } },
      },
    },
    errors: [],
  },
  {
    name: 'each problem is reported at the offending field',
    document: {
      openapi: '3.0.3',
      info,
      'x-rate-limit': { limit: '100', window: '1 minute', scope: 'global' },
      paths: {},
    },
    errors: [
      { path: ['x-rate-limit', 'limit'], message: 'integer', severity: 'error' },
      { path: ['x-rate-limit', 'window'], message: 'not a duration' },
      { path: ['x-rate-limit', 'scope'], message: 'ip, user, client, admin, webhook' },
    ],
  },
  {
    name: 'a missing field is reported at the policy, an unknown one at the property',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/orders': { 'x-rate-limit': { limit: 0, window: '1m', per: 'user' }, get: { responses: ok } } },
    },
    errors: [
      { path: ['paths', '/orders', 'x-rate-limit'], message: '"scope"' },
      { path: ['paths', '/orders', 'x-rate-limit', 'limit'], message: '>= 1' },
      { path: ['paths', '/orders', 'x-rate-limit', 'per'], message: 'unknown property "per"' },
    ],
  },
  {
    name: 'true, a string or a number is not a policy',
    document: {
      openapi: '3.0.3',
      info,
      'x-rate-limit': true,
      paths: { '/orders': { get: { 'x-rate-limit': '100/min', responses: ok }, post: { 'x-rate-limit': { limit: 5, window: '1m', scope: 'user', burst: 0 }, responses: ok } } },
    },
    errors: [
      { path: ['x-rate-limit'], message: 'or false' },
      { path: ['paths', '/orders', 'get', 'x-rate-limit'], message: 'string "100/min"' },
      { path: ['paths', '/orders', 'post', 'x-rate-limit', 'burst'], message: 'burst' },
    ],
  },
  {
    name: 'x-rate-limit in webhooks, callbacks or components is not read (not part of the vocabulary)',
    document: `
openapi: 3.1.0
info: {title: Orders API, version: "1.0.0"}
paths: {}
webhooks:
  orderPlaced:
    post:
      x-rate-limit: 5
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('rate-limit-policy', [
  { name: 'null policy', document: { openapi: '3.0.3', info, 'x-rate-limit': null, paths: {} } },
  { name: 'array policy', document: { openapi: '3.0.3', info, 'x-rate-limit': [1], paths: { '/a': { 'x-rate-limit': {}, get: { 'x-rate-limit': { limit: null, window: 5, scope: [] }, responses: ok } } } } },
  { name: 'paths is an array', document: { openapi: '3.0.3', info, paths: [] } },
]);
