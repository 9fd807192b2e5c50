import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Payments API', version: '1.0.0' };
const created = { '201': { description: 'Created' } };
const key = (extra: object = {}) => ({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 }, ...extra });
const doc = (paths: object, extra: object = {}) => ({ openapi: '3.0.3', info, paths, ...extra });
const op = (parameters: unknown[]) => doc({ '/payments': { post: { parameters, responses: created } } });
const at = ['paths', '/payments', 'post', 'parameters', 0];

testRule('idempotency-key-schema', [
  {
    name: 'a key without maxLength is reported at the parameter',
    document: op([key({ schema: { type: 'string' } })]),
    errors: [{ path: at, message: 'maxLength', severity: 'warn' }],
  },
  {
    name: 'a string key with maxLength <= 255 is compliant (any letter case)',
    document: op([key({ name: 'idempotency-key', schema: { type: 'string', format: 'uuid', maxLength: 36 } })]),
    errors: [],
  },
  {
    name: 'a maxLength above 255 and a non-string type are reported in one result',
    document: op([key({ schema: { type: 'integer', maxLength: 1024 } })]),
    errors: [{ path: at, message: /integer.*1024|1024.*integer/ }],
  },
  {
    name: 'a key in the query string is reported',
    document: op([key({ in: 'query' })]),
    errors: [{ path: at, message: 'in: header' }],
  },
  {
    name: 'the schema is read through allOf and $ref (components/schemas)',
    document: doc(
      {
        '/payments': { post: { parameters: [key({ schema: { allOf: [{ $ref: '#/components/schemas/Key' }, { maxLength: 64 }] } })], responses: created } },
        '/refunds': { post: { parameters: [key({ schema: { $ref: '#/components/schemas/Key' } })], responses: created } },
      },
      { components: { schemas: { Key: { type: 'string', minLength: 8 } } } },
    ),
    errors: [{ path: ['paths', '/refunds', 'post', 'parameters', 0], message: 'maxLength' }],
  },
  {
    name: 'a parameter behind $ref (components/parameters) is reported at the component, once',
    document: doc(
      {
        '/payments': { post: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: created } },
        '/refunds': { post: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: created } },
      },
      { components: { parameters: { IdempotencyKey: key({ schema: { type: 'string', maxLength: 1000 } }) } } },
    ),
    errors: [{ path: ['components', 'parameters', 'IdempotencyKey'], message: '1000' }],
  },
  {
    name: 'a path-level key is reported at the path level, once',
    document: doc({ '/payments': { parameters: [key({ schema: { type: 'string' } })], post: { responses: created }, patch: { responses: { '200': { description: 'OK' } } } } }),
    errors: [{ path: ['paths', '/payments', 'parameters', 0] }],
  },
  {
    name: 'a key declared with content instead of schema is read',
    document: op([{ name: 'Idempotency-Key', in: 'header', required: true, content: { 'text/plain': { schema: { type: 'string', maxLength: 100 } } } }]),
    errors: [],
  },
  {
    name: 'other parameters are ignored',
    document: op([{ name: 'X-Request-Id', in: 'header', schema: { type: 'integer' } }]),
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
            post:
              parameters:
                - {name: Idempotency-Key, in: header, schema: {type: string}}
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    post:
      parameters:
        - {name: Idempotency-Key, in: header, schema: {type: integer}}
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('idempotency-key-schema', [
  { name: 'schema is a string', document: op([key({ schema: 'string' })]) },
  { name: 'maxLength is a string', document: op([key({ schema: { type: 'string', maxLength: '255' } })]) },
  { name: 'content is an array', document: op([{ name: 'Idempotency-Key', in: 'header', content: [] }]) },
  { name: 'in is a number', document: op([{ name: 'Idempotency-Key', in: 1 }]) },
  { name: 'allOf is an object', document: op([key({ schema: { allOf: { type: 'string' } } })]) },
  { name: 'parameters is a string', document: doc({ '/payments': { parameters: 'x', post: { parameters: 'y', responses: created } } }) },
]);
