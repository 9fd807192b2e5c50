import type { RuleDefinition } from '@stoplight/spectral-core';

export type Severity = 'error' | 'warn' | 'info' | 'hint';
export type Domain = 'rest' | 'rate-limits' | 'idempotency' | 'webhooks' | 'events' | 'resilience';

export const DOMAINS: readonly Domain[] = ['rest', 'rate-limits', 'idempotency', 'webhooks', 'events', 'resilience'];

/** The four convention switches of the catalog's presets. */
export interface Conventions {
  rateLimitHeaders: 'x-ratelimit' | 'ietf' | 'either';
  webhookSignature: 'seed' | 'standard-webhooks' | 'either';
  eventEnvelope: 'seed' | 'cloudevents';
  errorFormat: 'seed' | 'problem-json' | 'either';
}

export const SEED_CONVENTIONS: Conventions = {
  rateLimitHeaders: 'x-ratelimit',
  webhookSignature: 'seed',
  eventEnvelope: 'seed',
  errorFormat: 'seed',
};

export const STANDARD_CONVENTIONS: Conventions = {
  rateLimitHeaders: 'ietf',
  webhookSignature: 'standard-webhooks',
  eventEnvelope: 'cloudevents',
  errorFormat: 'problem-json',
};

/**
 * One rule of the catalog. `build` turns the rule's options (catalog defaults, then the
 * convention switches for options that follow them, then the user's) into Spectral's
 * `given`/`then`; compose.ts adds id, severity, description, message and documentationUrl.
 */
export interface RuleFactory<O extends object = Record<string, unknown>, Id extends string = string> {
  id: Id;
  domain: Domain;
  severity: Severity;
  /** One sentence: what the rule checks (shown by Spectral and in docs). */
  description: string;
  /** Longer rationale for docs/rules.md (Markdown): why the convention exists, how to fix. */
  rationale?: string;
  /** Catalog default options (documented in docs/rules.md). */
  defaults: O;
  /** Options derived from a convention switch, applied unless the user set them. */
  conventions?: (conventions: Conventions) => Partial<O>;
  build(options: O): Pick<RuleDefinition, 'given' | 'then' | 'formats' | 'resolved'>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRuleFactory = RuleFactory<any, string>;

/** Keeps the literal rule id and the option type while declaring a rule. */
export function defineRule<const Id extends string, O extends object>(rule: RuleFactory<O, Id>): RuleFactory<O, Id> {
  return rule;
}
