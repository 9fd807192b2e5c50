import { testNoThrow, testRule } from '../helpers/testRule';

const ok = { '200': { description: 'OK' } };
const doc = (keys: string[]) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(keys.map((k) => [k, { post: { responses: ok } }])),
});

testRule('rest-no-verbs-in-path', [
  {
    name: 'verbs at the start of a segment, in every word style',
    document: doc(['/getUsers', '/create-order', '/users/{id}/delete', '/update_profile', '/FetchInvoices']),
    errors: [
      { path: ['paths', '/getUsers'], message: 'starts with the verb "get"', severity: 'warn' },
      { path: ['paths', '/create-order'], message: '"create"' },
      { path: ['paths', '/users/{id}/delete'], message: '"delete"' },
      { path: ['paths', '/update_profile'], message: '"update"' },
      { path: ['paths', '/FetchInvoices'], message: '"fetch"' },
    ],
  },
  {
    name: 'one result per segment per path key',
    document: doc(['/list/{id}/list']),
    errors: [{ path: ['paths', '/list/{id}/list'], message: '"list"' }],
  },
  {
    name: 'whole words only: nouns that start like verbs pass',
    document: doc(['/settings', '/addresses/{id}', '/updates', '/listings', '/getaways', '/add-ons', '/users/{id}/AddOnResults', '/setup']),
    errors: [],
  },
  {
    name: 'resource names and accepted custom actions pass',
    document: doc(['/orders/{id}/cancel', '/search', '/posts/{id}', '/users/{userId}/orders']),
    errors: [],
  },
  {
    name: 'the allow option accepts a verb',
    document: doc(['/list']),
    options: { 'rest-no-verbs-in-path': { allow: ['list'] } },
    errors: [],
  },
  {
    name: 'Swagger 2.0 paths are checked too',
    document: { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/pet/findByStatus': { get: { responses: ok } } } },
    errors: [{ path: ['paths', '/pet/findByStatus'], message: '"find"' }],
  },
  {
    name: 'webhooks are not paths',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      webhooks: { createOrder: { post: { responses: ok } } },
    },
    errors: [],
  },
]);

testNoThrow('rest-no-verbs-in-path', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: ['/getUsers'] } },
  { name: 'paths as number', document: { openapi: '3.1.0', paths: 3 } },
  { name: 'odd keys', document: { openapi: '3.1.0', paths: { '': 1, '/': null, '/--/__': {}, '/{get}': [] } } },
]);
