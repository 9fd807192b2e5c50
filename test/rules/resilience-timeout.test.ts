import { testNoThrow, testRule } from '../helpers/testRule';

const oas = (rootExtra = '', opExtra = '') => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}paths:
  /orders:
    get:
${opExtra}      responses:
        "200": {description: ok}
`;
const OP = ['paths', '/orders', 'get'];

testRule('resilience-timeout', [
  { name: 'timeouts within 30s', document: oas('x-timeout: 10s\n', '      x-timeout: PT30S\n'), errors: [] },
  { name: 'an operation timeout of 2 minutes', document: oas('', '      x-timeout: 2m\n'), errors: [{ path: [...OP, 'x-timeout'], message: '30s', severity: 'warn' }] },
  { name: 'an ISO root timeout of 1 minute', document: oas('x-timeout: PT1M\n'), errors: [{ path: ['x-timeout'] }] },
  { name: 'not a duration', document: oas('x-timeout: 5000\n'), errors: [{ path: ['x-timeout'], message: 'not a duration' }] },
  { name: 'the max option', options: { 'resilience-timeout': { max: '60s' } }, document: oas('x-timeout: 1m\n'), errors: [] },
  {
    name: 'x-integrations[*].timeout',
    document: oas('x-integrations:\n  - {name: S3, kind: storage, purpose: Invoices, auth: IAM role, timeout: 45s}\n'),
    errors: [{ path: ['x-integrations', 0, 'timeout'] }],
  },
  {
    name: 'AsyncAPI 2.x and 3.x operations',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
x-timeout: 5s
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
    x-timeout: 90s
`,
    errors: [{ path: ['operations', 'consumeOrderPlaced', 'x-timeout'] }],
  },
  {
    name: 'AsyncAPI 2.x subscribe operation',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: "1.0.0"}
channels:
  orders/placed:
    x-timeout: 10s
    subscribe:
      x-timeout: 1h
      message:
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders/placed', 'subscribe', 'x-timeout'] }],
  },
]);

testNoThrow('resilience-timeout', [
  { name: 'x-timeout an object', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-timeout': { s: 1 }, paths: { '/a': { get: { 'x-timeout': null } } } } },
  { name: 'integrations a string', document: { asyncapi: '2.6.0', info: { title: 't', version: '1' }, 'x-integrations': 'x', channels: {} } },
]);
