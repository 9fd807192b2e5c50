import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { artifactLocation, buildSarif, FINGERPRINT_KEY, SARIF_MAX_RESULTS } from '../../action/report/sarif';
import type { Severity } from '../../action/types';
import { validateSarif } from './helpers/sarif-schema';
import { finding, findings, reportInput, RULES } from './report-fixtures';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

function sample() {
  return reportInput({
    findings: [
      finding({ severity: 'error', line: 4, col: 2, endCol: 9, fingerprint: 'aaa' }),
      finding({ severity: 'warn', ruleId: 'other-rule', file: 'specs/my api/ünï%code#1.yaml', line: 0, col: 0, endCol: 0, fingerprint: 'bbb' }),
      finding({ severity: 'info', ruleId: 'not-in-rules', line: 2, endLine: 5, col: 7, endCol: 1, fingerprint: 'ccc', documentationUrl: 'https://example.com/x' }),
      finding({ severity: 'hint', ruleId: 'integration-rule', message: '', fingerprint: 'ddd' }),
    ],
    failures: [{ file: 'broken.yaml', message: 'YAML parse error' }],
  });
}

describe('buildSarif: schema', () => {
  it('is valid SARIF 2.1.0 (official JSON schema) and a valid GitHub upload', () => {
    const log = buildSarif(sample());
    expect(validateSarif(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
  });

  it('is valid with no findings and no rules', () => {
    const log = buildSarif(reportInput({ rules: new Map() }));
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations![0].executionSuccessful).toBe(true);
  });

  it('the validator does catch broken logs', () => {
    const log = buildSarif(sample()) as any;
    const broken = JSON.parse(JSON.stringify(log));
    broken.version = '2.0.0';
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[0].ruleIndex = 1;
    broken.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'has space/and<angle>.yaml';
    const problems = validateSarif(broken);
    expect(problems.some((p) => p.startsWith('schema: /version'))).toBe(true);
    expect(problems.some((p) => p.includes('/runs/0/results/0/level'))).toBe(true);
    expect(problems.some((p) => p.includes('ruleIndex does not point'))).toBe(true);
    expect(problems.some((p) => p.includes('startLine'))).toBe(true);
    expect(problems.some((p) => p.includes('/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri'))).toBe(true);
  });

  it('is deterministic, whatever the order of the findings', () => {
    const input = sample();
    const reversed = { ...input, findings: [...input.findings].reverse() };
    expect(JSON.stringify(buildSarif(reversed))).toBe(JSON.stringify(buildSarif(input)));
  });
});

describe('buildSarif: tool and rules', () => {
  it('driver: name, informationUri, semanticVersion from package.json, rules with help', () => {
    const driver = buildSarif(sample()).runs[0].tool.driver;
    expect(driver.name).toBe('spectral-integration-ruleset');
    expect(driver.informationUri).toMatch(/^https:\/\/github\.com\//);
    expect(driver.semanticVersion).toBe(pkg.version);
    expect(driver.rules!.map((r) => r.id)).toEqual(['integration-rule', 'not-in-rules', 'other-rule']);
    const rule = driver.rules![0];
    const help = RULES.get('integration-rule')!;
    expect(rule).toMatchObject({
      id: 'integration-rule',
      shortDescription: { text: 'Operations must declare an error response.' },
      fullDescription: { text: help.description },
      helpUri: help.documentationUrl,
      help: { markdown: help.helpMarkdown },
      defaultConfiguration: { level: 'error' },
    });
    expect(rule.help!.text).toContain(help.description!);
    expect(driver.rules![2].defaultConfiguration!.level).toBe('warning');
    // a rule only seen in findings still gets a descriptor
    expect(driver.rules![1]).toMatchObject({ id: 'not-in-rules', helpUri: 'https://example.com/x', defaultConfiguration: { level: 'note' } });
  });
});

describe('buildSarif: results', () => {
  it('ruleId, ruleIndex, level, message, fingerprint', () => {
    const run = buildSarif(sample()).runs[0];
    const rules = run.tool.driver.rules!;
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
      expect(result.message.text?.length).toBeGreaterThan(0);
    }
    const levels = Object.fromEntries(run.results!.map((r) => [r.partialFingerprints![FINGERPRINT_KEY], r.level]));
    expect(levels).toEqual({ aaa: 'error', bbb: 'warning', ccc: 'note', ddd: 'note' });
    expect(run.results!.find((r) => r.partialFingerprints![FINGERPRINT_KEY] === 'ddd')!.message.text).toBe('integration-rule');
  });

  it('1-based regions; endColumn > startColumn on one line; multi-line ranges keep lines', () => {
    const run = buildSarif(sample()).runs[0];
    const region = (fp: string) => run.results!.find((r) => r.partialFingerprints![FINGERPRINT_KEY] === fp)!.locations![0].physicalLocation!.region;
    expect(region('aaa')).toEqual({ startLine: 5, startColumn: 3, endLine: 5, endColumn: 10 });
    expect(region('bbb')).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    expect(region('ccc')).toEqual({ startLine: 3, startColumn: 8, endLine: 6, endColumn: 2 });
  });

  it('repository-relative, percent-encoded URIs against %SRCROOT%', () => {
    const run = buildSarif(sample()).runs[0];
    const location = run.results!.find((r) => r.partialFingerprints![FINGERPRINT_KEY] === 'bbb')!.locations![0].physicalLocation!.artifactLocation!;
    expect(location).toEqual({ uri: 'specs/my%20api/%C3%BCn%C3%AF%25code%231.yaml', uriBaseId: '%SRCROOT%' });
    // resolves back to the file under the checkout
    const resolved = new URL(location.uri!, 'file:///home/runner/work/repo/');
    expect(decodeURIComponent(resolved.pathname)).toBe('/home/runner/work/repo/specs/my api/ünï%code#1.yaml');
    expect(run.originalUriBaseIds!['%SRCROOT%']).toBeDefined();
  });

  it('property-based: any relative path becomes a valid URI reference that decodes back', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..'), { minLength: 1, maxLength: 4 }), (segments) => {
        const file = segments.join('/');
        const { uri } = artifactLocation(file);
        expect(uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/);
        expect(uri!.split('/').map(decodeURIComponent).join('/')).toBe(file.replace(/^(\.\/)+/, ''));
      }),
      { numRuns: 300 },
    );
    expect(() => artifactLocation('lone\uD800surrogate.yaml')).not.toThrow();
  });

  it('artifactLocation edge cases', () => {
    expect(artifactLocation('./a/b.yaml')).toEqual({ uri: 'a/b.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a:b/c?.yaml')).toEqual({ uri: 'a%3Ab/c%3F.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/abs/path x.yaml')).toEqual({ uri: 'file:///abs/path%20x.yaml' });
  });

  it('workspaceRoot sets the %SRCROOT% URI', () => {
    const log = buildSarif(sample(), { workspaceRoot: '/home/runner/work/my repo' });
    expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toBe('file:///home/runner/work/my%20repo/');
    expect(validateSarif(log)).toEqual([]);
  });
});

describe('buildSarif: run metadata', () => {
  it('automationDetails.id = category + "/", distinct per shard', () => {
    expect(buildSarif(reportInput()).runs[0].automationDetails!.id).toBe('spectral-integration-ruleset/');
    const shard = buildSarif(reportInput({ category: 'spectral-integration-ruleset/shard-2-of-3' }));
    expect(shard.runs[0].automationDetails!.id).toBe('spectral-integration-ruleset/shard-2-of-3/');
    expect(validateSarif(shard)).toEqual([]);
  });

  it('load failures are tool execution notifications; executionSuccessful false', () => {
    const invocation = buildSarif(sample()).runs[0].invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'error',
        message: { text: 'YAML parse error' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' } } }],
      }),
    ]);
  });

  it('versionControlProvenance when the repository and sha are known', () => {
    expect(buildSarif(sample()).runs[0].versionControlProvenance).toEqual([
      { repositoryUri: 'https://github.com/acme/apis', revisionId: '0123456789abcdef0123456789abcdef01234567' },
    ]);
    expect(buildSarif(reportInput({ sha: undefined })).runs[0].versionControlProvenance).toBeUndefined();
  });

  it(`keeps at most ${SARIF_MAX_RESULTS} results (GitHub's limit), most important first`, () => {
    const severities: Severity[] = ['hint', 'warn', 'error'];
    const list = findings(SARIF_MAX_RESULTS + 100, (i) => ({ severity: severities[i % 3] }));
    const log = buildSarif(reportInput({ findings: list }));
    const run = log.runs[0];
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.properties!.omittedResults).toBe(100);
    expect(run.results!.filter((r) => r.level === 'note').length).toBe(list.filter((f) => f.severity === 'hint').length - 100);
    expect(run.invocations![0].toolExecutionNotifications![0].message.text).toMatch(/^100 results over the limit/);
    expect(validateSarif(log)).toEqual([]);
  });

  it('hostile text stays data', () => {
    const log = buildSarif(
      reportInput({ findings: [finding({ message: '"},{"injected":true} \u0000 \n <script>', file: 'a/"quoted".yaml', ruleId: 'x"y' })] }),
    );
    expect(validateSarif(log)).toEqual([]);
    const back = JSON.parse(JSON.stringify(log));
    expect(back.runs[0].results[0].message.text).toBe('"},{"injected":true} \u0000 \n <script>');
    expect(back.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('a/%22quoted%22.yaml');
  });
});
