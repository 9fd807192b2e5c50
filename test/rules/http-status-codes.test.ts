import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 't', version: '1' };
const r = (d = 'x') => ({ description: d });

testRule('http-status-codes', [
  {
    name: 'codes outside the allowed set',
    document: { openapi: '3.1.0', info, paths: { '/orders': { get: { responses: { '200': r(), '302': r(), '418': r() } } } } },
    errors: [
      { path: ['paths', '/orders', 'get', 'responses', '302'], message: 'documents status 302, which is not in the allowed set', severity: 'warn' },
      { path: ['paths', '/orders', 'get', 'responses', '418'], message: '418' },
    ],
  },
  {
    name: 'a $ref response under a disallowed key is reported at the operation\'s responses',
    document: {
      openapi: '3.1.0',
      info,
      paths: { '/orders': { get: { responses: { '200': r(), '410': { $ref: '#/components/responses/Gone' } } } } },
      components: { responses: { Gone: r('gone') } },
    },
    errors: [{ path: ['paths', '/orders', 'get', 'responses'], message: '410' }],
  },
  {
    name: 'allowed codes, default, and ranges of allowed classes are compliant',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': {
          get: { responses: { '200': r(), '400': r(), '401': r(), '404': r(), '429': r(), '4XX': r(), '5XX': r(), default: r() } },
          post: { responses: { '201': { $ref: '#/components/responses/Created' }, '409': r(), '422': r(), '503': r() } },
        },
      },
      components: { responses: { Created: r('created') } },
    },
    errors: [],
  },
  {
    name: 'a range of a class without allowed codes is reported',
    document: { openapi: '3.1.0', info, paths: { '/orders': { get: { responses: { '200': r(), '3XX': r() } } } } },
    errors: [{ path: ['paths', '/orders', 'get', 'responses', '3XX'] }],
  },
  {
    name: 'the allowed option',
    document: { openapi: '3.1.0', info, paths: { '/orders': { get: { responses: { '200': r(), '304': r() } } } } },
    options: { 'http-status-codes': { allowed: [200, 304] } },
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
            responses: { '201': r() },
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: { '410': r() } } } } },
          },
        },
      },
      webhooks: { orderCreated: { post: { responses: { '299': r() } } } },
    },
    errors: [],
  },
]);

testNoThrow('http-status-codes', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ get: { responses: { '999': {} } } }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { get: 'x' } } } },
  { name: 'responses as number', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: 3 } } } } },
  { name: 'responses as array', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: [{ description: 'x' }] } } } } },
  { name: 'odd keys', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { ok: 1, '': null, 'x-foo': 1 } } } } } },
]);
