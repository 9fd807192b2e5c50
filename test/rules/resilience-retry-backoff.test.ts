import { testNoThrow, testRule } from '../helpers/testRule';

const oas = (rootExtra = '', opExtra = '') => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}paths:
  /orders:
    post:
${opExtra}      responses:
        "201": {description: created}
`;
const OP = ['paths', '/orders', 'post'];
const GOOD = '{maxAttempts: 5, backoff: exponential, initialInterval: 1s, multiplier: 2, jitter: 0.1}';

testRule('resilience-retry-backoff', [
  { name: 'exponential with 10% jitter', document: oas(`x-retry-policy: ${GOOD}\n`, `      x-retry-policy: ${GOOD}\n`), errors: [] },
  {
    name: 'fixed backoff',
    document: oas('', '      x-retry-policy: {maxAttempts: 3, backoff: fixed, initialInterval: 1s, jitter: 0.1}\n'),
    errors: [{ path: [...OP, 'x-retry-policy', 'backoff'], message: 'exponential', severity: 'warn' }],
  },
  { name: 'jitter over 0.5', document: oas('x-retry-policy: {maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0.8}\n'), errors: [{ path: ['x-retry-policy', 'jitter'], message: '(0, 0.5]' }] },
  { name: 'jitter 0', document: oas('x-retry-policy: {maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0}\n'), errors: [{ path: ['x-retry-policy', 'jitter'] }] },
  { name: 'no backoff, no jitter: one result at the policy', document: oas('x-retry-policy: {maxAttempts: 3, initialInterval: 1s}\n'), errors: [{ path: ['x-retry-policy'], message: /backoff.*jitter/ }] },
  { name: 'a single attempt never retries', document: oas('x-retry-policy: {maxAttempts: 1, backoff: fixed, initialInterval: 1s}\n'), errors: [] },
  {
    name: 'integrations and webhook delivery retries',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
  - {name: Mailgun, kind: email, purpose: Receipts, auth: API key, retryPolicy: {maxAttempts: 3, backoff: linear, initialInterval: 1s, jitter: 0.2}}
x-webhook-delivery: {timeout: 10s, retry: {maxAttempts: 5, backoff: exponential, initialInterval: 1s}}
paths: {}
`,
    errors: [
      { path: ['x-integrations', 0, 'retryPolicy', 'backoff'] },
      { path: ['x-webhook-delivery', 'retry'], message: 'jitter' },
    ],
  },
  {
    name: 'a 3.1 webhook operation',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nwebhooks:\n  a:\n    post:\n      x-retry-policy: {maxAttempts: 3, backoff: fixed, initialInterval: 1s, jitter: 0.1}\n      responses:\n        "204": {description: ok}\n',
    errors: [{ path: ['webhooks', 'a', 'post', 'x-retry-policy', 'backoff'] }],
  },
  {
    name: 'AsyncAPI 2.x publish operation',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: "1.0.0"}
channels:
  orders/placed:
    publish:
      x-retry-policy: {maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0.9}
      message:
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders/placed', 'publish', 'x-retry-policy', 'jitter'] }],
  },
  {
    name: 'AsyncAPI 3.x channel and operation',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
channels:
  orderPlaced:
    address: orders.placed
    x-retry-policy: {maxAttempts: 3, backoff: fixed, initialInterval: 1s, jitter: 0.1}
    messages:
      OrderPlaced:
        payload: {type: object}
operations:
  consumeOrderPlaced:
    action: receive
    channel: {$ref: '#/channels/orderPlaced'}
    x-retry-policy: ${GOOD}
`,
    errors: [{ path: ['channels', 'orderPlaced', 'x-retry-policy', 'backoff'] }],
  },
]);

testNoThrow('resilience-retry-backoff', [
  { name: 'jitter a string, backoff a number', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-retry-policy': { maxAttempts: 2, backoff: 3, jitter: '10%' }, paths: {} } },
  { name: 'policy null', document: { asyncapi: '3.0.0', info: { title: 't', version: '1' }, operations: { a: { 'x-retry-policy': null } } } },
]);
