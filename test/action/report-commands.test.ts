import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitAnnotationCommands, formatCommand } from '../../action/report/commands';
import { unescapeCommandValue } from '../../action/report/escape';
import type { Finding, Severity } from '../../action/types';
import { finding, findings, reportInput } from './report-fixtures';

interface Parsed {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Parses a workflow command the way the runner does: properties end at the first "::". */
function parse(line: string): Parsed {
  const match = /^::([a-z-]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeCommandValue(pair.slice(eq + 1));
  }
  return { command: match[1], properties, message: unescapeCommandValue(match[3]) };
}

function run(list: Finding[], extra: Parameters<typeof reportInput>[0] = {}) {
  const lines: string[] = [];
  const result = emitAnnotationCommands(reportInput({ findings: list, ...extra }), (line) => lines.push(line));
  return { lines, parsed: lines.map(parse), result };
}

const physicalLines = (lines: string[]) => lines.join('\n').split(/\r\n|\r|\n/);

describe('emitAnnotationCommands: GitHub limits', () => {
  it('25 errors → exactly 10 ::error and one ::notice with the count of the rest', () => {
    const { lines, parsed, result } = run(findings(25));
    expect(parsed.filter((p) => p.command === 'error')).toHaveLength(10);
    expect(parsed.filter((p) => p.command === 'notice')).toHaveLength(1);
    expect(lines).toHaveLength(11);
    expect(result).toEqual({ emitted: 10, omitted: 15 });
    const last = parsed[parsed.length - 1];
    expect(last.command).toBe('notice');
    expect(last.message).toMatch(/^15 more findings not shown/);
    expect(last.message).toContain('15 errors');
    expect(last.message).toMatch(/job summary/);
    expect(last.message).toMatch(/check run/);
    expect(last.message).toMatch(/SARIF/);
    // the first ten by file/line
    expect(parsed.slice(0, 10).map((p) => Number(p.properties.line))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('emits the most important first and keeps a notice slot for the final notice', () => {
    const sev = (i: number): Severity => (['hint', 'info', 'warn', 'error'] as Severity[])[i % 4];
    // 40 findings spread over two files, in scrambled order
    const list = findings(40, (i) => ({ severity: sev(i), file: i % 3 === 0 ? 'b.yaml' : 'a.yaml', line: 100 - i }));
    const { parsed, result } = run(list);
    const commands = parsed.map((p) => p.command);
    expect(commands.filter((c) => c === 'error')).toHaveLength(10);
    expect(commands.filter((c) => c === 'warning')).toHaveLength(10);
    expect(commands.filter((c) => c === 'notice')).toHaveLength(10); // 9 findings + the final notice
    expect(commands.slice(0, 10).every((c) => c === 'error')).toBe(true);
    expect(commands.slice(10, 20).every((c) => c === 'warning')).toBe(true);
    expect(result.emitted).toBe(29);
    expect(result.omitted).toBe(11);
    expect(parsed[29].message).toMatch(/^11 more findings/);
    // within a severity: file, then line
    const errors = parsed.slice(0, 10).map((p) => [p.properties.file, Number(p.properties.line)] as const);
    const sorted = [...errors].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    expect(errors).toEqual(sorted);
    // infos before hints
    const noticeFindings = parsed.slice(20, 29);
    const infoCount = list.filter((f) => f.severity === 'info').length;
    expect(infoCount).toBe(10);
    expect(noticeFindings.every((p) => list.find((f) => f.file === p.properties.file && f.range.start.line + 1 === Number(p.properties.line))?.severity === 'info')).toBe(true);
  });

  it('exactly at the limits: no final notice', () => {
    const list = [
      ...findings(10, () => ({ severity: 'error' })),
      ...findings(10, () => ({ severity: 'warn' })),
      ...findings(10, () => ({ severity: 'hint' })),
    ];
    const { lines, result } = run(list);
    expect(lines).toHaveLength(30);
    expect(result).toEqual({ emitted: 30, omitted: 0 });
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(10);
  });

  it('severity → command: error → error, warn → warning, info/hint → notice', () => {
    const { parsed } = run([
      finding({ severity: 'hint' }),
      finding({ severity: 'info' }),
      finding({ severity: 'warn' }),
      finding({ severity: 'error' }),
    ]);
    expect(parsed.map((p) => p.command)).toEqual(['error', 'warning', 'notice', 'notice']);
  });

  it('no findings → nothing written', () => {
    expect(run([])).toMatchObject({ lines: [], result: { emitted: 0, omitted: 0 } });
  });

  it('load failures are errors emitted before findings and count against the limit', () => {
    const { parsed, result } = run(findings(10), {
      failures: [{ file: 'broken.yaml', message: 'YAML parse error: bad indentation' }],
    });
    expect(parsed[0]).toMatchObject({ command: 'error', properties: { file: 'broken.yaml' }, message: 'YAML parse error: bad indentation' });
    expect(result).toEqual({ emitted: 10, omitted: 1 });
  });

  it('honours a custom per-level limit and "see also" text', () => {
    const lines: string[] = [];
    const result = emitAnnotationCommands(reportInput({ findings: findings(5) }), (l) => lines.push(l), {
      perLevelLimit: 2,
      seeAlso: 'the SARIF file',
    });
    expect(result).toEqual({ emitted: 2, omitted: 3 });
    expect(parse(lines[2]).message).toContain('the SARIF file');
  });
});

describe('emitAnnotationCommands: ranges', () => {
  it('converts 0-based Spectral ranges to 1-based, with columns on one line', () => {
    const { parsed } = run([finding({ line: 4, col: 2, endCol: 9, ruleId: 'r1' })]);
    expect(parsed[0].properties).toEqual({
      file: 'api/openapi.yaml',
      line: '5',
      endLine: '5',
      col: '3',
      endColumn: '9',
      title: 'r1',
    });
  });

  it('omits columns when the range spans lines', () => {
    const { parsed } = run([finding({ line: 4, col: 2, endLine: 6, endCol: 1 })]);
    expect(parsed[0].properties.line).toBe('5');
    expect(parsed[0].properties.endLine).toBe('7');
    expect(parsed[0].properties).not.toHaveProperty('col');
    expect(parsed[0].properties).not.toHaveProperty('endColumn');
  });

  it('a zero-width range at the document start stays valid (line 1, col 1)', () => {
    const { parsed } = run([finding({ line: 0, col: 0, endCol: 0 })]);
    expect(parsed[0].properties).toMatchObject({ line: '1', endLine: '1', col: '1', endColumn: '1' });
  });
});

describe('emitAnnotationCommands: escaping', () => {
  const hostile = [
    '::error::injected',
    'first line\n::error file=x.yaml::injected via newline',
    'cr only\r::warning::injected via CR',
    'already encoded %0A::error::pwned %25 %3A %2C',
    'commas, colons: and :: double colons',
    '::stop-commands::token',
    '::add-mask::secret',
    'unicode ✓ 日本語 🚀',
  ];

  it('no finding text can start another command, and every value round-trips', () => {
    const list = hostile.map((text, i) =>
      finding({
        message: text,
        file: `dir,with:odd/${text.replace(/\//g, '_')}.yaml`,
        ruleId: `rule${i},title=evil::x`,
        line: i,
      }),
    );
    const { lines, parsed } = run(list);
    expect(lines).toHaveLength(list.length);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    // every physical line is exactly one intended command
    const physical = physicalLines(lines);
    expect(physical).toHaveLength(lines.length);
    expect(physical.every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
    const byLine = new Map(parsed.map((p) => [Number(p.properties.line) - 1, p]));
    list.forEach((f, i) => {
      const p = byLine.get(i)!;
      expect(p.message).toBe(f.message);
      expect(p.properties.file).toBe(f.file);
      expect(p.properties.title).toBe(f.ruleId);
    });
  });

  it('properties escape ":" and "," so they cannot end the property list early', () => {
    const line = formatCommand('error', { file: 'a:b,c.yaml', title: 'x::y' }, 'm');
    expect(line).toBe('::error file=a%3Ab%2Cc.yaml,title=x%3A%3Ay::m');
  });

  it('property-based: arbitrary messages, files and rule ids stay one command and round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), (message, file, ruleId) => {
        const lines: string[] = [];
        emitAnnotationCommands(reportInput({ findings: [finding({ message, file, ruleId })] }), (l) => lines.push(l));
        expect(lines).toHaveLength(1);
        expect(physicalLines(lines)).toHaveLength(1);
        const p = parse(lines[0]);
        expect(p.command).toBe('error');
        expect(p.message).toBe(message || ruleId);
        expect(p.properties.file).toBe(file);
        expect(p.properties.title).toBe(ruleId);
      }),
      { numRuns: 300 },
    );
  });
});
