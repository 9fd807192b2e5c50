import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const body = { content: { 'application/json': { schema: { type: 'object' } } } };
const info = { title: 't', version: '1' };

testRule('http-no-body-on-get-head-delete', [
  {
    name: 'GET, HEAD and DELETE with a requestBody',
    document: {
      openapi: '3.0.3',
      info,
      paths: {
        '/orders': { get: { requestBody: body, responses: ok }, head: { requestBody: body, responses: ok } },
        '/orders/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          delete: { requestBody: body, responses: { '204': { description: 'deleted' } } },
        },
      },
    },
    errors: [
      { path: ['paths', '/orders', 'get', 'requestBody'], message: 'GET /orders defines a requestBody' },
      { path: ['paths', '/orders', 'head', 'requestBody'], message: 'HEAD' },
      { path: ['paths', '/orders/{id}', 'delete', 'requestBody'], message: 'DELETE', severity: 'warn' },
    ],
  },
  {
    name: 'a requestBody behind $ref (components/requestBodies) is reported at the operation\'s requestBody',
    document: {
      openapi: '3.1.0',
      info,
      paths: { '/orders': { get: { requestBody: { $ref: '#/components/requestBodies/Filter' }, responses: ok } } },
      components: { requestBodies: { Filter: body } },
    },
    errors: [{ path: ['paths', '/orders', 'get'] }],
  },
  {
    name: 'bodies on POST, PUT and PATCH, and GET with query parameters, are compliant',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': {
          get: { parameters: [{ name: 'status', in: 'query', schema: { type: 'string' } }], responses: ok },
          post: { requestBody: body, responses: { '201': { description: 'created' } } },
        },
        '/orders/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          put: { requestBody: body, responses: ok },
          patch: { requestBody: body, responses: ok },
          delete: { responses: { '204': { description: 'deleted' } } },
        },
      },
    },
    errors: [],
  },
  {
    name: 'webhook and callback operations are not judged',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/subscriptions': {
          post: {
            requestBody: body,
            responses: { '201': { description: 'created' } },
            callbacks: { onEvent: { '{$request.body#/url}': { get: { requestBody: body, responses: ok } } } },
          },
        },
      },
      webhooks: { orderDeleted: { delete: { requestBody: body, responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('http-no-body-on-get-head-delete', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ get: { requestBody: {} } }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { get: 'x', delete: 1 } } } },
  { name: 'requestBody null', document: { openapi: '3.1.0', paths: { '/a': { get: { requestBody: null } } } } },
]);
