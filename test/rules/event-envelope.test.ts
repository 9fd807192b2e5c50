import { testNoThrow, testRule } from '../helpers/testRule';

const ENVELOPE = `
    Envelope:
      type: object
      required: [event_id, event_type, event_version, timestamp, source, correlation_id, data, metadata]
      properties:
        event_id: {type: string, format: uuid}
        event_type: {type: string}
        event_version: {type: string, const: "1"}
        timestamp: {type: string, format: date-time}
        source: {type: string}
        correlation_id: {type: string}
        data: {type: object}
        metadata: {type: object}`;

/** AsyncAPI 3.0 document: one channel, one send operation, OrderPlaced in components. */
const v3 = (payload: string, extraSchemas = '') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders.placed
    messages:
      orderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  publishOrderPlaced:
    action: send
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/orderPlaced'
components:
  messages:
    OrderPlaced:
      summary: An order was placed.
      payload:
${payload}
  schemas:${ENVELOPE}${extraSchemas}
`;

const SEED_MISSING = `        type: object
        required: [event_id, event_type, event_version, timestamp, source, data, metadata]
        properties:
          event_id: {type: string}
          event_type: {type: string}
          event_version: {type: string}
          timestamp: {type: string, format: date-time}
          source: {type: string}
          data: {type: object}
          metadata: {type: object}`;

const CE_STRUCTURED = `        type: object
        required: [id, source, specversion, type]
        properties:
          id: {type: string}
          source: {type: string}
          specversion: {type: string, const: "1.0"}
          type: {type: string}
          data: {type: object}`;

const cloudevents = { eventEnvelope: 'cloudevents' } as const;

testRule('event-envelope', [
  {
    name: '3.0: payload without correlation_id is reported at the payload',
    document: v3(SEED_MISSING),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'payload'], message: 'correlation_id', severity: 'error' }],
  },
  {
    name: '3.0: payload that is allOf [Envelope, data] is compliant',
    document: v3(`        allOf:
          - $ref: '#/components/schemas/Envelope'
          - type: object
            properties:
              data: {type: object, properties: {order_id: {type: string}}}`),
    errors: [],
  },
  {
    name: '3.0: violation behind $ref (payload is a shared schema) is reported at that schema',
    document: v3(`        $ref: '#/components/schemas/Partial'`, `
    Partial:
      type: object
      required: [event_id, event_type, data]
      properties:
        event_id: {type: string}
        event_type: {type: string}
        data: {type: object}`),
    errors: [{ path: ['components', 'schemas', 'Partial'], message: 'event_version, timestamp, source, correlation_id, metadata' }],
  },
  {
    name: '3.0: required fields spread over allOf members are compliant',
    document: v3(`        allOf:
          - $ref: '#/components/schemas/Base'
          - required: [metadata]
            properties: {metadata: {type: object}}
          - required: [correlation_id]`, `
    Base:
      type: object
      required: [event_id, event_type, event_version, timestamp, source, data]
      properties:
        event_id: {type: string}`),
    errors: [],
  },
  {
    name: '3.0: allOf members that together miss data are reported',
    document: v3(`        allOf:
          - $ref: '#/components/schemas/Base'
          - required: [metadata, correlation_id]`, `
    Base:
      type: object
      required: [event_id, event_type, event_version, timestamp, source]
      properties:
        event_id: {type: string}`),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'payload'], message: 'data' }],
  },
  {
    name: '2.6: single inline message without an envelope',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        name: OrderPlaced
        payload:
          type: object
          properties:
            order_id: {type: string}
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'payload'], message: 'event_id' }],
  },
  {
    name: '2.0: oneOf messages, one compliant and one not',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        oneOf:
          - $ref: '#/components/messages/OrderPlaced'
          - name: OrderCancelled
            payload:
              type: object
              required: [event_id]
              properties:
                event_id: {type: string}
components:
  messages:
    OrderPlaced:
      payload:
        $ref: '#/components/schemas/Envelope'
  schemas:${ENVELOPE}
`,
    errors: [{ path: ['channels', 'orders', 'publish', 'message', 'oneOf', 1, 'payload'], message: 'event_type' }],
  },
  {
    name: '3.0: a message reached from a channel, an operation and components is reported once',
    document: v3(`        type: object
        properties:
          id: {type: string}`),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'payload'] }],
  },
  {
    name: '3.0: operation reply messages are checked',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  quoteRequests:
    address: quotes.requested
    messages:
      QuoteRequested:
        payload: {$ref: '#/components/schemas/Envelope'}
  quoteReplies:
    address: null
    messages:
      QuoteCalculated:
        payload:
          type: object
          properties:
            price: {type: number}
operations:
  answerQuote:
    action: receive
    channel: {$ref: '#/channels/quoteRequests'}
    reply:
      channel: {$ref: '#/channels/quoteReplies'}
      messages:
        - $ref: '#/channels/quoteReplies/messages/QuoteCalculated'
components:
  schemas:${ENVELOPE}
`,
    errors: [{ path: ['channels', 'quoteReplies', 'messages', 'QuoteCalculated', 'payload'], message: 'event_id' }],
  },
  {
    name: '3.0: an Avro payload cannot be read and is skipped',
    document: v3(`        schemaFormat: application/vnd.apache.avro;version=1.9.0
        schema:
          type: record
          name: OrderPlaced
          fields:
            - {name: id, type: string}`),
    errors: [],
  },
  {
    name: 'cloudevents: structured mode is compliant',
    document: v3(CE_STRUCTURED),
    options: cloudevents,
    errors: [],
  },
  {
    name: 'cloudevents: the seed envelope is not a CloudEvent',
    document: v3(`        $ref: '#/components/schemas/Envelope'`),
    options: cloudevents,
    errors: [{ path: ['components', 'schemas', 'Envelope'], message: 'specversion' }],
  },
  {
    name: 'cloudevents: binary mode with ce_ headers (Kafka) is compliant',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        headers:
          type: object
          required: [ce_id, ce_source, ce_specversion, ce_type]
          properties:
            ce_id: {type: string}
            ce_source: {type: string}
            ce_specversion: {type: string, const: "1.0"}
            ce_type: {type: string}
        payload:
          type: object
          properties:
            order_id: {type: string}
`,
    options: cloudevents,
    errors: [],
  },
  {
    name: 'cloudevents: binary mode with ce- headers through a trait and allOf is compliant',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        $ref: '#/components/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      traits:
        - $ref: '#/components/messageTraits/CloudEvent'
      payload:
        type: object
  messageTraits:
    CloudEvent:
      headers:
        allOf:
          - type: object
            required: [ce-id, ce-source]
            properties:
              ce-id: {type: string}
              ce-source: {type: string}
          - required: [Ce-Specversion, ce-type]
            properties:
              Ce-Specversion: {type: string}
              ce-type: {type: string}
`,
    options: cloudevents,
    errors: [],
  },
  {
    name: 'cloudevents: binary mode missing ce_type is reported at the headers',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        headers:
          type: object
          required: [ce_id, ce_source, ce_specversion]
          properties:
            ce_id: {type: string}
            ce_source: {type: string}
            ce_specversion: {type: string}
            ce_type: {type: string}
        payload:
          type: object
`,
    options: cloudevents,
    errors: [{ path: ['channels', 'orders', 'messages', 'OrderPlaced', 'headers'], message: 'ce_type' }],
  },
  {
    name: 'cloudevents: structured payload missing specversion (2.4, oneOf)',
    document: `asyncapi: 2.4.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: order.placed.v1
            payload:
              type: object
              required: [id, source, type]
              properties:
                id: {type: string}
                source: {type: string}
                type: {type: string}
`,
    options: cloudevents,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 0, 'payload'], message: 'specversion' }],
  },
]);

testNoThrow('event-envelope', [
  { name: 'payload is a string', document: { asyncapi: '3.0.0', info: { title: 't', version: '1' }, components: { messages: { A: { payload: 'x' } } } } },
  { name: 'required is a string, allOf an object', document: { asyncapi: '3.0.0', components: { messages: { A: { payload: { required: 'event_id', allOf: { a: 1 } } } } } } },
  { name: 'allOf with null and numbers', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: { payload: { allOf: [null, 1, { required: [1, null] }] } } } } } } },
  { name: 'messages is an array, channels null', document: { asyncapi: '3.0.0', channels: null, components: { messages: [1, 2] } } },
  { name: 'oneOf is not an array', document: { asyncapi: '2.0.0', channels: { c: { subscribe: { message: { oneOf: 'x' } } } } } },
  { name: 'channel is a string', document: { asyncapi: '3.0.0', channels: { c: 'x' }, operations: { o: { action: 'send', channel: 5, messages: 'x' } } } },
  {
    name: 'cloudevents with headers a number and traits a string',
    document: { asyncapi: '3.0.0', channels: { c: { messages: { m: { headers: 5, traits: 'x', payload: { properties: 3 } } } } } },
    options: { eventEnvelope: 'cloudevents' },
  },
  {
    name: 'cloudevents with multi-format headers and traits of nulls',
    document: { asyncapi: '3.0.0', channels: { c: { messages: { m: { headers: { schemaFormat: 5, schema: null }, traits: [null, { headers: [] }] } } } } },
    options: { eventEnvelope: 'cloudevents' },
  },
  { name: 'circular payload', document: 'asyncapi: 3.0.0\ncomponents:\n  messages:\n    A:\n      payload: {$ref: "#/components/schemas/S"}\n  schemas:\n    S:\n      allOf: [{$ref: "#/components/schemas/S"}]\n' },
]);
