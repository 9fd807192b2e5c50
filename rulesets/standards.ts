/**
 * The /standards preset: every rule, with the standards conventions: IETF RateLimit /
 * RateLimit-Policy headers, Standard Webhooks, CloudEvents 1.0, RFC 9457 problem+json.
 */
import { createIntegrationRuleset } from './create';
import { STANDARD_CONVENTIONS } from './types';

const ruleset = createIntegrationRuleset({ ...STANDARD_CONVENTIONS });
export default ruleset;
