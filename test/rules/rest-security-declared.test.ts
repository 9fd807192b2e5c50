import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const base = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
};

testRule('rest-security-declared', [
  {
    name: 'an operation without security and no root security',
    document: { ...base, paths: { '/orders': { get: { responses: ok }, post: { security: [{ bearerAuth: [] }], responses: ok } } } },
    errors: [{ path: ['paths', '/orders', 'get'], message: 'declares no security requirement', severity: 'warn' }],
  },
  {
    name: 'root security covers every operation',
    document: { ...base, security: [{ bearerAuth: [] }], paths: { '/orders': { get: { responses: ok } } } },
    errors: [],
  },
  {
    name: 'an explicit security: [] marks a public operation',
    document: { ...base, paths: { '/health': { get: { security: [], responses: ok } } } },
    errors: [],
  },
  {
    name: 'an explicit root security: [] declares the API public',
    document: { ...base, security: [], paths: { '/health': { get: { responses: ok } } } },
    errors: [],
  },
  {
    name: 'optional authentication ([{}]) is a declared requirement',
    document: { ...base, paths: { '/catalog': { get: { security: [{}, { bearerAuth: [] }], responses: ok } } } },
    errors: [],
  },
  {
    name: 'Swagger 2.0 operations are checked too',
    document: { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/orders': { get: { responses: ok } } } },
    errors: [{ path: ['paths', '/orders', 'get'] }],
  },
  {
    name: 'webhook and callback operations are not judged',
    document: {
      ...base,
      security: [{ bearerAuth: [] }],
      paths: {
        '/subscriptions': {
          post: {
            responses: ok,
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: ok } } } },
          },
        },
      },
      webhooks: { orderCreated: { post: { responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('rest-security-declared', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ get: {} }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { get: 'x' } } } },
  { name: 'security as string', document: { openapi: '3.1.0', security: 'x', paths: { '/a': { get: { security: 3 } } } } },
  { name: 'security null', document: { openapi: '3.1.0', security: null, paths: { '/a': { get: {} } } } },
]);
