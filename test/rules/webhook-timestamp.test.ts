import { testNoThrow, testRule } from '../helpers/testRule';

const doc = (opExtra = '', rootExtra = '', pathExtra = '') => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
${rootExtra}webhooks:
  orderPlaced:
${pathExtra}    post:
${opExtra}      responses:
        "204": {description: received}
`;
const OP = ['webhooks', 'orderPlaced', 'post'];
const ts = (name: string, indent = '      ') => `${indent}parameters:\n${indent}  - {name: ${name}, in: header, required: true, schema: {type: integer}}\n`;

testRule('webhook-timestamp', [
  { name: 'no timestamp header', document: doc(), errors: [{ path: OP, message: 'X-Webhook-Timestamp', severity: 'warn' }] },
  { name: 'X-Webhook-Timestamp', document: doc(ts('X-Webhook-Timestamp')), errors: [] },
  { name: 'webhook-timestamp in another letter case', document: doc(ts('Webhook-Timestamp')), errors: [] },
  { name: 'a path-level timestamp header', document: doc('', '', ts('x-webhook-timestamp', '    ')), errors: [] },
  {
    name: 'x-webhook-signature.timestampHeader (root)',
    document: doc('', 'x-webhook-signature: {algorithm: hmac-sha256, header: X-Signature, timestampHeader: X-Signature-Time}\n'),
    errors: [],
  },
  {
    name: 'a header parameter behind $ref',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      parameters: [{$ref: '#/components/parameters/Ts'}]
      responses:
        "204": {description: received}
components:
  parameters:
    Ts: {name: X-Webhook-Timestamp, in: header, required: true, schema: {type: integer}}
`,
    errors: [],
  },
  {
    name: 'a query parameter does not count',
    document: doc('      parameters:\n        - {name: X-Webhook-Timestamp, in: query, schema: {type: integer}}\n'),
    errors: [{ path: OP }],
  },
  {
    name: 'callbacks',
    document: `openapi: 3.0.3
info: {title: Streams, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        "201": {description: created}
      callbacks:
        onEvent:
          "{$request.body#/callbackUrl}":
            post:
              responses:
                "200": {description: ok}
`,
    errors: [{ path: ['paths', '/subscriptions', 'post', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post'] }],
  },
]);

testNoThrow('webhook-timestamp', [
  { name: 'x-webhook-signature.timestampHeader a number', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-webhook-signature': { timestampHeader: 1 }, webhooks: { a: { post: {} } } } },
  { name: 'parameters not a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { parameters: {}, post: { parameters: 'x' } } } } },
]);
