import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (message = '', operation = '', channel = '') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      placed:
        $ref: '#/components/messages/OrderPlaced'${channel}
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/placed'${operation}
components:
  messages:
    OrderPlaced:
      payload: {type: object}${message}
`;

testRule('event-delivery-guarantee', [
  {
    name: '3.0: no guarantee anywhere is reported once, at the message definition',
    document: v3(),
    errors: [{ path: ['components', 'messages', 'OrderPlaced'], message: 'x-delivery-guarantee', severity: 'warn' }],
  },
  {
    name: '3.0: on the message',
    document: v3('\n      x-delivery-guarantee: at-least-once'),
    errors: [],
  },
  {
    name: '3.0: on the operation',
    document: v3('', '\n    x-delivery-guarantee: exactly-once'),
    errors: [],
  },
  {
    name: '3.0: on the channel',
    document: v3('', '', '\n    x-delivery-guarantee: at-most-once'),
    errors: [],
  },
  {
    name: '3.0: an invalid value is reported at the extension',
    document: v3('\n      x-delivery-guarantee: at_least_once'),
    errors: [{ path: ['components', 'messages', 'OrderPlaced', 'x-delivery-guarantee'], message: 'not one of' }],
  },
  {
    name: '3.0: MQTT qos in an operation trait fixes it',
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
      - $ref: '#/components/operationTraits/mqtt'
components:
  operationTraits:
    mqtt:
      bindings:
        mqtt:
          qos: 1
`,
    errors: [],
  },
  {
    name: '3.0: SQS channel binding fixes it; a reply message without one is reported',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested: {payload: {type: object}}
    bindings:
      sqs:
        queue:
          name: quotes
          fifoQueue: false
  replies:
    address: null
    messages:
      QuoteCalculated: {payload: {type: object}}
operations:
  answer:
    action: receive
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
`,
    errors: [{ path: ['channels', 'replies', 'messages', 'QuoteCalculated'], message: 'delivery guarantee' }],
  },
  {
    name: '2.6: MQTT qos on the operation, SNS on another channel; oneOf entries',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      bindings:
        mqtt:
          qos: 2
      message:
        oneOf:
          - name: OrderPlaced
            payload: {type: object}
          - name: OrderCancelled
            payload: {type: object}
  notifications:
    bindings:
      sns:
        name: notifications
    publish:
      message:
        name: NotificationSent
        payload: {type: object}
  audit:
    publish:
      message:
        name: AuditRecorded
        payload: {type: object}
`,
    errors: [{ path: ['channels', 'audit', 'publish', 'message'], message: 'delivery guarantee' }],
  },
  {
    name: '2.6: MQTT qos written as a string on the message binding (as real documents do)',
    document: `asyncapi: 2.6.0
info: {title: Vehicles, version: 1.0.0}
channels:
  pe/active_cab:
    publish:
      message:
        name: ActiveCabChanged
        payload: {type: object}
        bindings:
          mqtt:
            qos: '1'
  pe/audio:
    publish:
      message:
        name: AudioPlayed
        payload: {type: object}
        bindings:
          mqtt:
            qos: 'high'
`,
    errors: [{ path: ['channels', 'pe/audio', 'publish', 'message'], message: 'delivery guarantee' }],
  },
  {
    name: '2.0: on the channel',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    x-delivery-guarantee: at-least-once
    publish:
      message:
        name: OrderPlaced
        payload: {type: object}
`,
    errors: [],
  },
]);

testNoThrow('event-delivery-guarantee', [
  { name: 'bindings garbage', document: { asyncapi: '3.0.0', channels: { c: { bindings: 5, messages: { m: { bindings: { mqtt: null } } } } } } },
  { name: 'qos a string, traits garbage', document: { asyncapi: '2.6.0', channels: { c: { subscribe: { traits: [5, null, { bindings: [] }], bindings: { mqtt: { qos: '1' } }, message: {} } } } } },
  { name: 'x-delivery-guarantee an object everywhere', document: { asyncapi: '3.0.0', channels: { c: { 'x-delivery-guarantee': {}, messages: { m: { 'x-delivery-guarantee': [] } } } } } },
]);
