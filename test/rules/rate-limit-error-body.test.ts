import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Orders API', version: '1.0.0' };
const seedSchema = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, retry_after: { type: 'integer' } },
};
const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
};
const doc = (tooMany: object, extra: object = {}) => ({
  openapi: '3.0.3',
  info,
  paths: { '/orders': { get: { responses: { '200': { description: 'OK' }, '429': tooMany } } } },
  ...extra,
});
const at = ['paths', '/orders', 'get', 'responses', '429'];

testRule('rate-limit-error-body', [
  {
    name: 'a 429 without a body is reported at the response',
    document: doc({ description: 'Too many requests' }),
    errors: [{ path: at, message: 'no body', severity: 'warn' }],
  },
  {
    name: 'a 429 body without retry_after is reported at its schema',
    document: doc({
      description: 'Too many requests',
      content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
    }),
    errors: [{ path: [...at, 'content', 'application/json', 'schema'], message: 'retry_after' }],
  },
  {
    name: 'a 429 body with code, message and retry_after is compliant',
    document: doc({ description: 'Too many requests', content: { 'application/json; charset=utf-8': { schema: seedSchema } } }),
    errors: [],
  },
  {
    name: 'properties are read through allOf and $ref (components/schemas, components/responses)',
    document: doc(
      { $ref: '#/components/responses/TooManyRequests' },
      {
        components: {
          responses: {
            TooManyRequests: {
              description: 'Too many requests',
              content: {
                'application/json': {
                  schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { type: 'object', properties: { retry_after: { type: 'integer' } } }] },
                },
              },
            },
          },
          schemas: { Error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    ),
    errors: [],
  },
  {
    name: 'a $ref to a shared error schema lacking retry_after is reported at the media type that references it (inside the $ref\'d response)',
    document: doc(
      { $ref: '#/components/responses/TooManyRequests' },
      {
        components: {
          responses: {
            TooManyRequests: { description: 'Too many requests', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          },
          schemas: { Error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    ),
    errors: [{ path: ['components', 'responses', 'TooManyRequests', 'content', 'application/json'], message: 'retry_after' }],
  },
  {
    name: 'an inline 429 whose schema is a $ref to the shared error schema is reported at its media type, not at components/schemas',
    document: doc(
      { description: 'Too many requests', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      {
        components: {
          schemas: { Error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    ),
    errors: [{ path: [...at, 'content', 'application/json'], message: 'retry_after' }],
  },
  {
    name: 'an inline schema inside a $ref\'d response is reported at that schema',
    document: doc(
      { $ref: '#/components/responses/TooManyRequests' },
      {
        components: {
          responses: {
            TooManyRequests: { description: 'Too many requests', content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } },
          },
        },
      },
    ),
    errors: [{ path: ['components', 'responses', 'TooManyRequests', 'content', 'application/json', 'schema'], message: 'retry_after' }],
  },
  {
    name: 'an {error: {code, message}, retry_after} envelope is accepted',
    document: doc({
      description: 'Too many requests',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
              retry_after: { type: 'integer' },
            },
          },
        },
      },
    }),
    errors: [],
  },
  {
    name: 'common spellings count: error (code), error_description, retryAfter',
    document: doc({
      description: 'Too many requests',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { error: { type: 'string' }, error_description: { type: 'string' }, retryAfter: { type: 'integer' } } },
        },
      },
    }),
    errors: [],
  },
  {
    name: 'problem-json: a problem+json body with type, title and status is compliant',
    options: { errorFormat: 'problem-json' },
    document: doc({ description: 'Too many requests', content: { 'application/problem+json': { schema: problemSchema } } }),
    errors: [],
  },
  {
    name: 'problem-json: a plain JSON body is reported at content',
    options: { errorFormat: 'problem-json' },
    document: doc({ description: 'Too many requests', content: { 'application/json': { schema: seedSchema } } }),
    errors: [{ path: [...at, 'content'], message: 'application/problem+json' }],
  },
  {
    name: 'problem-json: a problem schema without status is reported at the schema',
    options: { 'rate-limit-error-body': { format: 'problem-json' } },
    document: doc({
      description: 'Too many requests',
      content: { 'application/problem+json': { schema: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' } } } } },
    }),
    errors: [{ path: [...at, 'content', 'application/problem+json', 'schema'], message: '`status`' }],
  },
  {
    name: 'either: seed or problem+json bodies are both accepted',
    options: { errorFormat: 'either' },
    document: {
      openapi: '3.0.3',
      info,
      paths: {
        '/a': { get: { responses: { '429': { description: 'x', content: { 'application/json': { schema: seedSchema } } } } } },
        '/b': { get: { responses: { '429': { description: 'x', content: { 'application/problem+json': { schema: problemSchema } } } } } },
      },
    },
    errors: [],
  },
  {
    name: 'either: a body that is neither is reported',
    options: { errorFormat: 'either' },
    document: doc({ description: 'x', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } }),
    errors: [{ path: [...at, 'content', 'application/json', 'schema'], message: 'problem+json' }],
  },
  {
    name: 'x-rate-limit: false exempts the operation',
    document: { ...doc({ description: 'Too many requests' }), 'x-rate-limit': false },
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
        '429': {description: Slow down}
`,
    errors: [],
  },
]);

testNoThrow('rate-limit-error-body', [
  { name: 'content is an array', document: doc({ description: 'x', content: [] }) },
  { name: 'media type is a string', document: doc({ description: 'x', content: { 'application/json': 'x' } }) },
  { name: 'schema is a number', document: doc({ description: 'x', content: { 'application/json': { schema: 1 } } }) },
  { name: 'properties is an array', document: doc({ description: 'x', content: { 'application/json': { schema: { properties: [], allOf: {}, oneOf: 'x' } } } }) },
  { name: 'problem schema is null', document: doc({ description: 'x', content: { 'application/problem+json': { schema: null } } }), options: { errorFormat: 'problem-json' } },
  { name: 'circular schema', document: doc({ description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } }, { components: { schemas: { A: { properties: { error: { $ref: '#/components/schemas/A' } }, allOf: [{ $ref: '#/components/schemas/A' }] } } } }) },
  { name: 'response is a string', document: doc('x' as never) },
]);
