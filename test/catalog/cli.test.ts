/** The command-line program: options, output, exit codes and error messages. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, run } from '../../cli/index';
import { FIXTURES, ROOT, schemaErrors } from './helpers';

async function cli(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('cli', () => {
  it('--help prints usage and the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain('Usage: spectral-integration-ruleset');
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each([
    [[], 'no command given'],
    [['lint', 'a.yaml'], 'unknown command `lint`'],
    [['catalog'], 'needs at least one'],
    [['catalog', 'a.yaml', '--format', 'html'], '--format must be'],
    [['catalog', 'a.yaml', '--bogus'], "Unknown option '--bogus'"],
    [['catalog', 'a.yaml', '--title', 'x'], '--title applies to `spec` only'],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('--help');
  });

  it('a missing file exits 3 and names it', async () => {
    const r = await cli(['catalog', 'fixtures/catalog/nope.yaml']);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toBe('error: fixtures/catalog/nope.yaml: cannot read the file: no such file (check the path)\n');
  });

  it('invalid YAML exits 3 with the line; output still covers the other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sir-cli-'));
    writeFileSync(join(dir, 'broken.yaml'), 'asyncapi: 3.0.0\ninfo: [unclosed\n');
    writeFileSync(join(dir, 'other.yaml'), 'hello: world\n');
    const r = await cli(['catalog', 'broken.yaml', 'other.yaml', join(ROOT, FIXTURES[0])], dir);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toMatch(/^error: broken\.yaml: not valid YAML: line \d+/m);
    expect(r.stderr).toContain('error: other.yaml: not an OpenAPI or AsyncAPI document');
    expect(r.stdout).toContain('OrderPlaced');
    expect(r.stdout).toContain('## Documents that could not be read');
  });

  it('conflicts are reported on stderr; --strict exits 1', async () => {
    const lax = await cli(['catalog', ...FIXTURES]);
    expect(lax.code).toBe(EXIT.ok);
    expect(lax.stderr).toContain('conflict: OrderPlaced v1 payload field data.total.amount has different types (number vs string)');
    const strict = await cli(['catalog', ...FIXTURES, '--strict']);
    expect(strict.code).toBe(EXIT.conflicts);
  });

  it('--format json --output writes schema-valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sir-cli-'));
    const r = await cli(['spec', ...FIXTURES.map((f) => join(ROOT, f)), '--format', 'json', '--output', join(dir, 'out', 'spec.json'), '--title', 'Orders platform']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe('');
    const spec = JSON.parse(readFileSync(join(dir, 'out', 'spec.json'), 'utf8'));
    expect(spec.title).toBe('Orders platform');
    expect(schemaErrors('spec-output.schema.json', spec)).toEqual([]);
  });

  it('an unwritable --output exits 4', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sir-cli-'));
    writeFileSync(join(dir, 'file'), '');
    const r = await cli(['catalog', join(ROOT, FIXTURES[0]), '--output', join(dir, 'file', 'x.md')]);
    expect(r.code).toBe(EXIT.output);
    expect(r.stderr).toMatch(/^error: cannot write .*x\.md/);
  });

  it('as a process: real exit code, no stack trace', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'cli', 'index.ts'), 'catalog', 'missing.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(EXIT.input);
    expect(r.stderr).toBe('error: missing.yaml: cannot read the file: no such file (check the path)\n');
    const ok = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'cli', 'index.ts'), 'catalog', FIXTURES[1], '-f', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(ok).events.length).toBe(3);
  });
});
