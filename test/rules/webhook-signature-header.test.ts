import { testNoThrow, testRule } from '../helpers/testRule';

const hook = (params: string, extra = '') => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
${extra}webhooks:
  orderPlaced:
    post:
${params}      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        "204": {description: received}
`;

const sig = (name: string, required = true) =>
  `        - {name: ${name}, in: header, required: ${required}, schema: {type: string}}\n`;

const callbackDoc = (params: string, pathParams = '') => `openapi: 3.0.3
info: {title: Streams, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        "201": {description: created}
      callbacks:
        onEvent:
          "{$request.body#/callbackUrl}":
${pathParams}            post:
${params}              responses:
                "200": {description: ok}
`;

const OP = ['webhooks', 'orderPlaced', 'post'];
const CB = ['paths', '/subscriptions', 'post', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post'];

testRule('webhook-signature-header', [
  {
    name: 'a webhook without a signature header',
    document: hook(''),
    errors: [{ path: OP, message: 'X-Webhook-Signature', severity: 'error' }],
  },
  {
    name: 'required X-Webhook-Signature is compliant',
    document: hook(`      parameters:\n${sig('X-Webhook-Signature')}`),
    errors: [],
  },
  {
    name: 'header names compare case-insensitively',
    document: hook(`      parameters:\n${sig('x-webhook-signature')}`),
    errors: [],
  },
  {
    name: 'an optional signature header is reported at the parameter',
    document: hook(`      parameters:\n${sig('X-Webhook-Signature', false)}`),
    errors: [{ path: [...OP, 'parameters', 0], message: 'required: true' }],
  },
  {
    name: 'a signature header declared through $ref',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      parameters:
        - $ref: '#/components/parameters/Signature'
      responses:
        "204": {description: received}
components:
  parameters:
    Signature: {name: X-WEBHOOK-SIGNATURE, in: header, required: true, schema: {type: string}}
`,
    errors: [],
  },
  {
    name: 'path-level parameters of the webhook path item count',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    parameters:
      - {name: X-Webhook-Signature, in: header, required: true, schema: {type: string}}
    post:
      responses:
        "204": {description: received}
`,
    errors: [],
  },
  {
    name: 'an optional path-level header is reported at the path item parameter',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    parameters:
      - {name: X-Webhook-Signature, in: header, schema: {type: string}}
    post:
      responses:
        "204": {description: received}
`,
    errors: [{ path: ['webhooks', 'orderPlaced', 'parameters', 0], message: 'required: true' }],
  },
  {
    name: 'callbacks are webhook operations too',
    document: callbackDoc(''),
    errors: [{ path: CB, message: 'X-Webhook-Signature' }],
  },
  {
    name: 'a callback with the header at its path item level',
    document: callbackDoc('', `            parameters:\n              - {name: X-Webhook-Signature, in: header, required: true, schema: {type: string}}\n`),
    errors: [],
  },
  {
    name: 'a callback $ref to components.callbacks is reported once, at the definition',
    document: `openapi: 3.0.3
info: {title: Streams, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        "201": {description: created}
      callbacks:
        onEvent:
          $ref: '#/components/callbacks/onEvent'
components:
  callbacks:
    onEvent:
      "{$request.body#/callbackUrl}":
        post:
          responses:
            "200": {description: ok}
`,
    errors: [{ path: ['components', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post'] }],
  },
  {
    name: 'the header named by x-webhook-signature.header counts in the seed style',
    document: hook(`      parameters:\n${sig('X-Signature')}`, 'x-webhook-signature: {algorithm: hmac-sha256, header: X-Signature}\n'),
    errors: [],
  },
  {
    name: 'Standard Webhooks: all three headers required',
    options: { webhookSignature: 'standard-webhooks' },
    document: hook(`      parameters:\n${sig('webhook-id')}${sig('Webhook-Timestamp')}${sig('webhook-signature')}`),
    errors: [],
  },
  {
    name: 'Standard Webhooks: a missing webhook-id and an optional webhook-timestamp',
    options: { webhookSignature: 'standard-webhooks' },
    document: hook(`      parameters:\n${sig('webhook-timestamp', false)}${sig('webhook-signature')}`),
    errors: [
      { path: OP, message: 'webhook-id' },
      { path: [...OP, 'parameters', 0], message: 'webhook-timestamp' },
    ],
  },
  {
    name: 'Standard Webhooks: X-Webhook-Signature alone is not enough',
    options: { webhookSignature: 'standard-webhooks' },
    document: hook(`      parameters:\n${sig('X-Webhook-Signature')}`),
    errors: [{ path: OP, message: 'webhook-id' }],
  },
  {
    name: 'either: one complete set is enough',
    options: { 'webhook-signature-header': { style: 'either' } },
    document: hook(`      parameters:\n${sig('webhook-id')}${sig('webhook-timestamp')}${sig('webhook-signature')}`),
    errors: [],
  },
  {
    name: 'either: nothing declared names both sets',
    options: { webhookSignature: 'either' },
    document: hook(''),
    errors: [{ path: OP, message: /X-Webhook-Signature.*webhook-id/ }],
  },
  {
    name: 'operations under paths are not webhook operations',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
paths:
  /orders:
    post:
      responses:
        "201": {description: created}
`,
    errors: [],
  },
]);

testNoThrow('webhook-signature-header', [
  { name: 'webhooks is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: [1, 2] } },
  { name: 'webhook op is a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: 'x' } } } },
  {
    name: 'parameters of the wrong types',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      webhooks: { a: { parameters: 'x', post: { parameters: [null, 1, { name: 5, in: 'header' }, { name: 'X-Webhook-Signature' }] } } },
    },
  },
  {
    name: 'x-webhook-signature of the wrong types',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      'x-webhook-signature': [1],
      webhooks: { a: { post: { 'x-webhook-signature': { header: 7 } } } },
    },
  },
  { name: 'callbacks of the wrong types', document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { post: { callbacks: { x: 1, y: { z: [] } } } } } } },
]);
