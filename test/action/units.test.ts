/**
 * Unit tests of the lint side's pure parts: fingerprints and count-aware "new" matching, git
 * diff parsing, document discovery and sharding, inputs, and the ids that resolve to the
 * bundled rulesets.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles, hasApiTopLevelKey, inShard, shardOf } from '../../action/files';
import { fingerprint, newFindings } from '../../action/fingerprint';
import { parseNameStatus, parseUnifiedDiff, unquoteGitPath } from '../../action/git';
import { InputError, parseShard, readInputs } from '../../action/inputs';
import { ourModuleId } from '../../action/ruleset';
import { safeText } from '../../action/main';
import type { Finding } from '../../action/types';

function finding(ruleId: string, file: string, jsonPath: string[], message: string, line: number): Finding {
  return {
    ruleId,
    severity: 'warn',
    message,
    file,
    jsonPath,
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    fingerprint: fingerprint(ruleId, file, jsonPath, message),
  };
}

describe('fingerprint', () => {
  it('depends on rule, file, JSON path and message, never on the line', () => {
    const a = finding('r', 'a.yaml', ['paths', '/x'], 'm', 3);
    expect(finding('r', 'a.yaml', ['paths', '/x'], 'm', 30).fingerprint).toBe(a.fingerprint);
    expect(finding('r2', 'a.yaml', ['paths', '/x'], 'm', 3).fingerprint).not.toBe(a.fingerprint);
    expect(finding('r', 'b.yaml', ['paths', '/x'], 'm', 3).fingerprint).not.toBe(a.fingerprint);
    expect(finding('r', 'a.yaml', ['paths', '/y'], 'm', 3).fingerprint).not.toBe(a.fingerprint);
    expect(finding('r', 'a.yaml', ['paths', '/x'], 'other', 3).fingerprint).not.toBe(a.fingerprint);
    // Path segments are not confused with a joined string.
    expect(fingerprint('r', 'a', ['a.b'], 'm')).not.toBe(fingerprint('r', 'a', ['a', 'b'], 'm'));
  });

  it('new findings are count-aware: base 1, head 2 identical -> 1 new', () => {
    const base = [finding('r', 'a.yaml', ['x'], 'm', 1)];
    const head = [finding('r', 'a.yaml', ['x'], 'm', 5), finding('r', 'a.yaml', ['x'], 'm', 9), finding('q', 'a.yaml', ['y'], 'm', 2)];
    const fresh = newFindings(head, base);
    expect(fresh.map((f) => `${f.ruleId}:${f.range.start.line}`)).toEqual(['r:9', 'q:2']);
    expect(newFindings(head.slice(0, 1), base)).toEqual([]);
    expect(newFindings([], base)).toEqual([]);
  });
});

describe('git output parsing', () => {
  it('added/changed lines from --unified=0 hunks, per new path', () => {
    const diff = [
      'diff --git a/api/a.yaml b/api/a.yaml',
      '--- a/api/a.yaml',
      '+++ b/api/a.yaml',
      '@@ -7,0 +8,3 @@ paths:',
      '+x',
      '@@ -20 +23 @@',
      '@@ -30,2 +33,0 @@',
      'diff --git a/gone.yaml b/gone.yaml',
      '--- a/gone.yaml',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      'diff --git "a/sp ace\\303\\251.yaml" "b/sp ace\\303\\251.yaml"',
      '--- "a/sp ace\\303\\251.yaml"',
      '+++ "b/sp ace\\303\\251.yaml"',
      '@@ -1 +1,2 @@',
    ].join('\n');
    const lines = parseUnifiedDiff(diff);
    expect([...(lines.get('api/a.yaml') ?? [])]).toEqual([8, 9, 10, 23]);
    expect(lines.has('gone.yaml')).toBe(false);
    expect([...(lines.get('sp aceé.yaml') ?? [])]).toEqual([1, 2]);
  });

  it('name-status -z with renames and deletions', () => {
    const out = ['M', 'a.yaml', 'R095', 'old/b.yaml', 'new/b.yaml', 'D', 'c.yaml', 'A', 'd.yaml', ''].join('\0');
    const { changed, renames } = parseNameStatus(out);
    expect([...changed].sort()).toEqual(['a.yaml', 'd.yaml', 'new/b.yaml']);
    expect([...renames]).toEqual([['new/b.yaml', 'old/b.yaml']]);
  });

  it('unquotes C-style quoted paths', () => {
    expect(unquoteGitPath('"a\\tb\\"c\\\\d"')).toBe('a\tb"c\\d');
    expect(unquoteGitPath('plain.yaml')).toBe('plain.yaml');
  });
});

describe('documents', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('recognizes a top-level openapi/swagger/asyncapi key in YAML and JSON, and nothing else', () => {
    expect(hasApiTopLevelKey('openapi: 3.1.0\ninfo: {}\n')).toBe(true);
    expect(hasApiTopLevelKey('# c\n"swagger": "2.0"\n')).toBe(true);
    expect(hasApiTopLevelKey('\ufeffasyncapi: 3.0.0\n')).toBe(true);
    expect(hasApiTopLevelKey('name: x\nnested:\n  openapi: 3.0.0\n')).toBe(false);
    expect(hasApiTopLevelKey('{ "info": {"openapi": "x"}, "openapi": "3.0.0" }')).toBe(true);
    expect(hasApiTopLevelKey('{ "info": {"openapi": "x"}, "paths": {} }')).toBe(false);
    expect(hasApiTopLevelKey('{ "name": "pkg", "dependencies": { "asyncapi": "1" } }')).toBe(false);
  });

  it('discovers API documents by default, skipping node_modules and .git; globs with exclusions', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sir-files-'));
    const write = (f: string, c: string) => {
      mkdirSync(join(dir as string, f, '..'), { recursive: true });
      writeFileSync(join(dir as string, f), c);
    };
    write('a/openapi.yaml', 'openapi: 3.0.0\n');
    write('b/events.yml', 'asyncapi: 2.6.0\n');
    write('c/swagger.json', '{"swagger": "2.0"}');
    write('c/package.json', '{"name": "x"}');
    write('.github/workflows/ci.yml', 'on: push\n');
    write('node_modules/dep/openapi.yaml', 'openapi: 3.0.0\n');
    write('.git/x/openapi.yaml', 'openapi: 3.0.0\n');
    const found = await discoverFiles(dir, []);
    expect(found.files.map((f) => f.slice((dir as string).length + 1))).toEqual(['a/openapi.yaml', 'b/events.yml', 'c/swagger.json']);
    const globbed = await discoverFiles(dir, ['**/*.yaml', '!a/**', 'nothing/*.json']);
    expect(globbed.files).toEqual([]);
    expect(globbed.unmatched).toEqual(['**/*.yaml', 'nothing/*.json']);
    const some = await discoverFiles(dir, ['**/*.y*ml']);
    expect(some.files.map((f) => f.slice((dir as string).length + 1))).toEqual(['.github/workflows/ci.yml', 'a/openapi.yaml', 'b/events.yml']);
  });

  it('shards by path: stable, disjoint and covering', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `apis/service-${i}/openapi.yaml`);
    for (const n of [1, 2, 3, 7]) {
      const counts = new Array(n).fill(0);
      for (const p of paths) {
        const k = shardOf(p, n);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(n);
        expect(shardOf(p, n)).toBe(k);
        counts[k - 1]++;
        expect([...Array(n).keys()].filter((i) => inShard(p, { index: i + 1, total: n }))).toEqual([k - 1]);
      }
      for (const c of counts) expect(c).toBeGreaterThan(200 / n / 2); // roughly balanced
    }
  });
});

describe('inputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('reads INPUT_<NAME> with dashes kept, and applies the defaults', () => {
    process.env['INPUT_FAIL-SEVERITY'] = 'warning';
    process.env.INPUT_FILES = 'a/*.yaml\n\n# comment\n!a/x.yaml\n';
    process.env.INPUT_SHARD = '2/3';
    const inputs = readInputs();
    expect(inputs.failSeverity).toBe('warn');
    expect(inputs.files).toEqual(['a/*.yaml', '!a/x.yaml']);
    expect(inputs.shard).toEqual({ index: 2, total: 3 });
    expect(inputs.report).toBe('');
    expect(inputs.annotations).toBe('auto');
    expect(inputs.workingDirectory).toBe('.');
    expect(inputs.allowRemoteRefs).toBe(false);
  });

  it('rejects invalid values with a message naming the input', () => {
    process.env.INPUT_REPORT = 'sometimes';
    expect(() => readInputs()).toThrow(InputError);
    expect(() => readInputs()).toThrow(/input "report" must be one of all, changed-files, changed-lines, new/);
    expect(() => parseShard('4/3')).toThrow(/1 <= k <= n/);
    expect(() => parseShard('x')).toThrow(/k\/n/);
  });
});

describe('module ids that resolve to the bundled rulesets', () => {
  it('bare ids, the migrator\'s unresolved absolute ids, and installed copies', () => {
    expect(ourModuleId('spectral-integration-ruleset')).toBe('spectral-integration-ruleset');
    expect(ourModuleId('spectral-integration-ruleset/standards')).toBe('spectral-integration-ruleset/standards');
    expect(ourModuleId('spectral-integration-ruleset/functions')).toBe('spectral-integration-ruleset/functions');
    expect(ourModuleId('spectral-integration-ruleset/nope')).toBeNull();
    expect(ourModuleId('spectral-integration-ruleset/events.js')).toBe('spectral-integration-ruleset/events');
    expect(ourModuleId('spectral-integration-ruleset/impl/index')).toBe('spectral-integration-ruleset');
    expect(ourModuleId('spectral-integration-ruleset/impl/standards')).toBe('spectral-integration-ruleset/standards');
    expect(ourModuleId('/nowhere/repo/spectral-integration-ruleset/events.js')).toBe('spectral-integration-ruleset/events');
    expect(ourModuleId('/nonexistent/repo/spectral-integration-ruleset')).toBe('spectral-integration-ruleset');
    expect(ourModuleId('/nonexistent/repo/spectral-integration-ruleset/rest')).toBe('spectral-integration-ruleset/rest');
    expect(ourModuleId('./spectral-integration-ruleset.yaml')).toBeNull();
    expect(ourModuleId('@stoplight/spectral-core')).toBeNull();
  });
});

describe('log text from the repository', () => {
  it('cannot start a workflow command', () => {
    expect(safeText('ok\n::error::x\n  ::set-output name=a::b')).toBe('ok\n:\u200b:error::x\n  :\u200b:set-output name=a::b');
  });
});
