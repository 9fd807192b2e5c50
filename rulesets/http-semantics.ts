/**
 * The "HTTP semantics" section of the rule catalog (../shared/spec/rule-catalog.md), part of
 * domain "rest" (rest.ts includes these rules). OpenAPI 3.x only; operations under `paths`
 * only, never webhook or callback operations.
 */
import { oas3 } from '@stoplight/spectral-formats';
import { httpAuthResponses } from '../functions/httpAuthResponses';
import { httpDeleteSuccess } from '../functions/httpDeleteSuccess';
import { httpErrorSchema } from '../functions/httpErrorSchema';
import { httpNoBodyOnGetHeadDelete } from '../functions/httpNoBodyOnGetHeadDelete';
import { httpPostCreate201 } from '../functions/httpPostCreate201';
import { httpPutPatchBody } from '../functions/httpPutPatchBody';
import { httpStatusCodes } from '../functions/httpStatusCodes';
import { OPERATIONS_GIVEN } from '../functions/lib/openapi';
import { DEFAULT_ALLOW_ACTIONS } from '../functions/lib/rest';
import { defineRule } from './types';

export const httpNoBodyOnGetHeadDeleteRule = defineRule({
  id: 'http-no-body-on-get-head-delete',
  domain: 'rest',
  severity: 'warn',
  description: 'GET, HEAD and DELETE operations define no requestBody.',
  rationale:
    'RFC 9110 gives content in GET, HEAD and DELETE requests no defined semantics: proxies, caches, CDNs and many HTTP clients drop it or reject the request. Put GET/HEAD inputs in query parameters (or use POST on a `/search` resource for complex queries) and identify what a DELETE removes by its path. The result points at the `requestBody` to remove. The catalog rates a body on GET/HEAD as an error and on DELETE as a warning; Spectral has one severity per rule, so the rule ships as `warn` — raise it with `http-no-body-on-get-head-delete: error` to make every case fail CI.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: '$.paths[*][get,head,delete]',
    then: { function: httpNoBodyOnGetHeadDelete },
  }),
});

export const httpPutPatchBodyRule = defineRule({
  id: 'http-put-patch-body',
  domain: 'rest',
  severity: 'warn',
  description: 'PUT and PATCH operations define a requestBody.',
  rationale:
    'A PUT replaces the target resource with the representation in the request, and a PATCH applies the changes it carries; without a documented `requestBody` clients cannot know what to send. The result is at the operation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: '$.paths[*][put,patch]',
    then: { function: httpPutPatchBody },
  }),
});

export interface HttpPostCreate201RuleOptions {
  allowActions: string[];
}

export const httpPostCreate201Rule = defineRule({
  id: 'http-post-create-201',
  domain: 'rest',
  severity: 'warn',
  description:
    'A POST on a collection path documents 201 Created (or 202 Accepted), and the 201 declares a Location header.',
  rationale: `Creating a resource answers 201 Created with a \`Location\` header that points at it (RFC 9110 §15.3.2); asynchronous creation may answer 202 Accepted instead. A *collection path* ends in a static segment that is not in \`allowActions\` and names a collection: its last word is plural (by the \`inflection\` library), or a sibling \`<path>/{param}\` exists. Singular last segments (\`/orders/{id}/cancel\`, \`/auth/token\`) are actions or singletons and are not judged. A \`2XX\` range key counts as a success response. Default \`allowActions\`: ${DEFAULT_ALLOW_ACTIONS.map((a) => `\`${a}\``).join(', ')} (matched against the whole segment, its first word or its last word). The result is at the operation when no 201/202 exists, at the 201 response when its Location header is missing (header names compare case-insensitively).`,
  defaults: { allowActions: [...DEFAULT_ALLOW_ACTIONS] } as HttpPostCreate201RuleOptions,
  build: (options) => ({
    formats: [oas3],
    given: '$.paths[*].post',
    then: { function: httpPostCreate201, functionOptions: { allowActions: options.allowActions } },
  }),
});

export const httpDeleteSuccessRule = defineRule({
  id: 'http-delete-success',
  domain: 'rest',
  severity: 'warn',
  description: 'A DELETE documents 204, 200 or 202, and a 204 response has no content.',
  rationale:
    'Clients need to know what a successful DELETE returns: 204 No Content (nothing), 200 OK (a representation, e.g. of the deleted resource) or 202 Accepted (asynchronous deletion); a `2XX` range key counts too. A 204 response never has a body (RFC 9110 §15.3.5), on any operation, so a 204 that declares `content` is reported at that `content`. Missing success responses are reported at the operation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: httpDeleteSuccess },
  }),
});

export interface HttpStatusCodesRuleOptions {
  allowed: (number | string)[];
}

export const httpStatusCodesRule = defineRule({
  id: 'http-status-codes',
  domain: 'rest',
  severity: 'warn',
  description: 'Every response key is an allowed status code or `default`.',
  rationale:
    'A small, agreed set of status codes keeps clients simple: every code a client may see has a known meaning and handling. `default` is always allowed and `x-` extension keys are ignored. A range key (`4XX`, `5XX`) documents a whole class generically, like `default`: it is accepted when it is listed in `allowed` itself or when the allowed set has at least one code of its class (so `1XX` and `3XX` are reported with the default set). Each offending response is reported at its key. `allowed` takes integers and range strings (`"4XX"`).',
  defaults: { allowed: [200, 201, 202, 204, 400, 401, 403, 404, 409, 422, 429, 500, 503] } as HttpStatusCodesRuleOptions,
  build: (options) => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: httpStatusCodes, functionOptions: { allowed: options.allowed } },
  }),
});

export const httpAuthResponsesRule = defineRule({
  id: 'http-auth-responses',
  domain: 'rest',
  severity: 'warn',
  description:
    'An operation that requires authentication documents 401; one whose requirement carries scopes (or uses OAuth 2.0 / OpenID Connect) also documents 403.',
  rationale:
    'Clients must tell "no or bad credentials" (401, re-authenticate) from "authenticated but not allowed" (403, do not retry). The effective security is the operation\'s `security`, else the root\'s; authentication is required when every alternative is non-empty (an `{}` alternative makes it optional, and `security: []` makes the operation public). A 403 is expected when a requirement lists scopes or names an `oauth2`/`openIdConnect` scheme of `components.securitySchemes`. A `4XX` range key documents both. Results are at the operation.',
  defaults: {},
  build: () => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: httpAuthResponses },
  }),
});

export interface HttpErrorSchemaRuleOptions {
  format: 'seed' | 'problem-json' | 'either';
}

export const httpErrorSchemaRule = defineRule({
  id: 'http-error-schema',
  domain: 'rest',
  severity: 'warn',
  description: 'Every 4xx/5xx response has a body schema in the agreed error format.',
  rationale:
    'One error shape lets clients handle every failure the same way. `seed`: the schema has `code` and `message` properties (top-level, in an `error` object, or in the items of an `errors` array); `problem-json`: RFC 9457 — `application/problem+json` content whose schema has `type`, `title` and `status`; `either`: one of the two. Properties are read through `$ref` and `allOf`, and a field declared by every `oneOf`/`anyOf` alternative counts. Status codes and `4XX`/`5XX` range keys are judged; `default` is not, nor are HEAD operations (their responses have no body). Results are at the response.',
  defaults: { format: 'seed' } as HttpErrorSchemaRuleOptions,
  conventions: (c) => ({ format: c.errorFormat }),
  build: (options) => ({
    formats: [oas3],
    given: OPERATIONS_GIVEN,
    then: { function: httpErrorSchema, functionOptions: { format: options.format } },
  }),
});

export const httpSemanticsRules = [
  httpNoBodyOnGetHeadDeleteRule,
  httpPutPatchBodyRule,
  httpPostCreate201Rule,
  httpDeleteSuccessRule,
  httpStatusCodesRule,
  httpAuthResponsesRule,
  httpErrorSchemaRule,
] as const;
