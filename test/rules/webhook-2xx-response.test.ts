import { testNoThrow, testRule } from '../helpers/testRule';

const doc = (responses: string) => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      responses:
${responses}`;
const OP = ['webhooks', 'orderPlaced', 'post'];

testRule('webhook-2xx-response', [
  { name: 'only error responses', document: doc('        "400": {description: bad}\n'), errors: [{ path: [...OP, 'responses'], message: '2xx', severity: 'warn' }] },
  { name: 'a 204', document: doc('        "204": {description: received}\n'), errors: [] },
  { name: 'a 2XX range', document: doc('        "2XX": {description: received}\n'), errors: [] },
  { name: 'default only', document: doc('        default: {description: any}\n'), errors: [{ path: [...OP, 'responses'] }] },
  {
    name: 'no responses at all (3.1 allows it)',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nwebhooks:\n  orderPlaced:\n    post:\n      summary: Order placed\n',
    errors: [{ path: OP }],
  },
  {
    name: 'a response behind $ref',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      responses:
        "200": {$ref: '#/components/responses/Ack'}
components:
  responses:
    Ack: {description: received}
`,
    errors: [],
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
                "410": {description: unsubscribe}
`,
    errors: [{ path: ['paths', '/subscriptions', 'post', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post', 'responses'] }],
  },
  {
    name: 'operations under paths are not checked',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "404": {description: x}\n',
    errors: [],
  },
]);

testNoThrow('webhook-2xx-response', [
  { name: 'responses is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { responses: [200] } } } } },
  { name: 'responses is null', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { responses: null } } } } },
]);
