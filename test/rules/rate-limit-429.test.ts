import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 'Orders API', version: '1.0.0' };
const ok = { description: 'OK' };
const tooMany = { description: 'Too many requests' };

testRule('rate-limit-429', [
  {
    name: 'an operation without 429 gets one result at the operation',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/orders': { get: { responses: { '200': ok } } } },
    },
    errors: [{ path: ['paths', '/orders', 'get'], message: '429', severity: 'warn' }],
  },
  {
    name: 'an operation documenting 429 is compliant',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/orders': { get: { responses: { '200': ok, '429': tooMany } } } },
    },
    errors: [],
  },
  {
    name: '429 behind a $ref to components/responses is compliant',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/orders': { get: { responses: { '200': ok, '429': { $ref: '#/components/responses/TooManyRequests' } } } } },
      components: { responses: { TooManyRequests: tooMany } },
    },
    errors: [],
  },
  {
    name: 'every operation of a path item is checked (one result each)',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': {
          get: { responses: { '200': ok } },
          post: { responses: { '201': { description: 'Created' }, '429': tooMany } },
          delete: { responses: { '204': { description: 'Deleted' } } },
        },
      },
    },
    errors: [
      { path: ['paths', '/orders', 'get'] },
      { path: ['paths', '/orders', 'delete'] },
    ],
  },
  {
    name: 'x-rate-limit: false on the operation, the path item or the root exempts the operation',
    document: {
      openapi: '3.0.3',
      info,
      paths: {
        '/health': { get: { 'x-rate-limit': false, responses: { '200': ok } } },
        '/status': { 'x-rate-limit': false, get: { responses: { '200': ok } } },
      },
    },
    errors: [],
  },
  {
    name: 'root x-rate-limit: false exempts, unless the operation declares its own policy',
    document: {
      openapi: '3.0.3',
      info,
      'x-rate-limit': false,
      paths: {
        '/health': { get: { responses: { '200': ok } } },
        '/orders': { post: { 'x-rate-limit': { limit: 10, window: '1m', scope: 'user' }, responses: { '201': { description: 'Created' } } } },
      },
    },
    errors: [{ path: ['paths', '/orders', 'post'] }],
  },
  {
    name: 'a path-level policy overrides a root exemption',
    document: {
      openapi: '3.0.3',
      info,
      'x-rate-limit': false,
      paths: { '/orders': { 'x-rate-limit': { limit: 10, window: '1m', scope: 'ip' }, get: { responses: { '200': ok } } } },
    },
    errors: [{ path: ['paths', '/orders', 'get'] }],
  },
  {
    name: 'webhook and callback operations are not flagged',
    document: `
openapi: 3.1.0
info: {title: Orders API, version: "1.0.0"}
paths:
  /subscriptions:
    post:
      responses:
        '201': {description: Created}
        '429': {description: Too many requests}
      callbacks:
        orderEvent:
          '{$request.body#/callbackUrl}':
            post:
              responses:
                '200': {description: Received}
webhooks:
  orderPlaced:
    post:
      responses:
        '200': {description: Received}
`,
    errors: [],
  },
]);

testNoThrow('rate-limit-429', [
  { name: 'responses is an array', document: { openapi: '3.0.3', info, paths: { '/a': { get: { responses: [1, 2] } } } } },
  { name: 'responses is null', document: { openapi: '3.0.3', info, paths: { '/a': { get: { responses: null } } } } },
  { name: 'operation is a string', document: { openapi: '3.0.3', info, paths: { '/a': { get: 'nope' } } } },
  { name: 'path item is an array', document: { openapi: '3.0.3', info, paths: { '/a': [] } } },
  { name: 'paths is a string', document: { openapi: '3.0.3', info, paths: 'x' } },
  { name: 'x-rate-limit of wrong types', document: { openapi: '3.0.3', info, 'x-rate-limit': 'no', paths: { '/a': { 'x-rate-limit': [], get: { 'x-rate-limit': null, responses: {} } } } } },
]);
