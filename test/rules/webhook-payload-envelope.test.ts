import { testNoThrow, testRule } from '../helpers/testRule';

const doc = (schema: string, components = '') => `openapi: 3.1.0
info: {title: Orders webhooks, version: "1.0.0"}
webhooks:
  orderPlaced:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
${schema}      responses:
        "204": {description: received}
${components}`;
const OP = ['webhooks', 'orderPlaced', 'post'];
const BODY = [...OP, 'requestBody'];
const props = (names: string[], indent = '              ') =>
  `${indent}type: object\n${indent}properties:\n${names.map((n) => `${indent}  ${n}: {type: string}`).join('\n')}\n`;

testRule('webhook-payload-envelope', [
  {
    name: 'a payload without event_id and event_type',
    document: doc(props(['timestamp', 'data'])),
    errors: [{ path: BODY, message: /event_id.*event_type/, severity: 'warn' }],
  },
  { name: 'the seed envelope', document: doc(props(['event_id', 'event_type', 'timestamp', 'data'])), errors: [] },
  {
    name: 'the envelope behind $ref and allOf',
    document: doc(
      "              $ref: '#/components/schemas/OrderPlaced'\n",
      `components:
  schemas:
    Envelope:
      type: object
      required: [event_id, event_type, timestamp, data]
      properties:
        event_id: {type: string, format: uuid}
        event_type: {type: string}
        timestamp: {type: string, format: date-time}
    OrderPlaced:
      allOf:
        - $ref: '#/components/schemas/Envelope'
        - type: object
          properties:
            data: {type: object}
`,
    ),
    errors: [],
  },
  {
    name: 'a field missing inside allOf behind $ref',
    document: doc(
      "              allOf:\n                - $ref: '#/components/schemas/Base'\n                - {type: object, properties: {data: {type: object}}}\n",
      'components:\n  schemas:\n    Base: {type: object, properties: {event_id: {type: string}, timestamp: {type: string}}}\n',
    ),
    errors: [{ path: BODY, message: 'event_type' }],
  },
  {
    name: 'oneOf: every branch carries the envelope',
    document: doc(
      `              oneOf:
                - {type: object, properties: {event_id: {type: string}, event_type: {const: a}, timestamp: {type: string}, data: {type: object}}}
                - {type: object, properties: {event_id: {type: string}, event_type: {const: b}, timestamp: {type: string}, data: {type: object}}}
`,
    ),
    errors: [],
  },
  {
    name: 'no request body',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nwebhooks:\n  orderPlaced:\n    post:\n      responses:\n        "204": {description: received}\n',
    errors: [{ path: OP, message: 'no request body' }],
  },
  {
    name: 'Standard Webhooks envelope',
    options: { webhookSignature: 'standard-webhooks' },
    document: doc(props(['type', 'timestamp', 'data'])),
    errors: [],
  },
  {
    name: 'Standard Webhooks: the seed envelope lacks type',
    options: { webhookSignature: 'standard-webhooks' },
    document: doc(props(['event_id', 'event_type', 'timestamp', 'data'])),
    errors: [{ path: BODY, message: '`type`' }],
  },
  {
    name: 'either accepts one complete set',
    options: { webhookSignature: 'either' },
    document: doc(props(['type', 'timestamp', 'data'])),
    errors: [],
  },
  {
    name: 'callbacks, with a request body behind $ref',
    document: `openapi: 3.0.3
info: {title: Streams, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        "201": {description: created}
      callbacks:
        onEvent:
          "{$request.body#/callbackUrl}":
            post:
              requestBody: {$ref: '#/components/requestBodies/Event'}
              responses:
                "200": {description: ok}
components:
  requestBodies:
    Event:
      content:
        application/json:
          schema: {type: object, properties: {id: {type: string}, data: {type: object}}}
`,
    // Spectral reports a result behind a $ref at the referenced definition.
    errors: [{ path: ['components', 'requestBodies', 'Event'], message: 'event_id' }],
  },
]);

testNoThrow('webhook-payload-envelope', [
  { name: 'content is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { requestBody: { content: [1] } } } } } },
  { name: 'schema properties is a list', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { requestBody: { content: { 'application/json': { schema: { properties: [], allOf: 'x', oneOf: [null] } } } } } } } } },
  { name: 'circular schema', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } }, components: { schemas: { A: { allOf: [{ $ref: '#/components/schemas/A' }], oneOf: [{ $ref: '#/components/schemas/A' }] } } } } },
  { name: 'requestBody a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: { post: { requestBody: 'x' } } } } },
]);
