import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const body = { content: { 'application/json': { schema: { type: 'object' } } } };
const info = { title: 't', version: '1' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

testRule('http-put-patch-body', [
  {
    name: 'PUT and PATCH without a requestBody',
    document: {
      openapi: '3.0.3',
      info,
      paths: { '/orders/{id}': { parameters: [idParam], put: { responses: ok }, patch: { responses: ok } } },
    },
    errors: [
      { path: ['paths', '/orders/{id}', 'put'], message: 'PUT /orders/{id} defines no requestBody', severity: 'warn' },
      { path: ['paths', '/orders/{id}', 'patch'], message: 'PATCH' },
    ],
  },
  {
    name: 'PUT and PATCH with a requestBody (inline or $ref) are compliant',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders/{id}': {
          parameters: [idParam],
          put: { requestBody: body, responses: ok },
          patch: { requestBody: { $ref: '#/components/requestBodies/Patch' }, responses: ok },
          get: { responses: ok },
        },
      },
      components: { requestBodies: { Patch: body } },
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
            callbacks: { onEvent: { '{$request.body#/url}': { put: { responses: ok } } } },
          },
        },
      },
      webhooks: { orderUpdated: { patch: { responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('http-put-patch-body', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ put: {} }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { put: 'x', patch: null } } } },
  { name: 'path item as number', document: { openapi: '3.1.0', paths: { '/a': 1 } } },
]);
