/**
 * testRule: runs ONE rule of the catalog (all others absent) through the real
 * @stoplight/spectral-core engine on each case's document, and compares the results.
 */
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import { DiagnosticSeverity } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { validationErrors } from './validate';
import { createIntegrationRuleset, type IntegrationRulesetOptions, type RuleId } from '../../rulesets/create';

export type SeverityName = 'error' | 'warn' | 'info' | 'hint';

export interface ExpectedResult {
  /** Full JSON path of the node the result must point at. */
  path: (string | number)[];
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  severity?: SeverityName;
}

export interface RuleTestCase {
  name: string;
  /** A YAML/JSON string or an object (serialized as JSON). */
  document: string | object;
  /** Expected results of the rule under test, in any order. */
  errors: ExpectedResult[];
  /** Options for createIntegrationRuleset (convention switches, this rule's options). */
  options?: IntegrationRulesetOptions;
  /**
   * Set only for documents that are deliberately invalid OpenAPI/AsyncAPI. Every other case
   * is first validated with the real tools (Spectral's oas schema rules, @asyncapi/parser).
   */
  malformed?: true;
}

const SEVERITY: Record<number, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warn',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(severity: DiagnosticSeverity): SeverityName {
  return SEVERITY[severity];
}

/** A Spectral instance with only `ruleId` enabled (built with the given options). */
export function spectralFor(ruleId: RuleId, options: IntegrationRulesetOptions = {}): Spectral {
  const ruleset = createIntegrationRuleset(options);
  const rule = ruleset.rules[ruleId];
  if (!rule) throw new Error(`rule ${ruleId} is not in the ruleset`);
  const spectral = new Spectral();
  spectral.setRuleset({ formats: ruleset.formats, rules: { [ruleId]: rule } } as never);
  return spectral;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDocument = Document<any, any>;

export function toDocument(document: string | object, source = 'fixture.yaml'): AnyDocument {
  if (typeof document === 'string') {
    const trimmed = document.trimStart();
    const isJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    return isJson ? new Document(document, Json, source) : new Document(document, Yaml, source);
  }
  return new Document(JSON.stringify(document, null, 2), Json, source.replace(/\.ya?ml$/, '.json')) as Document;
}

/** Runs the rule and returns its results (parser and ref diagnostics are returned too). */
export async function runRule(
  ruleId: RuleId,
  document: string | object,
  options: IntegrationRulesetOptions = {},
): Promise<ISpectralDiagnostic[]> {
  return spectralFor(ruleId, options).run(toDocument(document));
}

export function testRule(ruleId: RuleId, cases: RuleTestCase[]): void {
  describe(`rule ${ruleId}`, () => {
    it('has test cases for the violation and the compliant form', () => {
      expect(cases.some((c) => c.errors.length > 0)).toBe(true);
      expect(cases.some((c) => c.errors.length === 0)).toBe(true);
    });
    for (const testCase of cases) {
      it(testCase.name, async () => {
        if (!testCase.malformed) {
          expect(await validationErrors(testCase.document), 'the test document is not valid (mark deliberately malformed cases)').toEqual([]);
        }
        const results = await runRule(ruleId, testCase.document, testCase.options);
        const unexpected = results.filter((r) => r.code !== ruleId && r.code !== 'invalid-ref');
        expect(unexpected.map((r) => `${r.code}: ${r.message}`), 'parser or engine diagnostics').toEqual([]);
        const own = results.filter((r) => r.code === ruleId);
        for (const r of own) {
          expect(r.path.length, `result without a path: ${r.message}`).toBeGreaterThan(0);
          expect(r.message.length).toBeGreaterThan(10);
        }
        const actual = own
          .map((r) => ({ path: r.path.map(String).join('/'), message: r.message, severity: severityName(r.severity) }))
          .sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
        const expected = testCase.errors
          .map((e) => ({ ...e, path: e.path.map(String).join('/') }))
          .sort((a, b) => a.path.localeCompare(b.path));
        expect(
          actual.map((a) => a.path),
          `paths of ${ruleId} results (messages: ${actual.map((a) => a.message).join(' | ')})`,
        ).toEqual(expected.map((e) => e.path));
        expected.forEach((e, i) => {
          if (e.message instanceof RegExp) expect(actual[i].message).toMatch(e.message);
          else if (typeof e.message === 'string') expect(actual[i].message).toContain(e.message);
          if (e.severity) expect(actual[i].severity).toBe(e.severity);
        });
      });
    }
  });
}

/**
 * Documents that must not make the rule throw: every case must run (Spectral rejects the
 * whole run when a function throws) and every result must carry a path.
 */
export function testNoThrow(ruleId: RuleId, documents: { name: string; document: string | object; options?: IntegrationRulesetOptions }[]): void {
  describe(`rule ${ruleId} on malformed input`, () => {
    for (const { name, document, options } of documents) {
      it(`does not throw: ${name}`, async () => {
        const results = await runRule(ruleId, document, options);
        for (const r of results.filter((x) => x.code === ruleId)) expect(r.path.length).toBeGreaterThan(0);
      });
    }
  });
}
