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
    Unused:
      x-producer: billing-service
      payload: {type: object}
`;

testRule('event-producer', [
  {
    name: '3.0: a message carried by a send operation has a producer',
    document: v3('send'),
    errors: [],
  },
  {
    name: '3.0: a message only received, without x-producer, is reported once at its definition',
    document: v3('receive'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced'], message: 'x-producer' }],
  },
  {
    name: '3.0: x-producer names the producer of a received message',
    document: v3('receive', '\n      x-producer: order-service'),
    errors: [],
  },
  {
    name: '3.0: an invalid x-producer is reported at the extension',
    document: v3('receive', '\n      x-producer: ""'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'x-producer'], message: 'x-producer' }],
  },
  {
    name: '3.0: operation without messages carries every message of its channel; reply of a receive operation is produced',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested: {payload: {type: object}, x-producer: web-shop}
  replies:
    address: null
    messages:
      QuoteCalculated: {payload: {type: object}}
  events:
    address: quotes.events
    messages:
      QuoteExpired: {payload: {type: object}}
      QuoteAccepted: {payload: {type: object}}
operations:
  answer:
    action: receive
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
  emitEvents:
    action: send
    channel: {$ref: '#/channels/events'}
`,
    errors: [],
  },
  {
    name: '3.0: a channel message no operation carries',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced: {payload: {type: object}}
      OrderShipped: {payload: {type: object}}
operations:
  sendPlaced:
    action: send
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/OrderPlaced'
`,
    errors: [{ path: ['channels', 'orders', 'messages', 'OrderShipped'], message: 'send operation' }],
  },
  {
    name: '2.6: any operation carries its messages (oneOf included); an unused component message is reported',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        oneOf:
          - $ref: '#/components/messages/OrderPlaced'
          - name: OrderCancelled
            payload: {type: object}
components:
  messages:
    OrderPlaced:
      payload: {type: object}
    OrderArchived:
      payload: {type: object}
`,
    errors: [{ path: ['components', 'messages', 'OrderArchived'], message: 'x-producer' }],
  },
  {
    name: '2.0: single subscribe message',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        name: OrderPlaced
        payload: {type: object}
`,
    errors: [],
  },
]);

testNoThrow('event-producer', [
  { name: 'operations is an array', document: { asyncapi: '3.0.0', operations: [1], channels: { c: { messages: { m: {} } } } } },
  { name: 'operation with garbage', document: { asyncapi: '3.0.0', operations: { o: { action: 'send', channel: 'x', messages: 5, reply: 'x' } } } },
  { name: 'reply with garbage', document: { asyncapi: '3.0.0', operations: { o: { action: 'receive', channel: {}, reply: { channel: 5, messages: [null, 1] } } } } },
  { name: 'x-producer an object', document: { asyncapi: '2.6.0', channels: { c: { publish: 'x', subscribe: { message: { oneOf: [null, { 'x-producer': {} }] } } } } } },
  { name: 'root is an array', document: '[1, 2]' },
]);
