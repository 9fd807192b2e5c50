import { testNoThrow, testRule } from '../helpers/testRule';

testRule('rest-openapi-3', [
  {
    name: 'Swagger 2.0 gets one result at `swagger`',
    document: { swagger: '2.0', info: { title: 't', version: '1' }, paths: {} },
    errors: [{ path: ['swagger'], message: 'OpenAPI 3.x', severity: 'warn' }],
  },
  {
    name: 'OpenAPI 3.0 is compliant',
    document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
    errors: [],
  },
  {
    name: 'OpenAPI 3.1 is compliant',
    document: 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n',
    errors: [],
  },
]);

testNoThrow('rest-openapi-3', [
  { name: 'swagger with a non-string version', document: { swagger: 2, paths: [] } },
  { name: 'swagger null', document: { swagger: null } },
]);
