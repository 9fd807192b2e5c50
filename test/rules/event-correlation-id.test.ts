import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (correlationId: string, extra = '') => `asyncapi: 3.0.0
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
${correlationId}
      headers:
        type: object
        properties:
          correlation_id: {type: string}
      payload:
        allOf:
          - $ref: '#/components/schemas/Meta'
          - type: object
            properties:
              order: {$ref: '#/components/schemas/Order'}
  schemas:
    Meta:
      type: object
      properties:
        metadata:
          type: object
          properties:
            trace_id: {type: string}
    Order:
      type: object
      properties:
        id: {type: string}${extra}
`;

testRule('event-correlation-id', [
  {
    name: '3.0: missing correlationId is reported at the message',
    document: v3(''),
    errors: [{ path: ['components', 'messages', 'OrderPlaced'], message: 'no correlationId' }],
  },
  {
    name: '3.0: a header location that exists is compliant',
    document: v3(`      correlationId:
        location: $message.header#/correlation_id`),
    errors: [],
  },
  {
    name: '3.0: a payload location through allOf and $ref is compliant',
    document: v3(`      correlationId:
        location: $message.payload#/order/id`),
    errors: [],
  },
  {
    name: '3.0: a payload location into an allOf member behind $ref is compliant',
    document: v3(`      correlationId:
        location: $message.payload#/metadata/trace_id`),
    errors: [],
  },
  {
    name: '3.0: a location pointing at a missing property',
    document: v3(`      correlationId:
        location: $message.payload#/order/number`),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'correlationId', 'location'], message: '/order/number' }],
  },
  {
    name: '3.0: a location into data refined by an allOf member after the envelope is compliant',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderCancelled:
        $ref: '#/components/messages/OrderCancelled'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
components:
  messages:
    OrderCancelled:
      correlationId:
        location: $message.payload#/data/order_id
      payload:
        allOf:
          - $ref: '#/components/schemas/Envelope'
          - properties:
              data:
                type: object
                properties:
                  order_id: {type: string}
  schemas:
    Envelope:
      type: object
      properties:
        event_id: {type: string}
        data: {type: object}
`,
    errors: [],
  },
  {
    name: '3.0: a location into data that neither the envelope nor its refinement declares',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderCancelled:
        $ref: '#/components/messages/OrderCancelled'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
components:
  messages:
    OrderCancelled:
      correlationId:
        location: $message.payload#/data/order
      payload:
        allOf:
          - $ref: '#/components/schemas/Envelope'
          - properties:
              data:
                type: object
                properties:
                  order_id: {type: string}
  schemas:
    Envelope:
      type: object
      properties:
        event_id: {type: string}
        data: {type: object}
`,
    errors: [{ path: ['components', 'messages', 'OrderCancelled', 'correlationId', 'location'], message: 'the payload schema of the message "OrderCancelled" has no property at /data/order' }],
  },
  {
    name: '3.0: a location that is not a runtime expression',
    document: v3(`      correlationId:
        location: header.correlation_id`),
    malformed: true,
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'correlationId', 'location'], message: 'not a runtime expression' }],
  },
  {
    name: '3.0: a correlationId $ref to components.correlationIds with a dangling header pointer',
    document: v3(`      correlationId:
        $ref: '#/components/correlationIds/ByRequest'`, `
  correlationIds:
    ByRequest:
      location: $message.header#/request_id`),
    errors: [{ path: ['components', 'correlationIds', 'ByRequest', 'location'], message: 'request_id' }],
  },
  {
    name: '3.0: correlationId without location',
    document: v3(`      correlationId:
        description: The request id.`),
    malformed: true,
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'correlationId'], message: 'location' }],
  },
  {
    name: '2.6: oneOf messages, header pointer without headers',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: OrderPlaced
            correlationId: {location: '$message.header#/correlation_id'}
            payload: {type: object}
          - name: OrderCancelled
            correlationId: {location: '$message.payload#/correlation_id'}
            payload:
              type: object
              properties:
                correlation_id: {type: string}
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 0, 'correlationId', 'location'], message: 'no headers' }],
  },
  {
    name: '2.0: correlationId and headers from a trait',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        name: OrderPlaced
        traits:
          - $ref: '#/components/messageTraits/Correlated'
        payload: {type: object}
components:
  messageTraits:
    Correlated:
      correlationId: {location: '$message.header#/x-correlation-id'}
      headers:
        type: object
        properties:
          x-correlation-id: {type: string}
`,
    errors: [],
  },
  {
    name: '3.0: reply messages are checked',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested:
        correlationId: {location: '$message.header#/reply_to'}
        headers:
          type: object
          properties:
            reply_to: {type: string}
        payload: {type: object}
  replies:
    address: null
    messages:
      QuoteCalculated:
        payload: {type: object}
operations:
  answer:
    action: receive
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
`,
    errors: [{ path: ['channels', 'replies', 'messages', 'QuoteCalculated'], message: 'correlationId' }],
  },
  {
    name: '3.0: an Avro payload cannot be checked',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        correlationId: {location: '$message.payload#/orderId'}
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: OrderPlaced
            fields:
              - {name: orderId, type: string}
`,
    errors: [],
  },
]);

testNoThrow('event-correlation-id', [
  { name: 'correlationId is a string', document: { asyncapi: '3.0.0', components: { messages: { A: { correlationId: 'x' } } } } },
  { name: 'location is a number', document: { asyncapi: '3.0.0', components: { messages: { A: { correlationId: { location: 5 } } } } } },
  { name: 'headers properties an array', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: { correlationId: { location: '$message.header#/a/b' }, headers: { properties: [] } } } } } } },
  { name: 'payload items garbage', document: { asyncapi: '3.0.0', components: { messages: { A: { correlationId: { location: '$message.payload#/a/0/b' }, payload: { properties: { a: { items: 5 } } } } } } } },
  { name: 'bad percent encoding', document: { asyncapi: '3.0.0', components: { messages: { A: { correlationId: { location: '$message.payload#/%E0%A4%A' }, payload: true } } } } },
]);
