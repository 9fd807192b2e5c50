import { testNoThrow, testRule } from '../helpers/testRule';

const FULL = `  - name: Stripe
    kind: payment
    purpose: Card payments and refunds
    auth: Secret API key (Bearer)
    rateLimit: {limit: 100, window: 1s, scope: client}
    retryPolicy: {maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0.1}
    circuitBreaker: {failureThreshold: 5, openTimeout: 30s, successThreshold: 2}
    timeout: 10s
    fallback: Queue the payment and confirm it asynchronously
`;
const oas = (integrations: string) => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
${integrations}paths: {}
`;

testRule('integration-third-party', [
  { name: 'a fully described integration', document: oas(FULL), errors: [] },
  {
    name: 'one result per entry naming every missing field',
    document: oas(`${FULL}  - name: Mailgun\n    kind: email\n    purpose: Receipts\n    auth: API key\n`),
    errors: [{ path: ['x-integrations', 1], message: /rateLimit.*retryPolicy.*circuitBreaker.*fallback/, severity: 'warn' }],
  },
  {
    name: 'an invalid kind and rate limit',
    document: oas(FULL.replace('kind: payment', 'kind: crm').replace('{limit: 100, window: 1s, scope: client}', '{limit: 0, window: 1s, scope: client}')),
    errors: [
      { path: ['x-integrations', 0, 'kind'], message: 'payment' },
      { path: ['x-integrations', 0, 'rateLimit', 'limit'] },
    ],
  },
  { name: 'x-integrations not a list', document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nx-integrations: {stripe: {}}\npaths: {}\n', errors: [{ path: ['x-integrations'] }] },
  {
    name: 'AsyncAPI 2.x root',
    document: `asyncapi: 2.6.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
  - {name: Twilio, kind: sms, purpose: Order SMS}
channels: {}
`,
    errors: [{ path: ['x-integrations', 0], message: 'auth' }],
  },
  {
    name: 'AsyncAPI 3.x root, compliant',
    document: `asyncapi: 3.0.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
${FULL}`,
    errors: [],
  },
  {
    name: 'an entry behind $ref',
    document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-integrations:
  - $ref: '#/components/x-integrations/S3'
paths: {}
components:
  x-integrations:
    S3: {name: S3, kind: storage, purpose: Invoices, auth: IAM role, fallback: Retry later}
`,
    errors: [{ path: ['components', 'x-integrations', 'S3'], message: 'rateLimit' }],
  },
]);

testNoThrow('integration-third-party', [
  { name: 'entries of the wrong types', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-integrations': [null, 'x', 3, { purpose: 5, auth: [], rateLimit: 'lots' }], paths: {} } },
  { name: 'x-integrations null', document: { asyncapi: '3.0.0', info: { title: 't', version: '1' }, 'x-integrations': null } },
]);
