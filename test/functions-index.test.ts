import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as entry from '../functions/index';
import { ALL_RULES } from '../rulesets/create';
import { FUNCTIONS_INDEX, functionsIndex } from '../scripts/functions-index';

describe('the /functions entry point', () => {
  it('is up to date (run `npm run docs`)', () => {
    expect(readFileSync(FUNCTIONS_INDEX, 'utf8')).toBe(functionsIndex());
  });
  it('exports every function used by a rule, with its option validator', () => {
    const exported = new Set<unknown>(Object.values(entry));
    for (const rule of ALL_RULES) {
      const built = (rule as { build: (o: unknown) => { then: unknown }; defaults: unknown }).build(rule.defaults);
      const thens = Array.isArray(built.then) ? built.then : [built.then];
      for (const then of thens as { function: unknown }[]) {
        expect(exported.has(then.function), `${rule.id}: its function is not exported from functions/index.ts`).toBe(true);
        expect(typeof (then.function as { validator?: unknown }).validator, `${rule.id}: define it with defineFunction (functions/lib/define.ts)`).toBe('function');
      }
    }
  });
});
