import { testNoThrow, testRule } from '../helpers/testRule';

const RETRY = '{maxAttempts: 3, backoff: exponential, initialInterval: 1s, jitter: 0.1}';
const oas = (rootExtra = '', opExtra = '', pathExtra = '', method = 'post') => `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
${rootExtra}paths:
  /orders:
${pathExtra}    ${method}:
${opExtra}      responses:
        "201": {description: created}
`;
const OP = ['paths', '/orders', 'post'];
const KEY = (name = 'Idempotency-Key', required = true, indent = '      ') =>
  `${indent}parameters:\n${indent}  - {name: ${name}, in: header, required: ${required}, schema: {type: string, maxLength: 255}}\n`;

testRule('resilience-retry-needs-idempotency', [
  { name: 'a retried POST without Idempotency-Key', document: oas('', `      x-retry-policy: ${RETRY}\n`), errors: [{ path: OP, message: 'Idempotency-Key', severity: 'warn' }] },
  { name: 'a retried POST with a required key', document: oas('', `      x-retry-policy: ${RETRY}\n${KEY()}`), errors: [] },
  { name: 'the key in another letter case', document: oas('', `      x-retry-policy: ${RETRY}\n${KEY('idempotency-key')}`), errors: [] },
  { name: 'a path-level key', document: oas('', `      x-retry-policy: ${RETRY}\n`, KEY('Idempotency-Key', true, '    ')), errors: [] },
  { name: 'an optional key is reported at the parameter', document: oas('', `      x-retry-policy: ${RETRY}\n${KEY('Idempotency-Key', false)}`), errors: [{ path: [...OP, 'parameters', 0], message: 'required: true' }] },
  { name: 'the root policy applies', document: oas(`x-retry-policy: ${RETRY}\n`, '', '', 'patch'), errors: [{ path: ['paths', '/orders', 'patch'], message: 'root' }] },
  { name: 'GET is not checked', document: oas(`x-retry-policy: ${RETRY}\n`, '', '', 'get'), errors: [] },
  { name: 'a single attempt is no retry', document: oas('', '      x-retry-policy: {maxAttempts: 1, backoff: fixed, initialInterval: 1s}\n'), errors: [] },
  { name: 'a key parameter behind $ref', document: `openapi: 3.1.0
info: {title: Orders, version: "1.0.0"}
x-retry-policy: ${RETRY}
paths:
  /orders:
    post:
      parameters: [{$ref: '#/components/parameters/IdempotencyKey'}]
      responses:
        "201": {description: created}
components:
  parameters:
    IdempotencyKey: {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
`, errors: [] },
]);

testNoThrow('resilience-retry-needs-idempotency', [
  { name: 'parameters a string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, 'x-retry-policy': { maxAttempts: 3 }, paths: { '/a': { parameters: 'x', post: { parameters: [null, { name: 1 }] } } } } },
  { name: 'policy a number', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { post: { 'x-retry-policy': 3 } } } } },
]);
