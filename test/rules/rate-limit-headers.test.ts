import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Orders API', version: '1.0.0' };
const int = { schema: { type: 'integer' } };
const str = { schema: { type: 'string' } };
const xHeaders = { 'X-RateLimit-Limit': int, 'X-RateLimit-Remaining': int, 'X-RateLimit-Reset': int };
const ietfHeaders = { RateLimit: str, 'RateLimit-Policy': str };
const doc = (responses: object, extra: object = {}) => ({
  openapi: '3.0.3',
  info,
  paths: { '/orders': { get: { responses } } },
  ...extra,
});
const at = (code: string) => ['paths', '/orders', 'get', 'responses', code];

testRule('rate-limit-headers', [
  {
    name: 'a 200 and a 429 without rate-limit headers: one result per response',
    document: doc({ '200': { description: 'OK' }, '429': { description: 'Too many requests' }, '404': { description: 'Not found' } }),
    errors: [
      { path: at('200'), message: 'X-RateLimit-Limit', severity: 'warn' },
      { path: at('429'), message: 'X-RateLimit-Reset' },
    ],
  },
  {
    name: 'one result names every missing header',
    document: doc({ '200': { description: 'OK', headers: { 'X-RateLimit-Limit': int } } }),
    errors: [{ path: at('200'), message: /`X-RateLimit-Remaining`, `X-RateLimit-Reset`/ }],
  },
  {
    name: 'the three X-RateLimit headers with integer schemas are compliant (any letter case)',
    document: doc({
      '200': { description: 'OK', headers: xHeaders },
      '2XX': { description: 'OK', headers: { 'x-ratelimit-limit': int, 'X-RATELIMIT-REMAINING': int, 'x-RateLimit-reset': int } },
      '429': { description: 'Too many requests', headers: xHeaders },
    }),
    errors: [],
  },
  {
    name: 'a header with a string schema is reported at its schema',
    document: doc({ '201': { description: 'Created', headers: { ...xHeaders, 'X-RateLimit-Reset': { schema: { type: 'string', format: 'date-time' } } } } }),
    errors: [{ path: [...at('201'), 'headers', 'X-RateLimit-Reset', 'schema'], message: 'integer' }],
  },
  {
    name: 'header schemas are read through allOf',
    document: doc({ '200': { description: 'OK', headers: { ...xHeaders, 'X-RateLimit-Limit': { schema: { allOf: [{ type: 'integer' }, { minimum: 1 }] } } } } }),
    errors: [],
  },
  {
    name: 'responses and headers behind $ref are followed; results land on the component',
    document: doc(
      { '200': { $ref: '#/components/responses/Ok' }, '429': { $ref: '#/components/responses/TooMany' } },
      {
        components: {
          responses: {
            Ok: {
              description: 'OK',
              headers: {
                'X-RateLimit-Limit': { $ref: '#/components/headers/Limit' },
                'X-RateLimit-Remaining': { $ref: '#/components/headers/Remaining' },
                'X-RateLimit-Reset': { $ref: '#/components/headers/Reset' },
              },
            },
            TooMany: { description: 'Too many requests', headers: { 'X-RateLimit-Limit': { $ref: '#/components/headers/Limit' } } },
          },
          headers: {
            Limit: { schema: { $ref: '#/components/schemas/Count' } },
            Remaining: { schema: { $ref: '#/components/schemas/Count' } },
            Reset: { schema: { type: 'number' } },
          },
          schemas: { Count: { type: 'integer' } },
        },
      },
    ),
    errors: [
      { path: ['components', 'responses', 'TooMany'], message: 'X-RateLimit-Remaining' },
      { path: ['components', 'headers', 'Reset', 'schema'], message: 'integer' },
    ],
  },
  {
    name: 'ietf style: RateLimit and RateLimit-Policy string headers are compliant',
    options: { rateLimitHeaders: 'ietf' },
    document: doc({ '200': { description: 'OK', headers: ietfHeaders }, '429': { description: 'Too many', headers: { ratelimit: str, 'ratelimit-policy': str } } }),
    errors: [],
  },
  {
    name: 'ietf style: X-RateLimit headers do not count',
    options: { rateLimitHeaders: 'ietf' },
    document: doc({ '200': { description: 'OK', headers: { ...xHeaders, RateLimit: { schema: { type: 'integer' } } } } }),
    errors: [
      { path: at('200'), message: 'RateLimit-Policy' },
    ],
  },
  {
    name: 'ietf style: a RateLimit header with an integer schema is reported',
    options: { 'rate-limit-headers': { style: 'ietf' } },
    document: doc({ '200': { description: 'OK', headers: { ...ietfHeaders, RateLimit: { schema: { type: 'integer' } } } } }),
    errors: [{ path: [...at('200'), 'headers', 'RateLimit', 'schema'], message: 'string' }],
  },
  {
    name: 'either style: one complete set is enough',
    options: { rateLimitHeaders: 'either' },
    document: doc({ '200': { description: 'OK', headers: ietfHeaders }, '429': { description: 'Too many', headers: xHeaders } }),
    errors: [],
  },
  {
    name: 'either style: an incomplete set names both alternatives',
    options: { rateLimitHeaders: 'either' },
    document: doc({ '200': { description: 'OK', headers: { RateLimit: str, 'X-RateLimit-Limit': int } } }),
    errors: [{ path: at('200'), message: /RateLimit-Policy.*or|or.*RateLimit-Policy/ }],
  },
  {
    name: 'x-rate-limit: false exempts the operation',
    document: { openapi: '3.0.3', info, 'x-rate-limit': false, paths: { '/orders': { get: { responses: { '200': { description: 'OK' } } } } } },
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
        '201':
          description: Created
          headers:
            X-RateLimit-Limit: {schema: {type: integer}}
            X-RateLimit-Remaining: {schema: {type: integer}}
            X-RateLimit-Reset: {schema: {type: integer}}
      callbacks:
        orderEvent:
          '{$request.body#/callbackUrl}':
            post:
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    post:
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('rate-limit-headers', [
  { name: 'headers is an array', document: doc({ '200': { description: 'x', headers: [] } }) },
  { name: 'header is a number', document: doc({ '200': { description: 'x', headers: { 'X-RateLimit-Limit': 1, 'X-RateLimit-Remaining': null, 'X-RateLimit-Reset': [] } } }) },
  { name: 'schema is a string', document: doc({ '200': { description: 'x', headers: { 'X-RateLimit-Limit': { schema: 'int' }, 'X-RateLimit-Remaining': { schema: [] }, 'X-RateLimit-Reset': { content: 'x' } } } }) },
  { name: 'responses is a string', document: doc('x' as never) },
  { name: 'response is an array', document: doc({ '200': [], '429': 'x' }) },
]);
