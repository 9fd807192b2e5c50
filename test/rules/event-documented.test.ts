import { testNoThrow, testRule } from '../helpers/testRule';

testRule('event-documented', [
  {
    name: '3.0: a message without summary, description and payload',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      placed:
        $ref: '#/components/messages/OrderPlaced'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/placed'
components:
  messages:
    OrderPlaced:
      title: Order placed
`,
    errors: [
      { path: ['components', 'messages', 'OrderPlaced'], message: 'no payload' },
      { path: ['components', 'messages', 'OrderPlaced'], message: 'summary or description' },
    ],
  },
  {
    name: '3.0: summary and payload are compliant; a description from a trait counts',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        summary: An order was placed.
        payload: {type: object}
      OrderShipped:
        traits:
          - $ref: '#/components/messageTraits/Documented'
        payload: {type: object}
components:
  messageTraits:
    Documented:
      description: Emitted when the order leaves the warehouse.
`,
    errors: [],
  },
  {
    name: '3.0: an empty summary does not count; reply messages are checked',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested:
        description: A quote was requested.
        payload: {type: object}
  replies:
    address: null
    messages:
      QuoteCalculated:
        summary: ""
        payload: {type: object}
operations:
  answer:
    action: receive
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
`,
    errors: [{ path: ['channels', 'replies', 'messages', 'QuoteCalculated'], message: 'summary' }],
  },
  {
    name: '2.6: oneOf entries are checked one by one',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: OrderPlaced
            summary: An order was placed.
            payload: {type: object}
          - name: OrderCancelled
            description: An order was cancelled.
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 1], message: 'payload' }],
  },
  {
    name: '2.0: single message without documentation',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        name: OrderPlaced
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders', 'publish', 'message'], message: 'summary' }],
  },
]);

testNoThrow('event-documented', [
  { name: 'summary is a number, traits hold garbage', document: { asyncapi: '3.0.0', components: { messages: { A: { summary: 5, traits: [null, 'x', { description: [] }] } } } } },
  { name: 'message is a string', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: 'x' } } } } },
]);
