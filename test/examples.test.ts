/**
 * The docs' examples are tests: for every rule of the catalog, its non-compliant example
 * yields at least one result of that rule and its compliant example none (in the matching
 * preset). docs/rules.md is generated from the same files (test/docs.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES, type RuleId } from '../rulesets/create';
import { STANDARD_CONVENTIONS } from '../rulesets/types';
import { ruleExamples } from '../scripts/docs';
import { runRule } from './helpers/testRule';

describe('rule examples in docs/rules.md', () => {
  for (const rule of ALL_RULES) {
    const id = rule.id as RuleId;
    const examples = ruleExamples(id);
    it(`${id} has a compliant and a non-compliant example`, () => {
      expect(examples.compliant, `fixtures/examples/${id}/compliant.yaml`).toBeDefined();
      expect(examples['non-compliant'], `fixtures/examples/${id}/non-compliant.yaml`).toBeDefined();
    });
    for (const [kind, example] of Object.entries(examples)) {
      if (!example) continue;
      const standards = kind.endsWith('.standards');
      it(`${id}: ${kind} example`, async () => {
        const results = await runRule(id, example.text, standards ? { ...STANDARD_CONVENTIONS } : {});
        const own = results.filter((r) => r.code === id);
        const other = results.filter((r) => r.code !== id);
        expect(other.map((r) => `${r.code}: ${r.message}`)).toEqual([]);
        if (kind.startsWith('non-compliant')) expect(own.length, 'results on the non-compliant example').toBeGreaterThan(0);
        else expect(own.map((r) => `${r.path.join('.')}: ${r.message}`)).toEqual([]);
      });
    }
  }
});
