import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Payments API', version: '1.0.0' };
const ok = { '200': { description: 'OK' } };
const key = (extra: object = {}) => ({ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, ...extra });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const doc = (paths: object, extra: object = {}) => ({ openapi: '3.0.3', info, paths, ...extra });

testRule('idempotency-key-on-safe-method', [
  {
    name: 'GET, PUT and DELETE with the key are reported at the parameter',
    document: doc({
      '/payments/{id}': {
        parameters: [id],
        get: { parameters: [key()], responses: ok },
        put: { parameters: [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }, key({ name: 'idempotency-key' })], responses: ok },
        delete: { parameters: [key()], responses: { '204': { description: 'Deleted' } } },
      },
    }),
    errors: [
      { path: ['paths', '/payments/{id}', 'get', 'parameters', 0], message: 'idempotent', severity: 'info' },
      { path: ['paths', '/payments/{id}', 'put', 'parameters', 1] },
      { path: ['paths', '/payments/{id}', 'delete', 'parameters', 0] },
    ],
  },
  {
    name: 'POST and PATCH with the key are compliant',
    document: doc({
      '/payments': { post: { parameters: [key({ required: true })], responses: { '201': { description: 'Created' } } } },
      '/payments/{id}': { parameters: [id], patch: { parameters: [key()], responses: ok }, get: { responses: ok } },
    }),
    errors: [],
  },
  {
    name: 'a path-level key shared with GET is reported at the path level, once',
    document: doc({
      '/payments': {
        parameters: [key()],
        post: { responses: { '201': { description: 'Created' } } },
        get: { responses: ok },
        head: { responses: ok },
      },
    }),
    errors: [{ path: ['paths', '/payments', 'parameters', 0], message: 'path-level' }],
  },
  {
    name: 'a key behind $ref (components/parameters) is reported at the referencing parameters list, not at the shared component',
    document: doc(
      {
        '/payments': {
          get: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: ok },
          post: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: { '201': { description: 'Created' } } },
        },
      },
      { components: { parameters: { IdempotencyKey: key({ required: true }) } } },
    ),
    errors: [{ path: ['paths', '/payments', 'get', 'parameters'], message: '$ref' }],
  },
  {
    name: 'a path-level $ref to the key is reported at the path-level parameters list',
    document: doc(
      {
        '/payments/{id}': {
          parameters: [id, { $ref: '#/components/parameters/IdempotencyKey' }],
          put: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok },
        },
      },
      { components: { parameters: { IdempotencyKey: key() } } },
    ),
    errors: [{ path: ['paths', '/payments/{id}', 'parameters'], message: 'path-level' }],
  },
  {
    name: 'a query parameter of the same name is not the header',
    document: doc({ '/payments': { get: { parameters: [key({ in: 'query' })], responses: ok } } }),
    errors: [],
  },
  {
    name: 'webhook and callback operations are not flagged',
    document: `
openapi: 3.1.0
info: {title: Payments API, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        '201': {description: Created}
      callbacks:
        paymentEvent:
          '{$request.body#/callbackUrl}':
            put:
              parameters:
                - {name: Idempotency-Key, in: header, schema: {type: string}}
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    put:
      parameters:
        - {name: Idempotency-Key, in: header, schema: {type: string}}
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('idempotency-key-on-safe-method', [
  { name: 'parameters is an object', document: doc({ '/p': { parameters: { a: 1 }, get: { parameters: { b: 2 }, responses: ok } } }) },
  { name: 'parameter entries of wrong types', document: doc({ '/p': { get: { parameters: [null, [], 'Idempotency-Key', { name: ['Idempotency-Key'], in: 'header' }], responses: ok } } }) },
  { name: 'operation is an array', document: doc({ '/p': { get: [] } }) },
]);
