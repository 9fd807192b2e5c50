/**
 * Domain "rest" of the rule catalog: the "REST contract" and "HTTP semantics" sections
 * (../shared/spec/rule-catalog.md). Every rule is declared here by its catalog id (the HTTP
 * semantics ones in http-semantics.ts); its function lives in functions/.
 */
import { oas2, oas3 } from '@stoplight/spectral-formats';
import { DEFAULT_IGNORE, DEFAULT_SINGULAR, type PathCase } from '../functions/lib/rest';
import { OPERATIONS_GIVEN } from '../functions/lib/openapi';
import { restMaxNesting } from '../functions/restMaxNesting';
import { restNoVerbsInPath } from '../functions/restNoVerbsInPath';
import { restOpenapi3 } from '../functions/restOpenapi3';
import { restPathKebabCase } from '../functions/restPathKebabCase';
import { restResourcePlural } from '../functions/restResourcePlural';
import { restSecurityDeclared } from '../functions/restSecurityDeclared';
import { composeRuleset } from './compose';
import { httpSemanticsRules } from './http-semantics';
import { defineRule } from './types';

const list = (words: readonly string[]) => words.map((w) => `\`${w}\``).join(', ');

export const restOpenapi3Rule = defineRule({
  id: 'rest-openapi-3',
  domain: 'rest',
  severity: 'warn',
  description: 'The document is OpenAPI 3.x, not Swagger 2.0.',
  rationale:
    'The integration conventions (webhooks, callbacks, problem+json, rate-limit headers) need OpenAPI 3.x. A Swagger 2.0 document gets one result, at its `swagger` key.',
  defaults: {},
  build: () => ({
    formats: [oas2],
    given: '$',
    then: { function: restOpenapi3 },
  }),
});

export interface RestResourcePluralRuleOptions {
  singular: string[];
  ignore: string[];
}

export const restResourcePluralRule = defineRule({
  id: 'rest-resource-plural',
  domain: 'rest',
  severity: 'warn',
  description: 'Path segments that name a collection are plural nouns (`/users/{id}`, not `/user/{id}`).',
  rationale: `A static segment followed by a \`{param}\` segment, or a last static segment with a sibling \`<path>/{param}\`, names a collection, and collections are named in the plural. The segment's last word (splitting on \`-\`, \`_\` and camel humps; a format extension such as \`.json\` is not a word) must be plural according to the \`inflection\` library: singularizing it changes it, or it is its own plural (uncountables such as \`data\`, \`news\`, \`health\`, \`settings\`). Words in \`singular\` (compared with the last word or the whole segment, case-insensitively) are accepted as they are; the default list is ${list(DEFAULT_SINGULAR)}. Segments matching an \`ignore\` regex (case-sensitive) are skipped. One result per segment per path key, at the path key.`,
  defaults: { singular: [...DEFAULT_SINGULAR], ignore: [...DEFAULT_IGNORE] } as RestResourcePluralRuleOptions,
  build: (options) => ({
    formats: [oas2, oas3],
    given: '$.paths',
    then: { function: restResourcePlural, functionOptions: { singular: options.singular, ignore: options.ignore } },
  }),
});

export interface RestNoVerbsInPathRuleOptions {
  allow: string[];
}

export const restNoVerbsInPathRule = defineRule({
  id: 'rest-no-verbs-in-path',
  domain: 'rest',
  severity: 'warn',
  description: 'No static path segment starts with an action verb (`/getUsers`, `/users/{id}/delete`).',
  rationale:
    'Paths name resources; the HTTP method says what happens to them. A static segment whose first word (splitting on `-`, `_` and camel humps) is one of `get`, `create`, `update`, `delete`, `remove`, `add`, `set`, `fetch`, `list`, `make`, `do`, `execute`, `retrieve`, `insert`, `modify`, `edit`, `find`, `destroy`, `erase`, `upsert`, `put` is reported, once per segment per path key, at the path key. Whole words only, so `settings`, `addresses` and `updates` pass, as do compound nouns such as `add-ons`. Verbs that are also common resource nouns or accepted custom actions (`post`, `patch`, `send`, `cancel`, `search`, ...) are not judged. `allow` lists verbs to accept anyway.',
  defaults: { allow: [] } as RestNoVerbsInPathRuleOptions,
  build: (options) => ({
    formats: [oas2, oas3],
    given: '$.paths',
    then: { function: restNoVerbsInPath, functionOptions: { allow: options.allow } },
  }),
});

export interface RestPathKebabCaseRuleOptions {
  case: PathCase;
  ignore: string[];
}

export const restPathKebabCaseRule = defineRule({
  id: 'rest-path-kebab-case',
  domain: 'rest',
  severity: 'warn',
  description: 'Static path segments follow one case: kebab-case by default.',
  rationale:
    'URLs are case-sensitive, and one naming style makes them predictable. Every static segment, version segments included, must match the chosen `case`: kebab `^[a-z0-9]+(-[a-z0-9]+)*$`, snake `^[a-z0-9]+(_[a-z0-9]+)*$` or camel `^[a-z][a-zA-Z0-9]*$`. Segments with a template expression are skipped; a format extension (`.json`, `.xml`, ...) is not part of the name; `.well-known` (RFC 8615) is exempt; segments matching an `ignore` regex (case-sensitive, so `V1` and `API` are still reported) are skipped. One result per offending segment per path key, at the path key, with the segment rewritten in the right case.',
  defaults: { case: 'kebab', ignore: [...DEFAULT_IGNORE] } as RestPathKebabCaseRuleOptions,
  build: (options) => ({
    formats: [oas2, oas3],
    given: '$.paths',
    then: { function: restPathKebabCase, functionOptions: { case: options.case, ignore: options.ignore } },
  }),
});

export interface RestMaxNestingRuleOptions {
  max: number;
  ignore: string[];
}

export const restMaxNestingRule = defineRule({
  id: 'rest-max-nesting',
  domain: 'rest',
  severity: 'warn',
  description: 'Paths nest at most `max` resource levels (`/users/{id}/orders` = 2).',
  rationale:
    'Deeply nested paths couple clients to the whole ownership chain and get long; past a few levels, expose the resource at a shorter path (`/orders/{orderId}/items`). A resource level is a run of static segments ended by a `{param}` segment or by the end of the path, so `/users/{id}/orders` has 2 levels and a namespace such as `/admin/users/{id}` has 1. A trailing run counts only when it names a collection (its last word is plural, or a sibling `<path>/{param}` exists): a trailing action or singleton such as `/repos/{repo}/lock` or `/users/{id}/profile` is not a collection segment. Leading segments matching `ignore` (default `^v[0-9]+$`, `^api$`) and leading segments without letters (date versions such as `2010-04-01`) do not count. One result per path key, at the path key.',
  defaults: { max: 3, ignore: [...DEFAULT_IGNORE] } as RestMaxNestingRuleOptions,
  build: (options) => ({
    formats: [oas2, oas3],
    given: '$.paths',
    then: { function: restMaxNesting, functionOptions: { max: options.max, ignore: options.ignore } },
  }),
});

export const restSecurityDeclaredRule = defineRule({
  id: 'rest-security-declared',
  domain: 'rest',
  severity: 'warn',
  description: 'Every operation has an effective security requirement, or an explicit `security: []`.',
  rationale:
    'Whether an operation needs credentials must be a decision, not an accident. An operation passes when it declares `security` (an empty list `[]` marks it public on purpose) or the document declares a root `security`. The result is at the operation.',
  defaults: {},
  build: () => ({
    formats: [oas2, oas3],
    given: OPERATIONS_GIVEN,
    then: { function: restSecurityDeclared },
  }),
});

const restContract = [
  restOpenapi3Rule,
  restResourcePluralRule,
  restNoVerbsInPathRule,
  restPathKebabCaseRule,
  restMaxNestingRule,
  restSecurityDeclaredRule,
] as const;

export const restRules = [...restContract, ...httpSemanticsRules] as const;

/** The /rest entry point: REST contract and HTTP semantics rules with seed conventions. */
export default composeRuleset(restRules);
