import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const doc = (keys: string[]) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(keys.map((k) => [k, { get: { responses: ok } }])),
});

testRule('rest-path-kebab-case', [
  {
    name: 'camelCase, snake_case and upper-case segments',
    document: doc(['/userProfiles', '/order_items/{id}', '/Accounts/{AccountSid}/Calls']),
    errors: [
      { path: ['paths', '/userProfiles'], message: 'rename it to "user-profiles"', severity: 'warn' },
      { path: ['paths', '/order_items/{id}'], message: '"order-items"' },
      { path: ['paths', '/Accounts/{AccountSid}/Calls'], message: '"Accounts"' },
      { path: ['paths', '/Accounts/{AccountSid}/Calls'], message: '"Calls"' },
    ],
  },
  {
    name: 'one result per offending segment value per path key',
    document: doc(['/Items/{id}/Items']),
    errors: [{ path: ['paths', '/Items/{id}/Items'], message: '"Items"' }],
  },
  {
    name: 'kebab-case segments, versions, parameters in any case, extensions and .well-known pass',
    document: doc(['/v1/user-profiles/{userProfileId}', '/api/v2/orders/{order_id}/line-items', '/.well-known/openid-configuration', '/reports.json', '/2024-01-01/items']),
    errors: [],
  },
  {
    name: 'version segments are checked too (patterns are case-sensitive)',
    document: doc(['/V1/orders']),
    errors: [{ path: ['paths', '/V1/orders'], message: '"v1"' }],
  },
  {
    name: 'case: snake',
    document: doc(['/order_items', '/order-items']),
    options: { 'rest-path-kebab-case': { case: 'snake' } },
    errors: [{ path: ['paths', '/order-items'], message: 'not snake_case; rename it to "order_items"' }],
  },
  {
    name: 'case: camel',
    document: doc(['/orderItems', '/order-items']),
    options: { 'rest-path-kebab-case': { case: 'camel' } },
    errors: [{ path: ['paths', '/order-items'], message: 'rename it to "orderItems"' }],
  },
  {
    name: 'the ignore option skips segments',
    document: doc(['/Legacy/orders']),
    options: { 'rest-path-kebab-case': { ignore: ['^Legacy$'] } },
    errors: [],
  },
  {
    name: 'Swagger 2.0 paths are checked too',
    document: { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/storeOrders': { get: { responses: ok } } } },
    errors: [{ path: ['paths', '/storeOrders'], message: '"store-orders"' }],
  },
  {
    name: 'webhook names and callback expressions are not paths',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/subscriptions': {
          post: {
            responses: { '201': { description: 'created' } },
            callbacks: { onEvent: { '{$request.body#/callbackUrl}/OrderEvents': { post: { responses: ok } } } },
          },
        },
      },
      webhooks: { OrderCreated: { post: { responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('rest-path-kebab-case', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: ['/A'] } },
  { name: 'paths as string', document: { openapi: '3.1.0', paths: '/A' } },
  { name: 'odd keys', document: { openapi: '3.1.0', paths: { '': 1, '/': null, '/__/--': {}, '/ÄÖ': [] } } },
]);
