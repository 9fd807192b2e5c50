import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (key: string, payload: string, headers = '') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      placed:
        $ref: '#/components/messages/${key}'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
components:
  messages:
    ${key}:${headers}
      payload:
${payload}
  schemas:
    Versioned:
      type: object
      properties:
        event_version: {type: string, const: "2"}
`;

const UNVERSIONED = `        type: object
        properties:
          event_type: {type: string}`;

testRule('event-versioned', [
  {
    name: '3.0: no version anywhere is reported at the message',
    document: v3('OrderPlaced', UNVERSIONED),
    errors: [{ path: ['components', 'messages', 'OrderPlaced'], message: 'no version' }],
  },
  {
    name: '3.0: a .vN suffix in the key is enough',
    document: v3('order.placed.v1', UNVERSIONED),
    errors: [],
  },
  {
    name: '3.0: event_version with const inside allOf behind $ref',
    document: v3('OrderPlaced', `        allOf:
          - $ref: '#/components/schemas/Versioned'
          - properties: {data: {type: object}}`),
    errors: [],
  },
  {
    name: '3.0: an unpinned event_version is reported at the property',
    document: v3('OrderPlaced', `        type: object
        properties:
          event_version: {type: string}`),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'event_version'], message: 'const' }],
  },
  {
    name: '3.0: an unpinned event_version overridden in allOf is reported at the override, not the shared envelope',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
components:
  messages:
    OrderPlaced:
      payload:
        allOf:
          - $ref: '#/components/schemas/Envelope'
          - properties:
              event_version: {type: string, description: The version of OrderPlaced.}
  schemas:
    Envelope:
      type: object
      properties:
        event_version: {type: string}
`,
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'payload', 'allOf', 1, 'properties', 'event_version'], message: 'const' }],
  },
  {
    name: '3.0: an event_type enum with a version suffix',
    document: v3('OrderPlaced', `        type: object
        properties:
          event_type: {type: string, enum: [order.placed.v2]}`),
    errors: [],
  },
  {
    name: 'cloudevents: a versioned dataschema',
    document: v3('OrderPlaced', `        type: object
        properties:
          type: {type: string, const: com.example.order.placed}
          dataschema: {type: string, const: "https://schemas.example.com/order-placed/1.0.json"}`),
    options: { eventEnvelope: 'cloudevents' },
    errors: [],
  },
  {
    name: 'cloudevents: binary mode ce_type header with a version',
    document: v3(
      'OrderPlaced',
      `        type: object`,
      `
      headers:
        type: object
        properties:
          ce_type: {type: string, const: com.example.order.placed.v1}`,
    ),
    options: { eventEnvelope: 'cloudevents' },
    errors: [],
  },
  {
    name: 'cloudevents: an unversioned type is reported',
    document: v3('OrderPlaced', `        type: object
        properties:
          type: {type: string, const: com.example.order.placed}`),
    options: { eventEnvelope: 'cloudevents' },
    errors: [{ path: ['components', 'messages', 'OrderPlaced'] }],
  },
  {
    name: '2.6: oneOf with a versioned name and an unversioned one',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: order.placed.v1
            payload: {type: object}
          - name: OrderCancelled
            payload: {type: object}
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 1] }],
  },
  {
    name: '2.4: single message with messageId suffix',
    document: `asyncapi: 2.4.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        messageId: order.shipped.v3
        payload: {type: object}
`,
    errors: [],
  },
]);

testNoThrow('event-versioned', [
  { name: 'event_version is a string', document: { asyncapi: '3.0.0', components: { messages: { A: { payload: { properties: { event_version: 'x', type: 5 } } } } } } },
  { name: 'enum is not an array', document: { asyncapi: '3.0.0', components: { messages: { A: { payload: { properties: { event_type: { enum: 'v1' }, dataschema: { const: 5 } } } } } } } },
  { name: 'headers an array', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: { headers: [], payload: null } } } } } },
]);
