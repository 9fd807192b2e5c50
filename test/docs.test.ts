import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_FILE, generateRulesDoc, README_FILE, readmeRulesSection, updatedReadme } from '../scripts/docs';
import { ALL_RULES } from '../rulesets/create';

describe('docs/rules.md', () => {
  it('is up to date with the rules and examples (run `npm run docs`)', () => {
    const committed = readFileSync(DOCS_FILE, 'utf8');
    expect(committed === generateRulesDoc(), 'docs/rules.md is stale: run `npm run docs` and commit it').toBe(true);
  });
  it('has a section for every rule, which documentationUrl anchors at', () => {
    const committed = readFileSync(DOCS_FILE, 'utf8');
    for (const rule of ALL_RULES) expect(committed).toContain(`\n### ${rule.id}\n`);
  });
  it('README.md links every rule (run `npm run docs`)', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme).toContain(readmeRulesSection());
    expect(updatedReadme(readme)).toBe(readme);
    for (const rule of ALL_RULES) expect(readme).toContain(`(docs/rules.md#${rule.id})`);
  });
});
