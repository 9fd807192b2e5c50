import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (payload: string, headers = '') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders.placed
    messages:
      orderPlaced:
        $ref: '#/components/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      summary: An order was placed.${headers}
      payload:
${payload}
  schemas:
    Envelope:
      type: object
      properties:
        event_id: {type: string, format: uuid}
        event_type: {type: string}
        timestamp: {type: string, format: date-time}
        source: {type: string}
        correlation_id: {type: string}
        data: {type: object}
        metadata: {type: object}
    Ts:
      type: integer
`;

const cloudevents = { eventEnvelope: 'cloudevents' } as const;

testRule('event-envelope-types', [
  {
    name: '3.0: a compliant seed envelope behind $ref',
    document: v3(`        $ref: '#/components/schemas/Envelope'`),
    errors: [],
  },
  {
    name: '3.0: timestamp as integer, data as string, event_id without uuid format',
    document: v3(`        type: object
        properties:
          event_id: {type: string}
          event_type: {type: string}
          timestamp: {type: integer}
          data: {type: string}`),
    errors: [
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'event_id'], message: 'uuid' },
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'timestamp'], message: 'date-time', severity: 'warn' },
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'data'], message: 'object' },
    ],
  },
  {
    name: '3.0: wrong types inside allOf and behind $ref',
    document: v3(`        allOf:
          - $ref: '#/components/schemas/Envelope'
          - properties:
              event_type: {type: integer}
              correlation_id: {$ref: '#/components/schemas/Ts'}`),
    errors: [
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'allOf', 1, 'properties', 'event_type'], message: 'string' },
      { path: ['components', 'schemas', 'Ts'], message: 'string' },
    ],
  },
  {
    name: '3.0: a non-envelope business payload is not checked',
    document: v3(`        type: object
        properties:
          source: {type: object}
          data: {type: string}`),
    errors: [],
  },
  {
    name: '2.6: timestamp without date-time format (oneOf message)',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: OrderPlaced
            payload:
              type: object
              properties:
                event_id: {type: string, format: uuid}
                timestamp: {type: string}
`,
    errors: [{ path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 0, 'payload', 'properties', 'timestamp'], message: 'date-time' }],
  },
  {
    name: 'cloudevents: structured with specversion not pinned and time without format',
    document: v3(`        type: object
        required: [id, source, specversion, type]
        properties:
          id: {type: string}
          source: {type: string, format: uri-reference}
          specversion: {type: string}
          type: {type: string}
          time: {type: string}`),
    options: cloudevents,
    errors: [
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'specversion'], message: '1.0' },
      { path: ['components', 'messages', 'OrderPlaced', 'payload', 'properties', 'time'], message: 'date-time' },
    ],
  },
  {
    name: 'cloudevents: structured compliant (specversion enum)',
    document: v3(`        type: object
        required: [id, source, specversion, type]
        properties:
          id: {type: string}
          source: {type: string}
          specversion: {type: string, enum: ["1.0"]}
          type: {type: string}
          time: {type: string, format: date-time}
          data: {type: object}`),
    options: cloudevents,
    errors: [],
  },
  {
    name: 'cloudevents: binary headers with an integer ce_id; the data payload is not checked',
    document: v3(
      `        type: object
        properties:
          id: {type: integer}
          type: {type: integer}`,
      `
      headers:
        type: object
        required: [ce_id, ce_source, ce_specversion, ce_type]
        properties:
          ce_id: {type: integer}
          ce_source: {type: string}
          ce_specversion: {type: string, const: "1.0"}
          ce_type: {type: string}`,
    ),
    options: cloudevents,
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'headers', 'properties', 'ce_id'], message: 'string' }],
  },
]);

testNoThrow('event-envelope-types', [
  { name: 'properties is an array', document: { asyncapi: '3.0.0', components: { messages: { A: { payload: { properties: [1] } } } } } },
  { name: 'property schemas of wrong types', document: { asyncapi: '3.0.0', components: { messages: { A: { payload: { properties: { event_id: 5, timestamp: null, data: [], metadata: 'x' } } } } } } },
  { name: 'type is a number, format an object', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: { payload: { properties: { event_id: { type: 5, format: {} } } } } } } } } },
  {
    name: 'cloudevents with garbage headers',
    document: { asyncapi: '3.0.0', channels: { c: { messages: { m: { headers: { properties: { ce_id: { type: [] }, ce_specversion: { enum: 'x' } } } } } } } },
    options: { eventEnvelope: 'cloudevents' },
  },
]);
