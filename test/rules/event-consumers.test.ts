import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (action: 'send' | 'receive', extra = '') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      placed:
        $ref: '#/components/messages/OrderPlaced'
operations:
  onOrders:
    action: ${action}
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/placed'
components:
  messages:
    OrderPlaced:
      payload: {type: object}${extra}
`;

testRule('event-consumers', [
  {
    name: '3.0: a message carried by a receive operation has a consumer',
    document: v3('receive'),
    errors: [],
  },
  {
    name: '3.0: a sent message without x-consumers is reported once at its definition',
    document: v3('send'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced'], message: 'x-consumers' }],
  },
  {
    name: '3.0: x-consumers lists the consumers',
    document: v3('send', '\n      x-consumers: [billing-service, shipping-service]'),
    errors: [],
  },
  {
    name: '3.0: an empty x-consumers is reported at the extension',
    document: v3('send', '\n      x-consumers: []'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'x-consumers'], message: 'non-empty' }],
  },
  {
    name: '3.0: a string x-consumers is reported',
    document: v3('send', '\n      x-consumers: billing-service'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'x-consumers'], message: 'list' }],
  },
  {
    name: '3.0: the reply of a send operation is consumed by the application',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested: {payload: {type: object}, x-consumers: [pricing-service]}
  replies:
    address: null
    messages:
      QuoteCalculated: {payload: {type: object}}
operations:
  requestQuote:
    action: send
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
      messages:
        - $ref: '#/channels/replies/messages/QuoteCalculated'
`,
    errors: [],
  },
  {
    name: '2.6: messages need x-consumers (oneOf entries one by one)',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - $ref: '#/components/messages/OrderPlaced'
          - name: OrderCancelled
            payload: {type: object}
components:
  messages:
    OrderPlaced:
      x-consumers: [billing-service]
      payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 1], message: 'x-consumers' }],
  },
  {
    name: '2.0: single publish message with x-consumers',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        x-consumers: [order-service]
        payload: {type: object}
`,
    errors: [],
  },
]);

testNoThrow('event-consumers', [
  { name: 'x-consumers garbage', document: { asyncapi: '3.0.0', components: { messages: { A: { 'x-consumers': [null, 5] }, B: { 'x-consumers': null } } } } },
  { name: 'channels garbage', document: { asyncapi: '2.6.0', channels: { c: null, d: { publish: { message: [] } } } } },
]);
