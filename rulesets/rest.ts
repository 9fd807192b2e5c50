/**
 * Domain "rest" of the rule catalog: the "REST contract" and "HTTP semantics" sections
 * (../shared/spec/rule-catalog.md). Every rule is declared here by its catalog id; its
 * function lives in functions/.
 */
import { oas2 } from '@stoplight/spectral-formats';
import { restOpenapi3 } from '../functions/restOpenapi3';
import { composeRuleset } from './compose';
import { defineRule } from './types';

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

export const restRules = [restOpenapi3Rule] as const;

/** The /rest entry point: REST contract and HTTP semantics rules with seed conventions. */
export default composeRuleset(restRules);
