/**
 * Compliance suite for the OpenAPI side of the catalog, the way the ruleset is judged:
 * realistic API descriptions linted with the FULL preset (default, or /standards for
 * `*standards*` documents), through the real @stoplight/spectral-core engine.
 *
 * - fixtures/compliant/openapi-*.yaml: zero results, of any rule or severity;
 * - fixtures/non-compliant/openapi-*.yaml: every `# expect: <rule-id>[, <rule-id>...]`
 *   comment has a result of that rule whose range starts on the comment's line, and every
 *   result is expected (precision: a result of rule R on line L needs `# expect: R` on L).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Yaml } from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, createIntegrationRuleset } from '../../rulesets/create';
import { STANDARD_CONVENTIONS } from '../../rulesets/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const COMPLIANT = join(FIXTURES, 'compliant');
const NON_COMPLIANT = join(FIXTURES, 'non-compliant');

const openapiFiles = (dir: string) => readdirSync(dir).filter((f) => /^openapi-.*\.ya?ml$/.test(f)).sort();

type Preset = 'default' | 'standards';
const presetOf = (file: string): Preset => (/standards/.test(file) ? 'standards' : 'default');

const spectrals = new Map<Preset, Spectral>();
function spectralFor(preset: Preset): Spectral {
  let spectral = spectrals.get(preset);
  if (!spectral) {
    spectral = new Spectral();
    spectral.setRuleset(createIntegrationRuleset(preset === 'standards' ? { ...STANDARD_CONVENTIONS } : {}) as never);
    spectrals.set(preset, spectral);
  }
  return spectral;
}

async function lint(dir: string, file: string): Promise<{ text: string; results: ISpectralDiagnostic[] }> {
  const text = readFileSync(join(dir, file), 'utf8');
  const results = await spectralFor(presetOf(file)).run(new Document(text, Yaml, join(dir, file)));
  return { text, results };
}

const show = (text: string, r: ISpectralDiagnostic) =>
  `line ${r.range.start.line + 1} ${r.code} at ${r.path.join('.')}: ${r.message}\n    > ${text.split('\n')[r.range.start.line]?.trim()}`;

/** `# expect: a, b` comments: 0-based line → rule ids. */
export function expectations(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  text.split('\n').forEach((line, index) => {
    const m = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(line);
    if (!m) return;
    out.set(index, new Set(m[1].split(',').map((id) => id.trim())));
  });
  return out;
}

/** Rule ids of the sections the OpenAPI suite covers (every domain but events). */
const OPENAPI_RULE_IDS = ALL_RULES.filter((r) => r.domain !== 'events').map((r) => r.id);

describe('compliant OpenAPI documents: zero results with the full preset', () => {
  const files = openapiFiles(COMPLIANT);
  it('found the compliant documents', () => {
    expect(files).toEqual(expect.arrayContaining(['openapi-3.0-seed.yaml', 'openapi-3.1-seed.yaml', 'openapi-3.1-standards.yaml']));
  });
  for (const file of files) {
    it(`${file} (${presetOf(file)} preset)`, async () => {
      const { text, results } = await lint(COMPLIANT, file);
      expect(results.map((r) => show(text, r))).toEqual([]);
    });
  }
});

describe('non-compliant OpenAPI documents: every seeded violation, nothing else', () => {
  const files = openapiFiles(NON_COMPLIANT);
  const seen = new Set<string>();

  for (const file of files) {
    describe(`${file} (${presetOf(file)} preset)`, () => {
      let linted: Promise<{ text: string; results: ISpectralDiagnostic[] }> | undefined;
      const get = () => (linted ??= lint(NON_COMPLIANT, file));

      it('has seeded violations of known rules', async () => {
        const { text } = await get();
        const expected = expectations(text);
        expect(expected.size).toBeGreaterThan(0);
        for (const ids of expected.values()) for (const id of ids) expect(OPENAPI_RULE_IDS, `unknown rule id ${id}`).toContain(id);
      });

      it('finds every seeded violation on its line (recall)', async () => {
        const { text, results } = await get();
        const missed: string[] = [];
        for (const [line, ids] of expectations(text)) {
          for (const id of ids) {
            seen.add(id);
            if (!results.some((r) => r.code === id && r.range.start.line === line)) {
              const elsewhere = results.filter((r) => r.code === id).map((r) => r.range.start.line + 1);
              missed.push(`line ${line + 1}: ${id} (results of ${id} on lines ${elsewhere.join(', ') || 'none'})\n    > ${text.split('\n')[line].trim()}`);
            }
          }
        }
        expect(missed).toEqual([]);
      });

      it('reports nothing that is not seeded (precision)', async () => {
        const { text, results } = await get();
        const expected = expectations(text);
        const unexpected = results.filter((r) => !expected.get(r.range.start.line)?.has(String(r.code)));
        expect(unexpected.map((r) => show(text, r))).toEqual([]);
      });
    });
  }

  it('covers every rule of the REST, HTTP semantics, rate-limit, idempotency, webhook and resilience sections', async () => {
    const all = new Set<string>();
    for (const file of files) for (const ids of expectations(readFileSync(join(NON_COMPLIANT, file), 'utf8')).values()) for (const id of ids) all.add(id);
    expect(OPENAPI_RULE_IDS.filter((id) => !all.has(id))).toEqual([]);
    void seen;
  });
});
