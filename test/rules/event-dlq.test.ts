import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (operation = '', channel = '', guarantee = '\n      x-delivery-guarantee: at-least-once') => `asyncapi: 3.0.0
info: {title: Billing, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      placed:
        $ref: '#/components/messages/OrderPlaced'${channel}
operations:
  onOrderPlaced:
    action: receive
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/placed'${operation}
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
components:
  messages:
    OrderPlaced:
      payload: {type: object}${guarantee}
`;

testRule('event-dlq', [
  {
    name: '3.0: an at-least-once receive operation without a DLQ is reported at the operation',
    document: v3(),
    errors: [{ path: ['operations', 'onOrderPlaced'], message: 'dead-letter', severity: 'warn' }],
  },
  {
    name: '3.0: x-dlq on the operation',
    document: v3('\n    x-dlq: {channel: orders.dlq, retention: 14d, alertThreshold: 10}'),
    errors: [],
  },
  {
    name: '3.0: x-dlq on the channel (ISO 8601 retention)',
    document: v3('', '\n    x-dlq: {queue: orders-dlq, retention: P30D, alertThreshold: 1}'),
    errors: [],
  },
  {
    name: '3.0: a short retention and a high alert threshold',
    document: v3('\n    x-dlq: {channel: orders.dlq, retention: 7d, alertThreshold: 50}'),
    errors: [
      { path: ['operations', 'onOrderPlaced', 'x-dlq', 'alertThreshold'], message: '50' },
      { path: ['operations', 'onOrderPlaced', 'x-dlq', 'retention'], message: '7d' },
    ],
  },
  {
    name: '3.0: options change the bounds',
    document: v3('\n    x-dlq: {channel: orders.dlq, retention: 7d, alertThreshold: 50}'),
    options: { 'event-dlq': { minRetention: '7d', maxAlertThreshold: 100 } },
    errors: [],
  },
  {
    name: '3.0: an x-dlq that does not match its schema',
    document: v3('\n    x-dlq: {retention: two weeks, alertThreshold: 0}'),
    errors: [{ path: ['operations', 'onOrderPlaced', 'x-dlq'], message: 'channel or queue' }],
  },
  {
    name: '3.0: an x-dlq with both channel and queue says so once',
    document: v3('\n    x-dlq: {channel: orders.dlq, queue: orders-dlq, retention: 14d, alertThreshold: 10}'),
    errors: [{ path: ['operations', 'onOrderPlaced', 'x-dlq'], message: /^x-dlq does not match its schema: declare exactly one of channel or queue\.$/ }],
  },
  {
    name: '3.0: at-most-once consumers need no DLQ',
    document: v3('', '', '\n      x-delivery-guarantee: at-most-once'),
    errors: [],
  },
  {
    name: '3.0: SQS channel binding (at-least-once) with a redrivePolicy',
    document: v3(
      '',
      `
    bindings:
      sqs:
        queue:
          name: orders
          fifoQueue: false
          redrivePolicy:
            deadLetterQueue: {name: orders-dlq}
            maxReceiveCount: 5`,
      '',
    ),
    errors: [],
  },
  {
    name: '3.0: SQS channel binding without a DLQ',
    document: v3(
      '',
      `
    bindings:
      sqs:
        queue:
          name: orders
          fifoQueue: false`,
      '',
    ),
    errors: [{ path: ['operations', 'onOrderPlaced'], message: 'dead-letter' }],
  },
  {
    name: '3.0: SNS consumer redrivePolicy on the operation binding',
    document: v3(
      `
    bindings:
      sns:
        consumers:
          - protocol: sqs
            endpoint: {name: billing}
            rawMessageDelivery: true
            redrivePolicy:
              deadLetterQueue: {name: billing-dlq}`,
      '',
    ),
    errors: [],
  },
  {
    name: '3.0: MQTT qos 1 on a receive operation through a trait',
    document: `asyncapi: 3.0.0
info: {title: Lights, version: 1.0.0}
channels:
  lights:
    address: lights/measured
    messages:
      LightMeasured: {payload: {type: object}}
operations:
  onLight:
    action: receive
    channel: {$ref: '#/channels/lights'}
    traits:
      - bindings:
          mqtt:
            qos: 1
`,
    errors: [{ path: ['operations', 'onLight'], message: 'dead-letter' }],
  },
  {
    name: '2.6: publish (the application receives) at-least-once without a DLQ; subscribe is not checked',
    document: `asyncapi: 2.6.0
info: {title: Billing, version: 1.0.0}
channels:
  orders:
    x-delivery-guarantee: at-least-once
    publish:
      message:
        oneOf:
          - name: OrderPlaced
            payload: {type: object}
    subscribe:
      message:
        name: InvoiceSent
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders', 'publish'], message: 'dead-letter' }],
  },
  {
    name: '2.0: publish with x-dlq on the channel',
    document: `asyncapi: 2.0.0
info: {title: Billing, version: 1.0.0}
channels:
  orders:
    x-dlq: {channel: orders.dlq, retention: 14d, alertThreshold: 5}
    publish:
      x-delivery-guarantee: at-least-once
      message:
        name: OrderPlaced
        payload: {type: object}
`,
    errors: [],
  },
]);

testNoThrow('event-dlq', [
  { name: 'x-dlq garbage', document: { asyncapi: '3.0.0', operations: { o: { action: 'receive', 'x-delivery-guarantee': 'at-least-once', 'x-dlq': 'x' } } } },
  { name: 'x-dlq with wrong types', document: { asyncapi: '2.6.0', channels: { c: { 'x-dlq': { channel: 5, retention: [], alertThreshold: 'x' }, publish: { 'x-delivery-guarantee': 'at-least-once' } } } } },
  { name: 'sqs binding garbage', document: { asyncapi: '3.0.0', channels: { c: { bindings: { sqs: { queue: 5, queues: 'x' }, sns: { consumers: [null] } } } }, operations: { o: { action: 'receive', channel: { $ref: '#/channels/c' } } } } },
  { name: 'operations garbage', document: { asyncapi: '3.0.0', operations: { a: null, b: [], c: 'x' } } },
]);
