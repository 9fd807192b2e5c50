/**
 * Compliance suite for the AsyncAPI side of the ruleset, run the way users run it: the FULL
 * preset (every rule of every domain) through the real @stoplight/spectral-core engine.
 *
 * - fixtures/compliant/asyncapi-*.yaml: realistic, fully compliant documents; zero results.
 * - fixtures/non-compliant/asyncapi-*.yaml: documents with seeded violations, each marked by a
 *   YAML comment `# expect: <rule-id>` on the line where the result must start (0-based
 *   `range.start.line` in Spectral = the comment's line - 1). Every expectation must be met
 *   and no other result may appear (precision).
 *
 * Documents whose file name contains "cloudevents" are linted with the /standards conventions
 * (CloudEvents 1.0 envelope), the others with the default (seed) conventions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { createIntegrationRuleset } from '../../rulesets/create';
import { STANDARD_CONVENTIONS } from '../../rulesets/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function asyncapiFiles(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => /^asyncapi-.*\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(FIXTURES, dir, f));
}

function spectralFor(file: string): Spectral {
  const ruleset = /cloudevents/i.test(file)
    ? createIntegrationRuleset({ ...STANDARD_CONVENTIONS, eventEnvelope: 'cloudevents' })
    : createIntegrationRuleset();
  const spectral = new Spectral();
  spectral.setRuleset(ruleset as never);
  return spectral;
}

async function lint(file: string): Promise<{ text: string; results: ISpectralDiagnostic[] }> {
  const text = readFileSync(file, 'utf8');
  const results = await spectralFor(file).run(new Document(text, Parsers.Yaml, file));
  return { text, results };
}

function show(r: ISpectralDiagnostic): string {
  return `line ${r.range.start.line + 1} ${r.code} at ${r.path.join('.')}: ${r.message}`;
}

/** `# expect: rule-a, rule-b` comments: one expectation per rule id, keyed by 0-based line. */
function expectations(text: string): { line: number; rule: string }[] {
  const out: { line: number; rule: string }[] = [];
  text.split(/\r?\n/).forEach((content, line) => {
    const match = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/.exec(content);
    if (!match) return;
    for (const rule of match[1].split(',').map((s) => s.trim())) out.push({ line, rule });
  });
  return out;
}

describe('compliant AsyncAPI documents: zero results with the full preset', () => {
  const files = asyncapiFiles('compliant');
  it('found documents', () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const file of files) {
    it(file.slice(FIXTURES.length + 1), async () => {
      const { results } = await lint(file);
      expect(results.map(show)).toEqual([]);
    });
  }
});

describe('non-compliant AsyncAPI documents: every seeded violation, nothing else', () => {
  const files = asyncapiFiles('non-compliant');
  it('found documents', () => expect(files.length).toBeGreaterThanOrEqual(4));
  for (const file of files) {
    it(file.slice(FIXTURES.length + 1), async () => {
      const { text, results } = await lint(file);
      const expected = expectations(text);
      expect(expected.length, 'the document has # expect: comments').toBeGreaterThan(0);
      const missing = expected.filter((e) => !results.some((r) => r.code === e.rule && r.range.start.line === e.line));
      const unexpected = results.filter((r) => !expected.some((e) => e.rule === r.code && e.line === r.range.start.line));
      expect(
        missing.map((e) => `line ${e.line + 1}: ${e.rule}`),
        `missed seeded violations; results were:\n${results.map(show).join('\n')}`,
      ).toEqual([]);
      expect(unexpected.map(show), 'unexpected results').toEqual([]);
    });
  }
});
