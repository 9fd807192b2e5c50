import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/x-idempotency.schema.json';
import { testNoThrow, testRule } from '../helpers/testRule';

describe('schemas/x-idempotency.schema.json', () => {
  const validate = new Ajv({ strict: false }).compile(schema);
  it('has $id, title, description and valid examples', () => {
    expect(schema.$id).toMatch(/x-idempotency\.schema\.json$/);
    expect(schema.title).toBe('x-idempotency');
    expect(schema.description.length).toBeGreaterThan(20);
    for (const example of schema.examples) expect(validate(example), JSON.stringify(example)).toBe(true);
  });
  it('accepts both duration forms and rejects malformed values', () => {
    for (const value of [{}, { required: true }, { ttl: 'PT24H' }, { ttl: '14d', required: false }]) expect(validate(value), JSON.stringify(value)).toBe(true);
    for (const value of [false, { ttl: 86400 }, { ttl: 'one day' }, { required: 'true' }, { keep: '1d' }]) expect(validate(value), JSON.stringify(value)).toBe(false);
  });
});

const info = { title: 'Payments API', version: '1.0.0' };
const created = { '201': { description: 'Created' } };
const doc = (paths: object, extra: object = {}) => ({ openapi: '3.0.3', info, paths, ...extra });

testRule('idempotency-policy', [
  {
    name: 'valid policies at the root and on operations (both duration forms)',
    document: doc(
      {
        '/payments': { post: { 'x-idempotency': { required: true, ttl: 'P7D' }, responses: created } },
        '/refunds': { post: { 'x-idempotency': { required: true }, responses: created } },
        '/orders': { post: { 'x-idempotency': { ttl: '48h', 'x-note': 'kept two days' }, responses: created } },
      },
      { 'x-idempotency': { ttl: '24h' } },
    ),
    errors: [],
  },
  {
    name: 'a ttl shorter than 24h is reported at ttl',
    document: doc({ '/payments': { post: { 'x-idempotency': { required: true, ttl: 'PT1H' }, responses: created } } }),
    errors: [{ path: ['paths', '/payments', 'post', 'x-idempotency', 'ttl'], message: '24h', severity: 'warn' }],
  },
  {
    name: 'schema violations are reported at the offending field',
    document: doc(
      { '/payments': { post: { 'x-idempotency': { required: 'yes', ttl: '1 day', retention: '7d' }, responses: created } } },
      { 'x-idempotency': true },
    ),
    errors: [
      { path: ['x-idempotency'], message: 'must be an object' },
      { path: ['paths', '/payments', 'post', 'x-idempotency', 'required'], message: 'boolean' },
      { path: ['paths', '/payments', 'post', 'x-idempotency', 'ttl'], message: 'not a duration' },
      { path: ['paths', '/payments', 'post', 'x-idempotency', 'retention'], message: 'unknown property' },
    ],
  },
  {
    name: 'minTtl option',
    options: { 'idempotency-policy': { minTtl: 'P7D' } },
    document: doc({ '/payments': { post: { 'x-idempotency': { ttl: '48h' }, responses: created } } }, { 'x-idempotency': { ttl: '7d' } }),
    errors: [{ path: ['paths', '/payments', 'post', 'x-idempotency', 'ttl'], message: 'P7D' }],
  },
  {
    name: 'x-idempotency in webhooks or callbacks is not read',
    document: `
openapi: 3.1.0
info: {title: Payments API, version: "1.0.0"}
paths: {}
webhooks:
  orderPlaced:
    post:
      x-idempotency: {ttl: 1s}
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('idempotency-policy', [
  { name: 'null and arrays', document: doc({ '/p': { post: { 'x-idempotency': null, responses: created }, put: { 'x-idempotency': [], responses: created } } }, { 'x-idempotency': 5 }) },
  { name: 'ttl is a number', document: doc({ '/p': { post: { 'x-idempotency': { ttl: 86400 }, responses: created } } }) },
  { name: 'paths is null', document: doc(null as never, { 'x-idempotency': {} }) },
]);
