import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell, truncateUtf8 } from '../../action/report/escape';
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../action/report/summary';
import type { Severity } from '../../action/types';
import { finding, findings, reportInput } from './report-fixtures';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const rowsOf = (md: string) => md.split('\n').filter((l) => /^\| (❌|⚠️|ℹ️|💡) /.test(l));

describe('renderSummary: headline', () => {
  it('fails against fail severity, with counts, mode and files linted', () => {
    const md = renderSummary(
      reportInput({
        findings: [finding({ severity: 'error' }), finding({ severity: 'warn' }), finding({ severity: 'warn' }), finding({ severity: 'hint' })],
        mode: 'changed-lines',
        failSeverity: 'warn',
        filesLinted: ['a.yaml', 'b.yaml', 'c.yaml'],
      }),
    );
    const headline = md.split('\n')[0];
    expect(headline).toBe('## ❌ Spectral integration lint: failed');
    expect(md).toContain('1 error, 2 warnings, 0 infos, 1 hint');
    expect(md).toContain('3 files linted');
    expect(md).toContain('mode `changed-lines`');
    expect(md).toContain('fail severity `warn`');
    expect(md).toContain('3 findings at or above `warn`');
  });

  it('passes when nothing reaches fail severity; "never" never fails', () => {
    expect(renderSummary(reportInput({ findings: [finding({ severity: 'warn' })], failSeverity: 'error' }))).toMatch(/^## ✅ .*: passed/);
    expect(renderSummary(reportInput({ findings: [finding({ severity: 'error' })], failSeverity: 'never' }))).toMatch(/^## ✅ .*: passed/);
    const empty = renderSummary(reportInput());
    expect(empty).toMatch(/^## ✅/);
    expect(empty).toContain('No findings.');
  });

  it('lists load failures first, with their messages, and fails', () => {
    const md = renderSummary(
      reportInput({
        findings: [finding({ message: 'a finding' })],
        failures: [{ file: 'broken.yaml', message: 'YAML: bad indentation at line 3 | <b>' }],
        failSeverity: 'error',
      }),
    );
    expect(md).toMatch(/^## ❌/);
    const failureAt = md.indexOf('1 file could not be linted');
    expect(failureAt).toBeGreaterThan(0);
    expect(failureAt).toBeLessThan(md.indexOf('Findings by rule'));
    expect(failureAt).toBeLessThan(md.indexOf('a finding'));
    expect(md).toContain('| broken.yaml | YAML: bad indentation at line 3 \\| &lt;b&gt; |');
  });

  it('shard title from the category', () => {
    expect(renderSummary(reportInput({ category: 'spectral-integration-ruleset/shard-1-of-3' }))).toMatch(
      /^## ✅ Spectral integration lint \(shard-1-of-3\): passed/,
    );
  });
});

describe('renderSummary: findings', () => {
  it('groups by file in <details>, with a table row per finding and links', () => {
    const md = renderSummary(
      reportInput({
        findings: [
          finding({ file: 'b.yaml', line: 9, severity: 'warn', ruleId: 'other-rule', message: 'second' }),
          finding({ file: 'a dir/ä.yaml', line: 2, endLine: 4, severity: 'error', message: 'first' }),
        ],
      }),
    );
    expect(md).toContain('<details open><summary><code>a dir/ä.yaml</code> — 1 error</summary>');
    expect(md).toContain('<summary><code>b.yaml</code> — 1 warning</summary>');
    expect(md.indexOf('a dir/ä.yaml')).toBeLessThan(md.indexOf('<code>b.yaml'));
    expect(md).toContain(
      '| ❌ error | [integration-rule][d2] | [3](https://github.com/acme/apis/blob/0123456789abcdef0123456789abcdef01234567/a%20dir/%C3%A4.yaml#L3-L5) | first |',
    );
    expect(md).toContain('| ⚠️ warning | [other-rule][d1] |');
    expect(md).toContain('\n[d1]: https://example.com/docs/other-rule\n');
    expect(md).toContain('\n[d2]: https://github.com/integration-rulesets/spectral-integration-ruleset/blob/main/docs/rules.md#integration-rule\n');
    expect((md.match(/<details/g) ?? []).length).toBe(2);
    expect((md.match(/<\/details>/g) ?? []).length).toBe(2);
  });

  it('has a per-rule count table linking rule docs', () => {
    const md = renderSummary(
      reportInput({
        findings: [...findings(3), ...findings(2, () => ({ ruleId: 'other-rule', severity: 'warn' })), finding({ ruleId: 'unknown-rule', severity: 'hint' })],
      }),
    );
    const section = md.slice(md.indexOf('### Findings by rule'), md.indexOf('### Findings by file'));
    expect(section).toContain('| [integration-rule][d1] | ❌ error | 3 | Operations must declare an error response. It keeps clients honest. |');
    expect(section).toContain('| [other-rule][d2] | ⚠️ warning | 2 |');
    expect(section).toContain('[d1]: https://github.com/integration-rulesets/spectral-integration-ruleset/blob/main/docs/rules.md#integration-rule');
    expect(section).toContain('[d2]: https://example.com/docs/other-rule');
    expect(section).toContain('| unknown-rule | 💡 hint | 1 |');
  });

  it('without sha/repository the line is plain text', () => {
    const md = renderSummary(reportInput({ findings: [finding({ line: 6 })], sha: undefined }));
    expect(rowsOf(md)[0]).toMatch(/\| 7 \|/);
  });

  it('escapes Markdown and HTML in messages, rule ids and file names; each row stays one line', () => {
    const evil = 'pipe | in <script>alert(1)</script> `code` **bold** [link](javascript:alert(1))\nnext line\r\n<img src=x onerror=alert(1)>';
    const md = renderSummary(
      reportInput({
        findings: [finding({ message: evil, ruleId: 'rule|<x>', file: '<b>evil</b>|.yaml', documentationUrl: 'javascript:alert(1)' })],
      }),
    );
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<b>evil');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).not.toContain(': javascript:');
    expect(md).not.toContain('`code`');
    const rows = rowsOf(md);
    expect(rows).toHaveLength(1);
    // 4 cells: count unescaped pipes
    const unescapedPipes = rows[0].match(/(?<!\\)\|/g) ?? [];
    expect(unescapedPipes).toHaveLength(5);
    expect(rows[0]).toContain('next line<br>&lt;img');
    expect(md).toContain('<code>&lt;b&gt;evil&lt;/b&gt;|.yaml</code>');
  });

  it('escapeMarkdownCell handles every special character', () => {
    expect(escapeMarkdownCell('a|b')).toBe('a\\|b');
    expect(escapeMarkdownCell('<>&')).toBe('&lt;&gt;&amp;');
    expect(escapeMarkdownCell('`x`')).toBe('&#96;x&#96;');
    expect(escapeMarkdownCell('a\nb\r\nc\rd')).toBe('a<br>b<br>c<br>d');
    expect(escapeMarkdownCell('*_[]~#!\\')).toBe('\\*\\_\\[\\]\\~\\#\\!\\\\');
  });

  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('ééé', 5)).toBe('é…');
    expect(truncateUtf8('ééé', 4)).toBe('…');
    expect(Buffer.byteLength(truncateUtf8('🚀'.repeat(100), 50), 'utf8')).toBeLessThanOrEqual(50);
    expect(truncateUtf8('🚀'.repeat(100), 50)).not.toContain('\ufffd');
    expect(truncateUtf8('short', 50)).toBe('short');
  });
});

describe('renderSummary: size limit', () => {
  it('50 000 findings stay under 1 MiB and say how many are not shown', () => {
    // 1 000 errors, the rest warnings and hints, spread over 400 files
    const severity = (i: number): Severity => (i % 50 === 49 ? 'error' : i % 2 ? 'hint' : 'warn');
    const list = findings(50_000, (i) => ({
      file: `apis/service-${String(i % 400).padStart(3, '0')}/openapi.yaml`,
      severity: severity(i),
      message: `Operation "get /things/${i}" must declare a 4xx error response — ünïcödé ✓ 日本語`,
      ruleId: `rule-${i % 25}`,
    }));
    const started = Date.now();
    const md = renderSummary(reportInput({ findings: list }));
    expect(Date.now() - started).toBeLessThan(20_000);
    const size = bytes(md);
    expect(size).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(size).toBeLessThanOrEqual(900 * 1024);
    expect(size).toBeGreaterThan(800 * 1024); // the budget is used, not wasted
    const shown = rowsOf(md).length;
    expect(shown).toBeGreaterThan(1000);
    expect(shown).toBeLessThan(50_000);
    expect(md).toContain(`${50_000 - shown} more findings not shown`);
    expect(md).toMatch(/see the SARIF upload \(code scanning alerts\) or the check run/);
    // the most important are kept: every error is shown, and no hint while warnings are left out
    const shownSeverities = rowsOf(md).map((r) => r.split(' | ')[0]);
    expect(shownSeverities.filter((s) => s.includes('error'))).toHaveLength(1_000);
    expect(shownSeverities.some((s) => s.includes('hint'))).toBe(false);
    // structure stays balanced
    expect((md.match(/<details/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });

  it('respects a small custom budget with multi-byte text', () => {
    const list = findings(2_000, (i) => ({ message: '日本語のメッセージ🚀'.repeat(5), file: `f${i % 7}.yaml` }));
    const md = renderSummary(reportInput({ findings: list }), { maxBytes: 20_000 });
    expect(bytes(md)).toBeLessThanOrEqual(20_000);
    const shown = rowsOf(md).length;
    expect(md).toContain(`${2_000 - shown} more findings not shown`);
  });

  it('a huge number of load failures does not crowd out the headline', () => {
    const failures = Array.from({ length: 10_000 }, (_, i) => ({ file: `f${i}.yaml`, message: 'x'.repeat(500) }));
    const md = renderSummary(reportInput({ failures }));
    expect(bytes(md)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(md).toContain('10000 files could not be linted');
    expect(md).toContain('9900 more not listed');
  });
});
