import { testNoThrow, testRule } from '../helpers/testRule';

const doc = (opExtra = '', rootExtra = '', params = '') => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
${rootExtra}webhooks:
  orderPlaced:
    post:
${opExtra}${params}      responses:
        "204": {description: received}
  orderShipped:
    post:
      responses:
        "204": {description: received}
`;
const OP = ['webhooks', 'orderPlaced', 'post'];
const OP2 = ['webhooks', 'orderShipped', 'post'];
const header = (extra: string, name = 'X-Webhook-Signature') =>
  `      parameters:\n        - name: ${name}\n          in: header\n          required: true\n${extra}`;

testRule('webhook-signature-algorithm', [
  {
    name: 'no algorithm stated anywhere',
    document: doc(),
    errors: [
      { path: OP, message: 'does not state', severity: 'warn' },
      { path: OP2, message: 'does not state' },
    ],
  },
  {
    name: 'root x-webhook-signature hmac-sha256 covers every webhook',
    document: doc('', 'x-webhook-signature: {algorithm: hmac-sha256, header: X-Webhook-Signature}\n'),
    errors: [],
  },
  {
    name: 'an insecure root algorithm is reported once, at the root',
    document: doc('', 'x-webhook-signature: {algorithm: hmac-sha1, header: X-Webhook-Signature}\n'),
    errors: [{ path: ['x-webhook-signature', 'algorithm'], message: 'Insecure' }],
  },
  {
    name: 'an MD5 operation algorithm overrides a good root one',
    document: doc('      x-webhook-signature: {algorithm: MD5, header: X-Webhook-Signature}\n', 'x-webhook-signature: {algorithm: HMAC-SHA256, header: X-Webhook-Signature}\n'),
    errors: [{ path: [...OP, 'x-webhook-signature', 'algorithm'], message: 'Insecure' }],
  },
  {
    name: 'another algorithm is a warning',
    document: doc('', 'x-webhook-signature: {algorithm: hmac-sha512, header: X-Webhook-Signature}\n'),
    errors: [{ path: ['x-webhook-signature', 'algorithm'], message: 'hmac-sha256' }],
  },
  {
    name: 'stated by the header schema pattern and description',
    document: doc(
      '',
      '',
      header('          description: HMAC-SHA256 of the raw body, hex encoded.\n          schema: {type: string, pattern: "^sha256=[a-f0-9]{64}$"}\n'),
    ).replace(/  orderShipped:[\s\S]*$/, ''),
    errors: [],
  },
  {
    name: 'a SHA-1 header pattern is insecure, reported at the parameter (case-insensitive name, path-level)',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    parameters:
      - name: x-webhook-signature
        in: header
        required: true
        schema: {type: string, pattern: "^sha1=[a-f0-9]{40}$"}
    post:
      responses:
        "204": {description: received}
`,
    errors: [{ path: ['webhooks', 'orderPlaced', 'parameters', 0], message: 'Insecure' }],
  },
  {
    name: 'a header schema behind $ref',
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
    Signature:
      name: X-Webhook-Signature
      in: header
      required: true
      schema: {$ref: '#/components/schemas/Signature'}
  schemas:
    Signature: {type: string, description: "hex HMAC-SHA256 of the body"}
`,
    errors: [],
  },
  {
    name: 'callbacks are checked',
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
              x-webhook-signature: {algorithm: sha1, header: X-Webhook-Signature}
              responses:
                "200": {description: ok}
`,
    errors: [{ path: ['paths', '/subscriptions', 'post', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post', 'x-webhook-signature', 'algorithm'], message: 'Insecure' }],
  },
  {
    name: 'ed25519 is accepted with Standard Webhooks',
    options: { webhookSignature: 'standard-webhooks' },
    document: doc('', 'x-webhook-signature: {algorithm: ed25519, header: webhook-signature}\n'),
    errors: [],
  },
  {
    name: 'a Standard Webhooks v1 signature pattern states HMAC-SHA256',
    options: { webhookSignature: 'standard-webhooks' },
    document: doc('', '', header('          schema: {type: string, pattern: "^v1,[A-Za-z0-9+/=]+$"}\n', 'webhook-signature')).replace(/  orderShipped:[\s\S]*$/, ''),
    errors: [],
  },
  {
    name: 'ed25519 is not the seed convention',
    document: doc('', 'x-webhook-signature: {algorithm: ed25519, header: X-Webhook-Signature}\n'),
    errors: [{ path: ['x-webhook-signature', 'algorithm'] }],
  },
  {
    name: 'no webhooks, no result',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\nx-webhook-signature: {algorithm: md5, header: X}\n',
    errors: [],
  },
]);

testNoThrow('webhook-signature-algorithm', [
  { name: 'algorithm is a number', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-webhook-signature': { algorithm: 5 }, webhooks: { a: { post: {} } } } },
  { name: 'x-webhook-signature is a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-webhook-signature': 'hmac', webhooks: { a: { post: { 'x-webhook-signature': null } } } } },
  { name: 'parameter schema of the wrong types', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { parameters: [{ name: 'X-Webhook-Signature', in: 'header', schema: 'x', description: 3 }] } } } } },
  { name: 'root is a list', document: '[1, 2]' },
]);
