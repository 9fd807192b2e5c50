import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Payments API', version: '1.0.0' };
const r = (code: string) => ({ [code]: { description: `Status ${code}` } });
const key = (extra: object = {}) => ({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 }, ...extra });
const doc = (paths: object, extra: object = {}) => ({ openapi: '3.0.3', info, paths, ...extra });
const op = (parameters: unknown[], responses: object) => doc({ '/payments': { post: { parameters, responses } } });
const at = ['paths', '/payments', 'post'];

testRule('idempotency-responses', [
  {
    name: 'a required key without 400, 409 and 422 gets one result at the operation',
    document: op([key()], r('201')),
    errors: [{ path: at, message: /400.*409.*422/, severity: 'warn' }],
  },
  {
    name: 'a required key with 400, 409 and 422 is compliant',
    document: op([key()], { ...r('201'), ...r('400'), ...r('409'), ...r('422') }),
    errors: [],
  },
  {
    name: 'an optional key needs 409 and 422 only',
    document: op([key({ required: false })], { ...r('201'), ...r('409'), ...r('422') }),
    errors: [],
  },
  {
    name: 'a missing 422 is named',
    document: op([key({ name: 'idempotency-KEY', required: false })], { ...r('201'), ...r('409') }),
    errors: [{ path: at, message: '422' }],
  },
  {
    name: 'a path-level key counts',
    document: doc({ '/payments': { parameters: [key()], post: { responses: { ...r('201'), ...r('400') } } } }),
    errors: [{ path: at, message: /409.*422/ }],
  },
  {
    name: 'a key behind $ref (components/parameters) and responses behind $ref count',
    document: doc(
      {
        '/payments': {
          post: {
            parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
            responses: { ...r('201'), '400': { $ref: '#/components/responses/Error' }, '409': { $ref: '#/components/responses/Error' }, '422': { $ref: '#/components/responses/Error' } },
          },
        },
        '/refunds': { post: { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], responses: r('201') } },
      },
      { components: { parameters: { IdempotencyKey: key() }, responses: { Error: { description: 'Error' } } } },
    ),
    errors: [{ path: ['paths', '/refunds', 'post'] }],
  },
  {
    name: 'operations without the key are not checked (nor keys in the query)',
    document: doc({ '/payments': { post: { parameters: [{ name: 'Idempotency-Key', in: 'query', schema: { type: 'string' } }], responses: r('201') } }, '/users': { post: { responses: r('201') } } }),
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
                - {name: Idempotency-Key, in: header, required: true, schema: {type: string, maxLength: 255}}
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    post:
      parameters:
        - {name: Idempotency-Key, in: header, required: true, schema: {type: string, maxLength: 255}}
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('idempotency-responses', [
  { name: 'responses is an array', document: op([key()], [] as never) },
  { name: 'responses is null', document: op([key()], null as never) },
  { name: 'required is a string', document: op([key({ required: 'yes' })], r('201')) },
  { name: 'name is a number', document: op([{ name: 1, in: 'header' }], r('201')) },
  { name: 'parameters is null', document: doc({ '/payments': { parameters: null, post: { parameters: null, responses: r('201') } } }) },
]);
