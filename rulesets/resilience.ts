/**
 * Domain "resilience" of the rule catalog (../shared/spec/rule-catalog.md). Every rule of the domain
 * is declared here by its catalog id; its function lives in functions/.
 */
import { composeRuleset } from './compose';
import { defineRule } from './types';

void defineRule;

export const resilienceRules = [] as const;

/** The /resilience entry point: this domain's rules with seed conventions. */
export default composeRuleset(resilienceRules);
