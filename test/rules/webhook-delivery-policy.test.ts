import { testNoThrow, testRule } from '../helpers/testRule';

const doc = (rootExtra = '', opExtra = '') => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
${rootExtra}webhooks:
  orderPlaced:
    post:
${opExtra}      responses:
        "204": {description: received}
`;
const OP = ['webhooks', 'orderPlaced', 'post'];
const GOOD = '{timeout: 10s, retry: {maxAttempts: 5, backoff: exponential, initialInterval: 1s, jitter: 0.1}}';

testRule('webhook-delivery-policy', [
  { name: 'no delivery policy', document: doc(), errors: [{ path: OP, message: 'x-webhook-delivery', severity: 'warn' }] },
  { name: 'a root policy', document: doc(`x-webhook-delivery: ${GOOD}\n`), errors: [] },
  { name: 'an operation policy (ISO durations)', document: doc('', '      x-webhook-delivery: {timeout: PT15S, retry: {maxAttempts: 3, backoff: exponential, initialInterval: PT1S, jitter: 0.2}}\n'), errors: [] },
  {
    name: 'a timeout over 30s and too many attempts',
    document: doc('x-webhook-delivery: {timeout: 2m, retry: {maxAttempts: 10, backoff: exponential, initialInterval: 1s, jitter: 0.1}}\n'),
    errors: [
      { path: ['x-webhook-delivery', 'timeout'], message: '30s' },
      { path: ['x-webhook-delivery', 'retry', 'maxAttempts'], message: '10' },
    ],
  },
  {
    name: 'no retry and a malformed timeout on the operation',
    document: doc('', '      x-webhook-delivery: {timeout: soon}\n'),
    errors: [
      { path: [...OP, 'x-webhook-delivery'], message: 'retry' },
      { path: [...OP, 'x-webhook-delivery', 'timeout'], message: 'duration' },
    ],
  },
  {
    name: 'a retry without maxAttempts',
    document: doc('x-webhook-delivery: {timeout: 5s, retry: {backoff: exponential, initialInterval: 1s, jitter: 0.1}}\n'),
    errors: [{ path: ['x-webhook-delivery', 'retry'], message: 'maxAttempts' }],
  },
  {
    name: 'options: maxTimeout and maxAttempts',
    options: { 'webhook-delivery-policy': { maxTimeout: '5s', maxAttempts: 3 } },
    document: doc(`x-webhook-delivery: ${GOOD}\n`),
    errors: [
      { path: ['x-webhook-delivery', 'retry', 'maxAttempts'] },
      { path: ['x-webhook-delivery', 'timeout'] },
    ],
  },
  {
    name: 'callbacks without a policy',
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
  {
    name: 'a policy behind $ref',
    document: `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      x-webhook-delivery: {$ref: '#/components/x-delivery'}
      responses:
        "204": {description: received}
components:
  x-delivery: {timeout: 45s, retry: {maxAttempts: 5, backoff: exponential, initialInterval: 1s, jitter: 0.1}}
`,
    errors: [{ path: ['components', 'x-delivery', 'timeout'] }],
  },
  { name: 'no webhooks: the rule does not apply', document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n', errors: [] },
]);

testNoThrow('webhook-delivery-policy', [
  { name: 'policy is a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-webhook-delivery': 'fast', webhooks: { a: { post: {} } } } },
  { name: 'retry is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { 'x-webhook-delivery': { timeout: 5, retry: [1] } } } } } },
  { name: 'maxAttempts a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { 'x-webhook-delivery': { timeout: '1s', retry: { maxAttempts: 'infinite' } } } } } } },
]);
