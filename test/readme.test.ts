/**
 * The README's per-domain snippets are complete documents users copy: each passes every rule
 * of its domain in the default preset, and is valid for the real tools.
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import { Yaml } from '@stoplight/spectral-parsers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIntegrationRuleset } from '../rulesets/create';
import { DOMAINS, type Domain } from '../rulesets/types';
import { validationErrors } from './helpers/validate';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/<!-- compliant: ([a-z-]+) -->\s*```yaml\n([\s\S]*?)```/g)].map((m) => ({
  domain: m[1] as Domain,
  text: m[2],
}));

describe('README snippets', () => {
  it('there is a compliant snippet for every domain', () => {
    expect(snippets.map((s) => s.domain).sort()).toEqual([...DOMAINS].sort());
  });
  for (const { domain, text } of snippets) {
    it(`${domain}: valid and free of findings in its domain`, async () => {
      expect(await validationErrors(text)).toEqual([]);
      const spectral = new Spectral();
      spectral.setRuleset(createIntegrationRuleset({ domains: [domain] }) as never);
      const results = await spectral.run(new Document(text, Yaml, `README-${domain}.yaml`));
      expect(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
    });
  }
});
