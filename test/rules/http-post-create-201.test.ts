import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 't', version: '1' };
const body = { content: { 'application/json': { schema: { type: 'object' } } } };
const created = { description: 'created', headers: { Location: { schema: { type: 'string', format: 'uri' } } } };
const ok = { '200': { description: 'OK' } };
const post = (responses: Record<string, unknown>) => ({ post: { requestBody: body, responses } });

testRule('http-post-create-201', [
  {
    name: 'POST on a collection answers 200',
    document: { openapi: '3.1.0', info, paths: { '/orders': post(ok) } },
    errors: [{ path: ['paths', '/orders', 'post'], message: 'documents no 201 Created response', severity: 'warn' }],
  },
  {
    name: 'the 201 declares no Location header',
    document: { openapi: '3.1.0', info, paths: { '/users/{id}/orders': post({ '201': { description: 'created' } }) } },
    errors: [{ path: ['paths', '/users/{id}/orders', 'post', 'responses', '201'], message: 'no Location header' }],
  },
  {
    name: 'a 201 behind $ref (components/responses) without Location is reported at the component once',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': post({ '201': { $ref: '#/components/responses/Created' } }),
        '/invoices': post({ '201': { $ref: '#/components/responses/Created' } }),
      },
      components: { responses: { Created: { description: 'created' } } },
    },
    errors: [{ path: ['components', 'responses', 'Created'], message: 'no Location header' }],
  },
  {
    name: '201 with Location (any letter case, inline or $ref header), or 202, is compliant',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': post({ '201': created }),
        '/invoices': post({ '201': { description: 'created', headers: { location: { schema: { type: 'string' } } } } }),
        '/payments': post({ '201': { description: 'created', headers: { LOCATION: { $ref: '#/components/headers/Location' } } } }),
        '/exports': post({ '202': { description: 'accepted' } }),
      },
      components: { headers: { Location: { schema: { type: 'string', format: 'uri' } } } },
    },
    errors: [],
  },
  {
    name: 'actions, singular segments and item paths are not collections',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders/{id}/cancel': post(ok),
        '/auth/token': post(ok),
        '/orders/search': post(ok),
        '/orders/{id}': { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], ...post(ok) },
        '/v1': post(ok),
        '/hooks/{id}/pings': post({ '204': { description: 'sent' } }),
      },
    },
    errors: [],
  },
  {
    name: 'a singular collection name with a /{param} sibling is still a collection',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/order': post(ok),
        '/order/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
      },
    },
    errors: [{ path: ['paths', '/order', 'post'] }],
  },
  {
    name: 'the allowActions option',
    document: { openapi: '3.1.0', info, paths: { '/reports/calculations': post(ok) } },
    options: { 'http-post-create-201': { allowActions: ['calculations'] } },
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
            responses: { '201': created },
            callbacks: { onEvent: { '{$request.body#/url}/events': post(ok) } },
          },
        },
      },
      webhooks: { orders: post(ok) },
    },
    errors: [],
  },
]);

testNoThrow('http-post-create-201', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ post: {} }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/orders': { post: 'x' } } } },
  { name: 'responses as number', document: { openapi: '3.1.0', paths: { '/orders': { post: { responses: 3 } } } } },
  { name: 'response as string', document: { openapi: '3.1.0', paths: { '/orders': { post: { responses: { '201': 'x' } } } } } },
  { name: 'headers null', document: { openapi: '3.1.0', paths: { '/orders': { post: { responses: { '201': { headers: null } } } } } } },
  { name: 'headers as array', document: { openapi: '3.1.0', paths: { '/orders': { post: { responses: { '201': { headers: ['Location'] } } } } } } },
]);
