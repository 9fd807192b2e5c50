import { testNoThrow, testRule } from '../helpers/testRule';

const RETRY = '{maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0.1}';
const CB = '{failureThreshold: 5, openTimeout: 30s, successThreshold: 2}';
const oas = (rootExtra = '', opExtra = '', pathExtra = '') => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}paths:
  /orders:
${pathExtra}    post:
${opExtra}      responses:
        "201": {description: created}
`;
const OP = ['paths', '/orders', 'post'];

testRule('resilience-circuit-breaker', [
  { name: 'an op that retries without a breaker', document: oas('', `      x-retry-policy: ${RETRY}\n`), errors: [{ path: OP, message: 'x-circuit-breaker', severity: 'warn' }] },
  { name: 'an op with retry and breaker', document: oas('', `      x-retry-policy: ${RETRY}\n      x-circuit-breaker: ${CB}\n`), errors: [] },
  { name: 'a root breaker counts', document: oas(`x-circuit-breaker: ${CB}\n`, `      x-retry-policy: ${RETRY}\n`), errors: [] },
  { name: 'a root retry policy without breaker', document: oas(`x-retry-policy: ${RETRY}\n`), errors: [{ path: ['x-retry-policy'], message: 'root' }] },
  { name: 'a root retry policy and root breaker', document: oas(`x-retry-policy: ${RETRY}\nx-circuit-breaker: ${CB}\n`), errors: [] },
  {
    name: 'a breaker that does not match its schema',
    document: oas('', `      x-retry-policy: ${RETRY}\n      x-circuit-breaker: {failureThreshold: 0, openTimeout: soon}\n`),
    errors: [
      { path: [...OP, 'x-circuit-breaker'], message: 'successThreshold' },
      { path: [...OP, 'x-circuit-breaker', 'failureThreshold'] },
      { path: [...OP, 'x-circuit-breaker', 'openTimeout'], message: 'duration' },
    ],
  },
  {
    name: 'a breaker behind $ref is validated at its definition',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-circuit-breaker: {$ref: '#/components/x-breakers/Default'}
paths: {}
components:
  x-breakers:
    Default: {failureThreshold: "5", openTimeout: 30s, successThreshold: 2}
`,
    errors: [{ path: ['components', 'x-breakers', 'Default', 'failureThreshold'], message: 'integer' }],
  },
  {
    name: 'an integration that retries without a breaker',
    document: oas(`x-integrations:\n  - {name: Stripe, kind: payment, purpose: Payments, auth: API key, retryPolicy: ${RETRY}}\n  - {name: S3, kind: storage, purpose: Files, auth: IAM, retryPolicy: ${RETRY}, circuitBreaker: ${CB}}\n`),
    errors: [{ path: ['x-integrations', 0], message: 'Stripe' }],
  },
  {
    name: 'an invalid integration breaker',
    document: oas(`x-integrations:\n  - {name: S3, kind: storage, purpose: Files, auth: IAM, retryPolicy: ${RETRY}, circuitBreaker: {failureThreshold: 3, openTimeout: 30s, successThreshold: -1}}\n`),
    errors: [{ path: ['x-integrations', 0, 'circuitBreaker', 'successThreshold'] }],
  },
  { name: 'a path-item breaker counts', document: oas('', `      x-retry-policy: ${RETRY}\n`, `    x-circuit-breaker: ${CB}\n`), errors: [] },
  {
    name: 'AsyncAPI 3.x breakers are validated',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
x-circuit-breaker: {failureThreshold: 5, openTimeout: 30s, successThreshold: 2}
channels:
  orderPlaced:
    address: orders.placed
    messages:
      OrderPlaced:
        payload: {type: object}
operations:
  consumeOrderPlaced:
    action: receive
    channel: {$ref: '#/channels/orderPlaced'}
    x-circuit-breaker: {failureThreshold: 5}
`,
    errors: [{ path: ['operations', 'consumeOrderPlaced', 'x-circuit-breaker'], message: /openTimeout.*successThreshold/ }],
  },
  {
    name: 'AsyncAPI 2.x breakers are validated',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: "1.0.0"}
channels:
  orders/placed:
    x-circuit-breaker: {failureThreshold: 5, openTimeout: 30s, successThreshold: 2}
    subscribe:
      x-circuit-breaker: {failureThreshold: 5, openTimeout: 1 minute, successThreshold: 2}
      message:
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders/placed', 'subscribe', 'x-circuit-breaker', 'openTimeout'] }],
  },
]);

testNoThrow('resilience-circuit-breaker', [
  { name: 'breaker a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-circuit-breaker': 'on', paths: { '/a': { post: { 'x-retry-policy': {}, 'x-circuit-breaker': [] } } } } },
  { name: 'integrations entries of the wrong types', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-integrations': [null, 1, { retryPolicy: 'x', circuitBreaker: 5 }], paths: {} } },
  { name: 'root retry with paths a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-retry-policy': { maxAttempts: 2 }, paths: [1] } },
]);
