/**
 * createIntegrationRuleset(options): the whole catalog, built from typed options. Every
 * preset is this function with fixed options, so presets and custom builds cannot drift.
 */
import { composeRuleset, IntegrationRulesetOptionsError, type IntegrationRuleset, type RuleSetting } from './compose';
import { eventsRules } from './events';
import { idempotencyRules } from './idempotency';
import { rateLimitsRules } from './rate-limits';
import { resilienceRules } from './resilience';
import { restRules } from './rest';
import {
  DOMAINS,
  SEED_CONVENTIONS,
  type AnyRuleFactory,
  type Conventions,
  type Domain,
  type RuleFactory,
  type Severity,
} from './types';
import { webhooksRules } from './webhooks';

/** Every rule of the catalog, in catalog order. */
export const ALL_RULES = [
  ...restRules,
  ...rateLimitsRules,
  ...idempotencyRules,
  ...webhooksRules,
  ...eventsRules,
  ...resilienceRules,
] as const;

type Factories = (typeof ALL_RULES)[number];
export type RuleId = Factories['id'];

type OptionsOf<F> = F extends RuleFactory<infer O, string> ? O : never;

/** Per-rule setting: false/'off' to disable, a severity, or the rule's options (+ severity). */
export type RuleOptionsMap = {
  [F in Factories as F['id']]?: false | 'off' | Severity | (Partial<OptionsOf<F>> & { severity?: Severity | 'off' });
};

export type IntegrationRulesetOptions = Partial<Conventions> &
  RuleOptionsMap & {
    /** Only these domains' rules (default: all). */
    domains?: Domain[];
  };

const CONVENTION_VALUES: { [K in keyof Conventions]: readonly Conventions[K][] } = {
  rateLimitHeaders: ['x-ratelimit', 'ietf', 'either'],
  webhookSignature: ['seed', 'standard-webhooks', 'either'],
  eventEnvelope: ['seed', 'cloudevents'],
  errorFormat: ['seed', 'problem-json', 'either'],
};

export function createIntegrationRuleset(options: IntegrationRulesetOptions = {}): IntegrationRuleset {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new IntegrationRulesetOptionsError('createIntegrationRuleset expects an options object.');
  }
  const byId = new Map<string, AnyRuleFactory>(ALL_RULES.map((f) => [f.id, f as AnyRuleFactory]));
  const conventions: Conventions = { ...SEED_CONVENTIONS };
  const settings: Record<string, RuleSetting | undefined> = {};
  let domains: readonly Domain[] = DOMAINS;
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key in CONVENTION_VALUES) {
      const allowed = CONVENTION_VALUES[key as keyof Conventions] as readonly string[];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        throw new IntegrationRulesetOptionsError(
          `option "${key}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(value)}.`,
        );
      }
      (conventions as unknown as Record<string, string>)[key] = value;
    } else if (key === 'domains') {
      if (!Array.isArray(value) || value.some((d) => !DOMAINS.includes(d as Domain))) {
        throw new IntegrationRulesetOptionsError(
          `option "domains" must be a list of ${DOMAINS.map((d) => `"${d}"`).join(', ')}; got ${JSON.stringify(value)}.`,
        );
      }
      domains = value as Domain[];
    } else if (byId.has(key)) {
      settings[key] = value as RuleSetting;
    } else {
      throw new IntegrationRulesetOptionsError(
        `unknown option "${key}". Options are the convention switches (${Object.keys(CONVENTION_VALUES).join(', ')}), "domains", and rule ids (see docs/rules.md).`,
      );
    }
  }
  const factories = ALL_RULES.filter((f) => domains.includes(f.domain)) as readonly AnyRuleFactory[];
  return composeRuleset(factories, conventions, settings);
}
