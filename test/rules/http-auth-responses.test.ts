import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 't', version: '1' };
const r = (d = 'x') => ({ description: d });
const schemes = {
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer' },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    oauth: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': 'read orders' } } },
    },
    oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' },
  },
};

testRule('http-auth-responses', [
  {
    name: 'root security without 401',
    document: {
      openapi: '3.1.0',
      info,
      security: [{ bearerAuth: [] }],
      components: schemes,
      paths: { '/orders': { get: { responses: { '200': r(), '403': r() } } } },
    },
    errors: [{ path: ['paths', '/orders', 'get'], message: 'documents no 401', severity: 'warn' }],
  },
  {
    name: 'scopes and oauth2/openIdConnect schemes need 403',
    document: {
      openapi: '3.1.0',
      info,
      components: schemes,
      paths: {
        '/orders': {
          get: { security: [{ oauth: ['orders:read'] }], responses: { '200': r(), '401': r() } },
          post: { security: [{ oidc: [] }], responses: { '201': r() } },
        },
      },
    },
    errors: [
      { path: ['paths', '/orders', 'get'], message: 'documents no 403' },
      { path: ['paths', '/orders', 'post'], message: 'documents no 401' },
      { path: ['paths', '/orders', 'post'], message: 'documents no 403' },
    ],
  },
  {
    name: '401 and 403 behind $ref (components/responses), ranges, and plain schemes are compliant',
    document: {
      openapi: '3.1.0',
      info,
      security: [{ oauth: ['orders:read'] }],
      components: { ...schemes, responses: { Unauthorized: r('unauthorized'), Forbidden: r('forbidden') } },
      paths: {
        '/orders': {
          get: {
            responses: {
              '200': r(),
              '401': { $ref: '#/components/responses/Unauthorized' },
              '403': { $ref: '#/components/responses/Forbidden' },
            },
          },
          post: { responses: { '201': r(), '4XX': r() } },
        },
        '/invoices': { get: { security: [{ apiKey: [] }], responses: { '200': r(), '401': r() } } },
      },
    },
    errors: [],
  },
  {
    name: 'public and optional-auth operations need no 401',
    document: {
      openapi: '3.1.0',
      info,
      security: [{ bearerAuth: [] }],
      components: schemes,
      paths: {
        '/health': { get: { security: [], responses: { '200': r() } } },
        '/catalog': { get: { security: [{}, { bearerAuth: [] }], responses: { '200': r() } } },
      },
    },
    errors: [],
  },
  {
    name: 'webhook and callback operations are not judged',
    document: {
      openapi: '3.1.0',
      info,
      security: [{ bearerAuth: [] }],
      components: schemes,
      paths: {
        '/subscriptions': {
          post: {
            responses: { '201': r(), '401': r() },
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: { '200': r() } } } } },
          },
        },
      },
      webhooks: { orderCreated: { post: { responses: { '200': r() } } } },
    },
    errors: [],
  },
]);

testNoThrow('http-auth-responses', [
  { name: 'paths as array', document: { openapi: '3.1.0', security: [{ a: [] }], paths: [{ get: {} }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', security: [{ a: [] }], paths: { '/a': { get: 'x' } } } },
  { name: 'responses as number', document: { openapi: '3.1.0', security: [{ a: [] }], paths: { '/a': { get: { responses: 3 } } } } },
  { name: 'security as string', document: { openapi: '3.1.0', security: 'x', paths: { '/a': { get: { security: 'y', responses: {} } } } } },
  { name: 'requirements of wrong types', document: { openapi: '3.1.0', security: [1, null, { a: 'x' }], components: { securitySchemes: [] }, paths: { '/a': { get: { responses: {} } } } } },
  { name: 'securitySchemes of wrong types', document: { openapi: '3.1.0', security: [{ a: [1, null] }], components: { securitySchemes: { a: null } }, paths: { '/a': { get: { responses: {} } } } } },
]);
