import { testNoThrow, testRule } from '../helpers/testRule';

const info = { title: 't', version: '1' };
const ok = { description: 'OK' };
const seedError = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } };
const problem = {
  type: 'object',
  properties: { type: { type: 'string', format: 'uri' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
};
const json = (schema: unknown) => ({ 'application/json': { schema } });
const doc = (responses: Record<string, unknown>, components?: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info,
  paths: { '/orders': { get: { responses: { '200': ok, ...responses } } } },
  ...(components ? { components } : {}),
});
const at = (code: string) => ['paths', '/orders', 'get', 'responses', code];

testRule('http-error-schema', [
  {
    name: 'error responses without a body schema, or without code/message',
    document: doc({
      '400': { description: 'bad' },
      '404': { description: 'missing', content: json({ type: 'object', properties: { error: { type: 'string' } } }) },
      '500': { description: 'oops', content: json({ type: 'object', properties: { code: { type: 'string' } } }) },
    }),
    errors: [
      { path: at('400'), message: 'has no body schema', severity: 'warn' },
      { path: at('404'), message: 'lacks `code` and `message`' },
      { path: at('500'), message: 'lacks `message`' },
    ],
  },
  {
    name: 'the seed error schema, through $ref and allOf, in a $ref response, and in an error wrapper',
    document: doc(
      {
        '400': { description: 'bad', content: json({ $ref: '#/components/schemas/Error' }) },
        '404': { $ref: '#/components/responses/NotFound' },
        '409': { description: 'c', content: json({ allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { message: { type: 'string' } } }] }) },
        '422': { description: 'v', content: json({ type: 'object', properties: { error: { $ref: '#/components/schemas/Error' } } }) },
        '429': { description: 'slow down', content: json({ type: 'object', properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/Error' } } } }) },
        '4XX': { description: 'other', content: { 'application/vnd.api+json': { schema: seedError } } },
        default: { description: 'anything' },
      },
      {
        schemas: { Error: seedError, Base: { type: 'object', properties: { code: { type: 'string' } } } },
        responses: { NotFound: { description: 'missing', content: json({ $ref: '#/components/schemas/Error' }) } },
      },
    ),
    errors: [],
  },
  {
    name: 'oneOf/anyOf: a field counts when every alternative declares it (seed and problem-json)',
    document: doc({
      '400': {
        description: 'bad',
        content: json({
          oneOf: [
            { $ref: '#/components/schemas/ValidationError' },
            { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } },
          ],
        }),
      },
      '409': { description: 'conflict', content: json({ anyOf: [seedError, { type: 'object', properties: { code: { type: 'string' } } }] }) },
    }, {
      schemas: { ValidationError: { allOf: [seedError, { type: 'object', properties: { fields: { type: 'array', items: { type: 'string' } } } }] } },
    }),
    errors: [{ path: at('409'), message: '`message`' }],
  },
  {
    name: 'problem-json: a oneOf of problem shapes that all have type, title and status is compliant',
    options: { errorFormat: 'problem-json' },
    document: doc({
      '422': {
        description: 'invalid',
        content: { 'application/problem+json': { schema: { oneOf: [problem, { allOf: [problem, { type: 'object', properties: { errors: { type: 'array', items: {} } } }] }] } } },
      },
    }),
    errors: [],
  },
  {
    name: 'a shared component schema missing a field: every response using it is reported',
    document: doc(
      {
        '400': { description: 'bad', content: json({ $ref: '#/components/schemas/Error' }) },
        '404': { $ref: '#/components/responses/NotFound' },
      },
      {
        schemas: { Error: { type: 'object', properties: { code: { type: 'string' }, detail: { type: 'string' } } } },
        responses: { NotFound: { description: 'missing', content: json({ $ref: '#/components/schemas/Error' }) } },
      },
    ),
    errors: [
      { path: at('400'), message: 'lacks `message`' },
      { path: ['components', 'responses', 'NotFound'], message: 'lacks `message`' },
    ],
  },
  {
    name: 'problem-json: a seed error is reported',
    document: doc({ '400': { description: 'bad', content: json(seedError) } }),
    options: { errorFormat: 'problem-json' },
    errors: [{ path: at('400'), message: 'no `application/problem+json` content' }],
  },
  {
    name: 'problem-json: a problem schema lacking status (through allOf)',
    document: doc({
      '400': { description: 'bad', content: { 'application/problem+json': { schema: { allOf: [{ properties: { type: { type: 'string' } } }, { properties: { title: { type: 'string' } } }] } } } },
    }),
    options: { 'http-error-schema': { format: 'problem-json' } },
    errors: [{ path: at('400'), message: 'lacks `status`' }],
  },
  {
    name: 'problem-json: application/problem+json with type, title, status ($ref, allOf) is compliant',
    document: doc(
      {
        '400': { description: 'bad', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '404': { description: 'missing', content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { extra: { type: 'string' } } }] } } } },
      },
      { schemas: { Problem: problem } },
    ),
    options: { errorFormat: 'problem-json' },
    errors: [],
  },
  {
    name: 'either: seed or problem+json are both accepted, anything else is not',
    document: doc({
      '400': { description: 'bad', content: json(seedError) },
      '404': { description: 'missing', content: { 'application/problem+json': { schema: problem } } },
      '500': { description: 'oops', content: json({ type: 'string' }) },
    }),
    options: { errorFormat: 'either' },
    errors: [{ path: at('500') }],
  },
  {
    name: 'HEAD responses have no body and are not judged; webhook and callback operations neither',
    document: {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': {
          head: { responses: { '200': ok, '404': { description: 'missing' } } },
          post: {
            responses: { '201': ok },
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: { '200': ok, '400': { description: 'bad' } } } } } },
          },
        },
      },
      webhooks: { orderCreated: { post: { responses: { '200': ok, '500': { description: 'oops' } } } } },
    },
    errors: [],
  },
]);

testNoThrow('http-error-schema', [
  { name: 'paths as array', document: { openapi: '3.1.0', paths: [{ get: { responses: { '400': {} } } }] } },
  { name: 'operation as string', document: { openapi: '3.1.0', paths: { '/a': { get: 'x' } } } },
  { name: 'responses as number', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: 3 } } } } },
  { name: 'response null, content as array', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { '400': null, '401': { content: [1] } } } } } } },
  { name: 'media type as string, schema true/null', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { '400': { content: { 'application/json': 'x', 'text/plain': { schema: true }, 'a/b': { schema: null } } } } } } } } },
  { name: 'allOf not an array, properties as array', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { '400': { content: { 'application/json': { schema: { allOf: 3, properties: [1] } } } } } } } } } },
  { name: 'circular allOf', document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { '400': { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } } }, components: { schemas: { A: { allOf: [{ $ref: '#/components/schemas/A' }], properties: { error: { $ref: '#/components/schemas/A' } } } } } } },
  { name: 'problem-json with wrong types', options: { errorFormat: 'problem-json' }, document: { openapi: '3.1.0', paths: { '/a': { get: { responses: { '5XX': { content: { 'application/problem+json': { schema: [] } } } } } } } } },
]);
