import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 't', version: '1' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const json = { 'application/json': { schema: { type: 'object' } } };
const item = (del: unknown) => ({ '/orders/{id}': { parameters: [idParam], delete: del } });

testRule('http-delete-success', [
  {
    name: 'DELETE without a success response',
    document: { openapi: '3.1.0', info, paths: item({ responses: { '404': { description: 'not found' } } }) },
    errors: [{ path: ['paths', '/orders/{id}', 'delete'], message: 'documents no success response', severity: 'warn' }],
  },
  {
    name: 'a 204 with content',
    document: { openapi: '3.1.0', info, paths: item({ responses: { '204': { description: 'deleted', content: json } } }) },
    errors: [{ path: ['paths', '/orders/{id}', 'delete', 'responses', '204', 'content'], message: 'a 204 has no body' }],
  },
  {
    name: 'a 204 with content behind $ref (components/responses) is reported at the component once',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        ...item({ responses: { '204': { $ref: '#/components/responses/NoContent' } } }),
        '/invoices/{id}': { parameters: [idParam], put: { responses: { '204': { $ref: '#/components/responses/NoContent' } } } },
      },
      components: { responses: { NoContent: { description: 'done', content: json } } },
    },
    errors: [{ path: ['components', 'responses', 'NoContent', 'content'] }],
  },
  {
    name: '204, 200, 202 and 2XX are success responses',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        ...item({ responses: { '204': { description: 'deleted' } } }),
        '/carts/{id}': { parameters: [idParam], delete: { responses: { '200': { description: 'deleted', content: json } } } },
        '/exports/{id}': { parameters: [idParam], delete: { responses: { '202': { description: 'accepted' } } } },
        '/files/{id}': { parameters: [idParam], delete: { responses: { '2XX': { description: 'deleted' } } } },
        '/tags/{id}': { parameters: [idParam], delete: { responses: { '204': { description: 'deleted', content: {} } } } },
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
            responses: { '201': { description: 'created' } },
            callbacks: { onEvent: { '{$request.body#/url}': { delete: { responses: { '404': { description: 'x' } } } } } },
          },
        },
      },
      webhooks: { orderDeleted: { post: { responses: { '204': { description: 'ok', content: json } } } } },
    },
    errors: [],
  },
]);

testNoThrow('http-delete-success', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ delete: {} }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { delete: 'x' } } } },
  { name: 'responses as number', document: { openapi: '3.1.0', paths: { '/a': { delete: { responses: 3 } } } } },
  { name: 'response 204 as string, content as array', document: { openapi: '3.1.0', paths: { '/a': { delete: { responses: { '204': 'x' } }, get: { responses: { '204': { content: [1] } } } } } } },
]);
