import { testNoThrow, testRule } from '../helpers/testRule';

const GOOD = '{maxAttempts: 5, backoff: exponential, initialInterval: 1s, jitter: 0.1}';
const oas = (rootExtra = '', opExtra = '') => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}paths:
  /orders:
    post:
${opExtra}      responses:
        "201": {description: created}
`;
const OP = ['paths', '/orders', 'post'];

const aas2 = (channelExtra: string, opExtra: string) => `asyncapi: 2.6.0
info: {title: Orders, version: "1.0.0"}
channels:
  orders/placed:
${channelExtra}    subscribe:
      operationId: onOrderPlaced
${opExtra}      message:
        payload: {type: object}
`;
const aas3 = (channelExtra: string, opExtra: string, rootExtra = '') => `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}channels:
  orderPlaced:
    address: orders.placed
${channelExtra}    messages:
      OrderPlaced:
        payload: {type: object}
operations:
  consumeOrderPlaced:
    action: receive
    channel: {$ref: '#/channels/orderPlaced'}
${opExtra}`;

testRule('resilience-retry-bounded', [
  { name: 'a bounded root and operation policy', document: oas(`x-retry-policy: ${GOOD}\n`, `      x-retry-policy: ${GOOD}\n`), errors: [] },
  {
    name: 'maxAttempts over the maximum',
    document: oas('', '      x-retry-policy: {maxAttempts: 10, backoff: exponential, initialInterval: 1s, jitter: 0.1}\n'),
    errors: [{ path: [...OP, 'x-retry-policy', 'maxAttempts'], message: 'at most 5', severity: 'error' }],
  },
  { name: 'missing maxAttempts', document: oas('x-retry-policy: {backoff: exponential, initialInterval: 1s}\n'), errors: [{ path: ['x-retry-policy'], message: 'no `maxAttempts`' }] },
  { name: '"infinite"', document: oas('x-retry-policy: {maxAttempts: infinite, backoff: exponential, initialInterval: 1s}\n'), errors: [{ path: ['x-retry-policy', 'maxAttempts'], message: 'bounded' }] },
  { name: '-1', document: oas('x-retry-policy: {maxAttempts: -1, backoff: exponential, initialInterval: 1s}\n'), errors: [{ path: ['x-retry-policy', 'maxAttempts'] }] },
  { name: '0', document: oas('', '      x-retry-policy: {maxAttempts: 0, backoff: fixed, initialInterval: 1s}\n'), errors: [{ path: [...OP, 'x-retry-policy', 'maxAttempts'] }] },
  { name: 'a fraction', document: oas('', '      x-retry-policy: {maxAttempts: 2.5, backoff: fixed, initialInterval: 1s}\n'), errors: [{ path: [...OP, 'x-retry-policy', 'maxAttempts'] }] },
  { name: 'the option raises the maximum', options: { 'resilience-retry-bounded': { maxAttempts: 10 } }, document: oas('x-retry-policy: {maxAttempts: 10, backoff: exponential, initialInterval: 1s}\n'), errors: [] },
  {
    name: 'x-integrations[*].retryPolicy and x-webhook-delivery.retry',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
  - name: Stripe
    kind: payment
    purpose: Card payments
    auth: API key
    retryPolicy: {maxAttempts: 20, backoff: exponential, initialInterval: 1s}
x-webhook-delivery: {timeout: 10s, retry: {maxAttempts: 0, backoff: exponential, initialInterval: 1s}}
webhooks:
  orderPlaced:
    post:
      x-webhook-delivery: {timeout: 10s, retry: {backoff: exponential, initialInterval: 1s}}
      x-retry-policy: {maxAttempts: 8, backoff: exponential, initialInterval: 1s}
      responses:
        "204": {description: received}
`,
    errors: [
      { path: ['x-integrations', 0, 'retryPolicy', 'maxAttempts'] },
      { path: ['x-webhook-delivery', 'retry', 'maxAttempts'] },
      { path: ['webhooks', 'orderPlaced', 'post', 'x-webhook-delivery', 'retry'] },
      { path: ['webhooks', 'orderPlaced', 'post', 'x-retry-policy', 'maxAttempts'] },
    ],
  },
  {
    name: 'a callback operation',
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
              x-retry-policy: {maxAttempts: infinite}
              responses:
                "200": {description: ok}
`,
    errors: [{ path: ['paths', '/subscriptions', 'post', 'callbacks', 'onEvent', '{$request.body#/callbackUrl}', 'post', 'x-retry-policy', 'maxAttempts'] }],
  },
  {
    name: 'a policy behind $ref is reported at its definition',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
paths:
  /orders:
    post:
      x-retry-policy: {$ref: '#/components/x-retry-policies/Unbounded'}
      responses:
        "201": {description: created}
components:
  x-retry-policies:
    Unbounded: {maxAttempts: 100, backoff: exponential, initialInterval: 1s}
`,
    errors: [{ path: ['components', 'x-retry-policies', 'Unbounded', 'maxAttempts'] }],
  },
  {
    name: 'AsyncAPI 2.x channel and operation',
    document: aas2('    x-retry-policy: {maxAttempts: 7, backoff: exponential, initialInterval: 1s}\n', `      x-retry-policy: ${GOOD}\n`),
    errors: [{ path: ['channels', 'orders/placed', 'x-retry-policy', 'maxAttempts'] }],
  },
  {
    name: 'AsyncAPI 2.x compliant',
    document: aas2(`    x-retry-policy: ${GOOD}\n`, `      x-retry-policy: ${GOOD}\n`),
    errors: [],
  },
  {
    name: 'AsyncAPI 3.x operation, channel and root',
    document: aas3(`    x-retry-policy: ${GOOD}\n`, '    x-retry-policy: {maxAttempts: -1}\n', 'x-retry-policy: {backoff: exponential}\n'),
    errors: [
      { path: ['operations', 'consumeOrderPlaced', 'x-retry-policy', 'maxAttempts'] },
      { path: ['x-retry-policy'] },
    ],
  },
  {
    name: 'AsyncAPI 3.x operation from components is reported once',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
channels:
  orderPlaced:
    address: orders.placed
    messages:
      OrderPlaced:
        payload: {type: object}
operations:
  consumeOrderPlaced:
    $ref: '#/components/operations/consumeOrderPlaced'
components:
  operations:
    consumeOrderPlaced:
      action: receive
      channel: {$ref: '#/channels/orderPlaced'}
      x-retry-policy: {maxAttempts: 50}
`,
    errors: [{ path: ['components', 'operations', 'consumeOrderPlaced', 'x-retry-policy', 'maxAttempts'] }],
  },
  {
    name: 'AsyncAPI 3.x compliant',
    document: aas3(`    x-retry-policy: ${GOOD}\n`, `    x-retry-policy: ${GOOD}\n`),
    errors: [],
  },
]);

testNoThrow('resilience-retry-bounded', [
  { name: 'policy is a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-retry-policy': 'forever', paths: {} } },
  { name: 'policy is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { 'x-retry-policy': [1] } } } } },
  { name: 'x-integrations is an object', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-integrations': { a: 1 }, paths: {} } },
  { name: 'AsyncAPI channels a list', document: { asyncapi: '2.6.0', info: { title: 't', version: '1' }, channels: [{ 'x-retry-policy': null }] } },
  { name: 'AsyncAPI 3 operations null', document: { asyncapi: '3.0.0', info: { title: 't', version: '1' }, operations: null, 'x-retry-policy': { maxAttempts: null } } },
]);
