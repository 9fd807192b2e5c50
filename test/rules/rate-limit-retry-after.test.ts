import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Orders API', version: '1.0.0' };
const ok = { description: 'OK' };
const retryAfter = { description: 'Seconds to wait', schema: { type: 'integer' } };
const doc = (responses: object, extra: object = {}) => ({
  openapi: '3.0.3',
  info,
  paths: { '/orders': { get: { responses: { '200': ok, ...responses } } } },
  ...extra,
});

testRule('rate-limit-retry-after', [
  {
    name: 'a 429 without Retry-After gets an error at the response',
    document: doc({ '429': { description: 'Too many requests' } }),
    errors: [{ path: ['paths', '/orders', 'get', 'responses', '429'], message: 'Retry-After', severity: 'error' }],
  },
  {
    name: 'a 429 with an integer Retry-After is compliant',
    document: doc({ '429': { description: 'Too many requests', headers: { 'Retry-After': retryAfter } } }),
    errors: [],
  },
  {
    name: 'an HTTP-date string Retry-After and another letter case are compliant',
    document: doc({
      '429': { description: 'Too many requests', headers: { 'retry-after': { schema: { type: 'string', example: 'Wed, 21 Oct 2015 07:28:00 GMT' } } } },
      '503': { description: 'Unavailable', headers: { 'RETRY-AFTER': { schema: { type: 'integer' } } } },
    }),
    errors: [],
  },
  {
    name: 'a 503 without Retry-After is reported as a recommendation',
    document: doc({
      '429': { description: 'Too many requests', headers: { 'Retry-After': retryAfter } },
      '503': { description: 'Service unavailable' },
    }),
    errors: [{ path: ['paths', '/orders', 'get', 'responses', '503'], message: 'recommended' }],
  },
  {
    name: 'a Retry-After with a boolean schema is reported at its schema',
    document: doc({ '429': { description: 'Too many requests', headers: { 'Retry-After': { schema: { type: 'boolean' } } } } }),
    errors: [{ path: ['paths', '/orders', 'get', 'responses', '429', 'headers', 'Retry-After', 'schema'], message: 'integer' }],
  },
  {
    name: 'a Retry-After schema inside allOf is read through it',
    document: doc({
      '429': { description: 'Too many requests', headers: { 'Retry-After': { schema: { allOf: [{ type: 'number' }, { minimum: 0 }] } } } },
    }),
    errors: [{ path: ['paths', '/orders', 'get', 'responses', '429', 'headers', 'Retry-After', 'schema'], message: 'number' }],
  },
  {
    name: 'a 429 behind $ref (components/responses) is reported at the component',
    document: doc(
      { '429': { $ref: '#/components/responses/TooManyRequests' } },
      { components: { responses: { TooManyRequests: { description: 'Too many requests' } } } },
    ),
    errors: [{ path: ['components', 'responses', 'TooManyRequests'] }],
  },
  {
    name: 'Retry-After behind $ref (components/headers, components/schemas) is followed',
    document: doc(
      { '429': { description: 'Too many requests', headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } },
      {
        components: {
          headers: { RetryAfter: { schema: { $ref: '#/components/schemas/Seconds' } } },
          schemas: { Seconds: { type: 'integer', minimum: 0 } },
        },
      },
    ),
    errors: [],
  },
  {
    name: 'a wrong Retry-After schema behind $ref is reported where it is declared',
    document: doc(
      { '429': { description: 'Too many requests', headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } },
      { components: { headers: { RetryAfter: { schema: { type: 'array', items: { type: 'string' } } } } } },
    ),
    errors: [{ path: ['components', 'headers', 'RetryAfter', 'schema'] }],
  },
  {
    name: 'an operation exempt with x-rate-limit: false is not checked',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/health': { 'x-rate-limit': false, get: { responses: { '200': ok, '503': { description: 'Down' } } } } },
    },
    errors: [],
  },
  {
    name: 'webhook and callback operations are not flagged',
    document: `
openapi: 3.1.0
info: {title: Orders API, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        '201': {description: Created}
      callbacks:
        orderEvent:
          '{$request.body#/callbackUrl}':
            post:
              responses:
                '429': {description: Slow down}
webhooks:
  orderPlaced:
    post:
      responses:
        '503': {description: Unavailable}
`,
    errors: [],
  },
]);

testNoThrow('rate-limit-retry-after', [
  { name: 'headers is an array', document: doc({ '429': { description: 'x', headers: [] } }) },
  { name: 'header is a string', document: doc({ '429': { description: 'x', headers: { 'Retry-After': 'int' } } }) },
  { name: 'header schema is a string', document: doc({ '429': { description: 'x', headers: { 'Retry-After': { schema: 'integer' } } } }) },
  { name: 'header content is an array', document: doc({ '429': { description: 'x', headers: { 'Retry-After': { content: [] } } } }) },
  { name: 'type is a number', document: doc({ '429': { description: 'x', headers: { 'Retry-After': { schema: { type: 5, allOf: 'x' } } } } }) },
  { name: 'response is null', document: doc({ '429': null, '503': 3 }) },
  { name: 'circular schema', document: doc({ '429': { description: 'x', headers: { 'Retry-After': { schema: { $ref: '#/components/schemas/A' } } } } }, { components: { schemas: { A: { allOf: [{ $ref: '#/components/schemas/A' }] } } } }) },
]);
