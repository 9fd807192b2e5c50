import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const doc = (paths: Record<string, unknown>, version = '3.1.0') => ({
  openapi: version,
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, v ?? { get: { responses: ok } }])),
});

testRule('rest-resource-plural', [
  {
    name: 'a singular segment followed by a parameter',
    document: doc({ '/user/{userId}': null }),
    errors: [{ path: ['paths', '/user/{userId}'], message: 'use the plural "users"', severity: 'warn' }],
  },
  {
    name: 'a singular last segment with a sibling /{param}: both path keys are reported',
    document: doc({ '/order': null, '/order/{orderId}': null }),
    errors: [
      { path: ['paths', '/order'], message: '"orders"' },
      { path: ['paths', '/order/{orderId}'], message: '"orders"' },
    ],
  },
  {
    name: 'plural collections are compliant',
    document: doc({
      '/users': null,
      '/users/{userId}': null,
      '/users/{userId}/orders/{orderId}': null,
      '/people/{personId}': null,
      '/order-items/{id}': null,
      '/codes_of_conduct/{key}': null,
    }),
    errors: [],
  },
  {
    name: 'the last word of a compound segment counts (kebab, snake, camel)',
    document: doc({ '/order-item/{id}': null, '/line_item/{id}': null, '/paymentMethod/{id}': null }),
    errors: [
      { path: ['paths', '/order-item/{id}'], message: '"order-items"' },
      { path: ['paths', '/line_item/{id}'], message: '"line_items"' },
      { path: ['paths', '/paymentMethod/{id}'], message: '"paymentMethods"' },
    ],
  },
  {
    name: 'uncountables, allow-listed singletons and ignored prefixes are not reported',
    document: doc({
      '/v1/data/{key}': null,
      '/api/news/{id}': null,
      '/info/{section}': null,
      '/health/{check}': null,
      '/metadata/{key}': null,
      '/settings/{name}': null,
      '/me/{field}': null,
      '/status/{component}': null,
      '/search/{index}': null,
      '/auth/{provider}': null,
    }),
    errors: [],
  },
  {
    name: 'a singular segment not followed by a parameter is not a collection',
    document: doc({ '/users/{id}/profile': null, '/account': null, '/users/{id}/avatar/thumbnail': null }),
    errors: [],
  },
  {
    name: 'the singular option adds words; the ignore option skips segments',
    document: doc({ '/inbox/{id}': null, '/legacy/{id}/thing/{x}': null }),
    options: { 'rest-resource-plural': { singular: ['inbox'], ignore: ['^legacy$', '^thing$'] } },
    errors: [],
  },
  {
    name: 'a format extension is not part of the word',
    document: doc({ '/Account.json': null, '/Account/{Sid}.json': null }),
    errors: [{ path: ['paths', '/Account/{Sid}.json'], message: '"Accounts"' }],
  },
  {
    name: 'Swagger 2.0 paths are checked too',
    document: {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/invoice/{id}': { get: { responses: ok } } },
    },
    errors: [{ path: ['paths', '/invoice/{id}'], message: '"invoices"' }],
  },
  {
    name: 'webhook and callback keys are not paths',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/subscriptions': {
          post: {
            responses: { '201': { description: 'created' } },
            callbacks: { event: { '{$request.body#/url}/event/{id}': { post: { responses: ok } } } },
          },
        },
      },
      webhooks: { 'order/{id}': { post: { responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('rest-resource-plural', [
  { name: 'paths as array', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: [{ '/user/{id}': {} }] } },
  { name: 'paths as string', document: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: 'x' } },
  { name: 'paths null', document: { openapi: '3.1.0', paths: null } },
  { name: 'odd keys', document: { openapi: '3.1.0', paths: { '': {}, '/': {}, '//{x}': 1, '/{}/{': null, '/123/{id}': 'x' } } },
]);
