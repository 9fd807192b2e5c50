/** Findings and report inputs for the report-side tests. */
import type { Finding, ReportInput, RuleHelp, Severity } from '../../action/types';

let counter = 0;

export function finding(overrides: Partial<Finding> & { line?: number; endLine?: number; col?: number; endCol?: number } = {}): Finding {
  counter += 1;
  const { line = 0, endLine, col = 0, endCol, ...rest } = overrides;
  return {
    ruleId: 'integration-rule',
    severity: 'error',
    message: `Finding number ${counter}`,
    file: 'api/openapi.yaml',
    jsonPath: ['paths', '/users', 'get'],
    range: {
      start: { line, character: col },
      end: { line: endLine ?? line, character: endCol ?? col + 5 },
    },
    fingerprint: `fp-${counter}`,
    ...rest,
  };
}

export function findings(count: number, make: (i: number) => Partial<Finding> & { line?: number } = () => ({})): Finding[] {
  return Array.from({ length: count }, (_, i) => finding({ line: i, ...make(i) }));
}

export const RULES: Map<string, RuleHelp> = new Map([
  [
    'integration-rule',
    {
      id: 'integration-rule',
      description: 'Operations must declare an error response. It keeps clients honest.',
      documentationUrl: 'https://github.com/integration-rulesets/spectral-integration-ruleset/blob/main/docs/rules.md#integration-rule',
      helpMarkdown: '**Why**: clients need a documented error shape.\n\n```yaml\nresponses:\n  default: {}\n```',
      severity: 'error' as Severity,
    },
  ],
  [
    'other-rule',
    {
      id: 'other-rule',
      description: 'Another rule.',
      documentationUrl: 'https://example.com/docs/other-rule',
      severity: 'warn' as Severity,
    },
  ],
]);

export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: [],
    failures: [],
    filesLinted: ['api/openapi.yaml'],
    mode: 'all',
    failSeverity: 'error',
    rules: RULES,
    category: 'spectral-integration-ruleset',
    sha: '0123456789abcdef0123456789abcdef01234567',
    repositoryUrl: 'https://github.com/acme/apis',
    ...overrides,
  };
}
