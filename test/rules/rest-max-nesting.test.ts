import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const doc = (keys: string[]) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(keys.map((k) => [k, { get: { responses: ok } }])),
});

const deep = '/customers/{customerId}/orders/{orderId}/items/{itemId}/adjustments';

testRule('rest-max-nesting', [
  {
    name: 'four resource levels',
    document: doc([deep]),
    errors: [{ path: ['paths', deep], message: 'nests 4 resource levels', severity: 'warn' }],
  },
  {
    name: 'three levels, version and api prefixes, and namespaces are compliant',
    document: doc([
      '/users/{id}/orders',
      '/api/v1/customers/{customerId}/orders/{orderId}/items/{itemId}',
      '/admin/reports/customers/{customerId}/orders',
      '/2010-04-01/Accounts/{Sid}/Calls/{CallSid}/Recordings.json',
    ]),
    errors: [],
  },
  {
    name: 'a trailing action or singleton segment is not a collection level (catalog: static collection segments)',
    document: doc([
      '/orgs/{org}/migrations/{migrationId}/repos/{repoName}/lock',
      '/orgs/{org}/packages/{packageType}/{packageName}/versions/{versionId}/restore',
      '/customers/{customerId}/orders/{orderId}/items/{itemId}/price-breakdown',
    ]),
    errors: [],
  },
  {
    name: 'a trailing collection counts: plural last word, or a singular segment with a `{param}` child',
    document: doc([
      '/orgs/{org}/teams/{team}/discussions/{discussion}/reactions',
      '/orgs/{org}/teams/{team}/discussions/{discussion}/staff',
      '/orgs/{org}/teams/{team}/discussions/{discussion}/staff/{member}',
    ]),
    errors: [
      { path: ['paths', '/orgs/{org}/teams/{team}/discussions/{discussion}/reactions'], message: 'nests 4' },
      { path: ['paths', '/orgs/{org}/teams/{team}/discussions/{discussion}/staff'], message: 'nests 4' },
      { path: ['paths', '/orgs/{org}/teams/{team}/discussions/{discussion}/staff/{member}'], message: 'nests 4' },
    ],
  },
  {
    name: 'the max option',
    document: doc(['/users/{id}/orders', '/users']),
    options: { 'rest-max-nesting': { max: 1 } },
    errors: [{ path: ['paths', '/users/{id}/orders'], message: 'at most 1' }],
  },
  {
    name: 'Swagger 2.0 paths are checked too',
    document: { swagger: '2.0', info: { title: 't', version: '1' }, paths: { [deep]: { get: { responses: ok } } } },
    errors: [{ path: ['paths', deep] }],
  },
  {
    name: 'callback expressions are not paths',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/subscriptions': {
          post: {
            responses: { '201': { description: 'created' } },
            callbacks: { onEvent: { '{$request.body#/url}/a/{b}/c/{d}/e/{f}/g': { post: { responses: ok } } } },
          },
        },
      },
    },
    errors: [],
  },
]);

testNoThrow('rest-max-nesting', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [deep] } },
  { name: 'paths as boolean', document: { openapi: '3.1.0', paths: true } },
  { name: 'odd keys', document: { openapi: '3.1.0', paths: { '': 1, '/': null, '/{a}/{b}': {}, '/v1/api': [] } } },
]);
