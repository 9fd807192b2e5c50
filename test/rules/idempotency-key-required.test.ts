import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Payments API', version: '1.0.0' };
const created = { '201': { description: 'Created' } };
const key = (extra: object = {}) => ({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 }, ...extra });
const doc = (paths: object, extra: object = {}) => ({ openapi: '3.0.3', info, paths, ...extra });

testRule('idempotency-key-required', [
  {
    name: 'POST /payments without Idempotency-Key is reported at the operation',
    document: doc({ '/payments': { post: { responses: created } } }),
    errors: [{ path: ['paths', '/payments', 'post'], message: 'Idempotency-Key', severity: 'error' }],
  },
  {
    name: 'POST /payments with a required Idempotency-Key header is compliant',
    document: doc({ '/payments': { post: { parameters: [key()], responses: created } } }),
    errors: [],
  },
  {
    name: 'an optional key is reported at the parameter',
    document: doc({ '/orders': { post: { parameters: [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }, key({ required: false })], responses: created } } }),
    errors: [{ path: ['paths', '/orders', 'post', 'parameters', 1], message: 'required: true' }],
  },
  {
    name: 'a header name in another letter case counts',
    document: doc({ '/refunds': { post: { parameters: [key({ name: 'idempotency-key' })], responses: created } } }),
    errors: [],
  },
  {
    name: 'a path-level parameter counts; an optional one is reported at the path level',
    document: doc({
      '/transfers': { parameters: [key()], post: { responses: created } },
      '/payouts': { parameters: [key({ required: false })], post: { responses: created } },
    }),
    errors: [{ path: ['paths', '/payouts', 'parameters', 0] }],
  },
  {
    name: 'a parameter behind $ref (components/parameters) is followed and reported at the component',
    document: doc(
      {
        '/invoices': { post: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: created } },
        '/charges': { post: { parameters: [{ $ref: '#/components/parameters/OptionalKey' }], responses: created } },
      },
      { components: { parameters: { IdempotencyKey: key(), OptionalKey: key({ required: false }) } } },
    ),
    errors: [{ path: ['components', 'parameters', 'OptionalKey'] }],
  },
  {
    name: 'the key in the query string is reported at the parameter',
    document: doc({ '/checkout': { post: { parameters: [{ name: 'Idempotency-Key', in: 'query', required: true, schema: { type: 'string' } }], responses: created } } }),
    errors: [{ path: ['paths', '/checkout', 'post', 'parameters', 0], message: 'in: header' }],
  },
  {
    name: 'operationId and tags match the critical pattern (case-insensitive)',
    document: doc({
      '/things': { post: { operationId: 'createCharge', responses: created } },
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        patch: { tags: ['Billing', 'SUBSCRIPTIONS'], responses: { '200': { description: 'OK' } } },
      },
    }),
    errors: [
      { path: ['paths', '/things', 'post'], message: 'operationId' },
      { path: ['paths', '/items/{id}', 'patch'], message: 'tag "SUBSCRIPTIONS"' },
    ],
  },
  {
    name: 'x-idempotency.required: true makes any POST critical; on the root, every POST and PATCH',
    document: doc(
      {
        '/users': { post: { responses: created }, get: { responses: { '200': { description: 'OK' } } } },
        '/notes': { post: { 'x-idempotency': { required: true }, parameters: [key()], responses: created } },
      },
      { 'x-idempotency': { required: true, ttl: '24h' } },
    ),
    errors: [{ path: ['paths', '/users', 'post'], message: 'x-idempotency.required' }],
  },
  {
    name: 'x-idempotency.required: false on the operation opts out of the pattern',
    document: doc({ '/orders/search': { post: { 'x-idempotency': { required: false }, responses: { '200': { description: 'OK' } } } } }),
    errors: [],
  },
  {
    name: 'GET, PUT and DELETE on critical paths are not checked; non-critical POSTs neither',
    document: doc({
      '/payments/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { responses: { '200': { description: 'OK' } } },
        put: { responses: { '200': { description: 'OK' } } },
        delete: { responses: { '204': { description: 'Deleted' } } },
      },
      '/users': { post: { responses: created } },
    }),
    errors: [],
  },
  {
    name: 'options: methods, header and criticalPattern',
    options: { 'idempotency-key-required': { methods: ['post', 'put'], header: 'X-Request-Id', criticalPattern: '^/accounts' } },
    document: doc({
      '/accounts/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        put: { responses: { '200': { description: 'OK' } } },
      },
      '/accounts': { post: { parameters: [{ name: 'x-request-id', in: 'header', required: true, schema: { type: 'string' } }], responses: created } },
      '/payments': { post: { responses: created } },
    }),
    errors: [{ path: ['paths', '/accounts/{id}', 'put'], message: 'X-Request-Id' }],
  },
  {
    name: 'webhook and callback operations are not flagged',
    document: `
openapi: 3.1.0
info: {title: Payments API, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      parameters:
        - {name: Idempotency-Key, in: header, required: true, schema: {type: string, maxLength: 255}}
      responses:
        '201': {description: Created}
      callbacks:
        paymentEvent:
          '{$request.body#/callbackUrl}':
            post:
              operationId: paymentSucceeded
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    post:
      operationId: orderPlaced
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('idempotency-key-required', [
  { name: 'parameters is an object', document: doc({ '/payments': { parameters: {}, post: { parameters: { a: 1 }, responses: created } } }) },
  { name: 'parameter entries of wrong types', document: doc({ '/payments': { post: { parameters: [null, 1, 'x', { name: 5, in: [] }], responses: created } } }) },
  { name: 'tags and operationId of wrong types', document: doc({ '/x': { post: { tags: 'payment', operationId: 7, responses: created } } }) },
  { name: 'tags with non-strings', document: doc({ '/x': { post: { tags: [1, null, { a: 1 }], responses: created } } }) },
  { name: 'x-idempotency of wrong types', document: doc({ '/x': { post: { 'x-idempotency': 'yes', responses: created } } }, { 'x-idempotency': [true] }) },
  { name: 'operation is null', document: doc({ '/payments': { post: null } }) },
]);
