import { testNoThrow, testRule } from '../helpers/testRule';

const v3 = (key: string, componentKey = 'Shared') => `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      ${key}:
        payload: {type: object}
      shared:
        $ref: '#/components/messages/${componentKey}'
operations:
  publishOrders:
    action: send
    channel: {$ref: '#/channels/orders'}
    messages:
      - $ref: '#/channels/orders/messages/${key}'
      - $ref: '#/channels/orders/messages/shared'
components:
  messages:
    ${componentKey}:
      payload: {type: object}
`;

testRule('event-name', [
  {
    name: '3.0: PascalCase past tense keys are compliant (channel key of a $ref is not the name)',
    document: v3('OrderPlaced', 'PaymentSent'),
    errors: [],
  },
  {
    name: '3.0: a present-tense key is reported at the message',
    document: v3('PlaceOrder', 'OrderShipped'),
    errors: [{ path: ['channels', 'orders', 'messages', 'PlaceOrder'], message: 'past' }],
  },
  {
    name: '3.0: the key of a components message behind $ref is reported once, at the definition',
    document: v3('OrderPlaced', 'orderCreate'),
    errors: [{ path: ['components', 'messages', 'orderCreate'], message: 'orderCreate' }],
  },
  {
    name: '3.0: dotted lowercase with version and irregular past are compliant',
    document: v3('order.placed.v1', 'InvoiceSent'),
    errors: [],
  },
  {
    name: '3.0: dotted lowercase with a present action',
    document: v3('order.place.v2', 'InvoicePaid'),
    errors: [{ path: ['channels', 'orders', 'messages', 'order.place.v2'], message: 'order.place' }],
  },
  {
    name: '3.0: phrasal verbs in the past tense are compliant (UserSignedUp, order.picked_up.v1)',
    document: v3('order.picked_up.v1', 'UserSignedUp'),
    errors: [],
  },
  {
    name: '3.0: a phrasal verb in the present tense is still reported',
    document: v3('cart.check-out', 'UserSignUp'),
    errors: [
      { path: ['channels', 'orders', 'messages', 'cart.check-out'], message: 'check-out' },
      { path: ['components', 'messages', 'UserSignUp'], message: '"Up"' },
    ],
  },
  {
    name: '3.0: prefixed irregular past forms are compliant (InvoicePrepaid, AccountOverdrawn)',
    document: v3('InvoicePrepaid', 'AccountOverdrawn'),
    errors: [],
  },
  {
    name: '3.0: nouns that look like a prefix and a past form are reported (PaymentOutcome, ReportOutput)',
    document: v3('PaymentOutcome', 'ReportOutput'),
    errors: [
      { path: ['channels', 'orders', 'messages', 'PaymentOutcome'], message: 'Outcome' },
      { path: ['components', 'messages', 'ReportOutput'], message: 'Output' },
    ],
  },
  {
    name: 'allow accepts a name as is',
    document: v3('Heartbeat', 'OrderPlaced'),
    options: { 'event-name': { allow: ['Heartbeat'] } },
    errors: [],
  },
  {
    name: 'a custom irregular list',
    document: v3('OrderFoo', 'OrderPlaced'),
    options: { 'event-name': { irregular: ['foo'] } },
    errors: [],
  },
  {
    name: '2.6: name is used, and messageId when there is no name',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        oneOf:
          - name: order_created
            payload: {type: object}
          - messageId: orderCancel
            payload: {type: object}
          - name: OrderShipped
            messageId: shipOrder
            payload: {type: object}
`,
    errors: [
      { path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 0, 'name'], message: 'order_created' },
      { path: ['channels', 'orders', 'subscribe', 'message', 'oneOf', 1, 'messageId'], message: 'orderCancel' },
    ],
  },
  {
    name: '2.0: single message behind $ref with a compliant name',
    document: `asyncapi: 2.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message:
        $ref: '#/components/messages/Placed'
components:
  messages:
    Placed:
      name: OrderPlaced
      payload: {type: object}
`,
    errors: [],
  },
  {
    name: '3.0: reply message keys are checked',
    document: `asyncapi: 3.0.0
info: {title: Pricing, version: 1.0.0}
channels:
  requests:
    address: quotes
    messages:
      QuoteRequested: {payload: {type: object}}
  replies:
    address: null
    messages:
      QuoteReply: {payload: {type: object}}
operations:
  answer:
    action: receive
    channel: {$ref: '#/channels/requests'}
    reply:
      channel: {$ref: '#/channels/replies'}
      messages:
        - $ref: '#/channels/replies/messages/QuoteReply'
`,
    errors: [{ path: ['channels', 'replies', 'messages', 'QuoteReply'], message: 'Reply' }],
  },
]);

testNoThrow('event-name', [
  { name: 'name and messageId of wrong types', document: { asyncapi: '2.6.0', channels: { c: { publish: { message: { name: 5, messageId: [] } } } } } },
  { name: 'components.messages null', document: { asyncapi: '3.0.0', components: { messages: null } } },
  { name: 'operation messages with dangling refs', document: { asyncapi: '3.0.0', operations: { o: { messages: [{ $ref: '#/nope' }, 5] } } } },
  { name: 'options allow', document: { asyncapi: '3.0.0', channels: { c: { messages: { '': {} } } } }, options: { 'event-name': { allow: [] } } },
]);
