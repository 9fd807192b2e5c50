/**
 * The bad-input table (test/support/hostile.ts, docs/reliability.md) through `spectral lint` with
 * our ruleset, installed the way users install it (node_modules/spectral-integration-ruleset,
 * `extends: ["spectral-integration-ruleset"]`). Spectral's own behaviour is what it is; what is
 * tested is that our ruleset never crashes it, never reports an internal error, and that the
 * normal document linted alongside keeps its findings. Runs without network access, except the
 * remote-$ref case, which records what Spectral fetches from a local server.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../action/helpers/harness';
import { REPO_ROOT } from '../support/paths';
import { aliasBomb, deeplyNested, hostileCases, NORMAL_FILE, NORMAL_FINDING, writeCases, type HostileCase } from '../support/hostile';

const SPECTRAL = join(REPO_ROOT, 'node_modules', '.bin', 'spectral');

interface CliResult {
  status: number | null;
  results: { code: string; message: string; path: (string | number)[]; source?: string }[];
  stderr: string;
  stdout: string;
  netLog: string;
}

let work: string;
let server: LocalServer;
const runs = new Map<string, CliResult>();

function lint(id: string, files: string[], ruleset = '.spectral.yaml', network = false): Promise<CliResult> {
  const netLog = join(work, `net-${id}.log`);
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  if (!network) Object.assign(env, { NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test/support/no-network.cjs')}`, NO_NET_LOG: netLog });
  const child = spawn(SPECTRAL, ['lint', '--format', 'json', '--ruleset', ruleset, ...files], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      let results: CliResult['results'] = [];
      const json = stdout.slice(stdout.indexOf('['));
      try {
        if (stdout.includes('[')) results = JSON.parse(json);
      } catch {
        /* not JSON: Spectral failed */
      }
      resolve({ status, results, stderr, stdout, netLog: existsSync(netLog) ? readFileSync(netLog, 'utf8') : '' });
    });
  });
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function of(r: CliResult, file: string) {
  return r.results.filter((x) => x.source === join(work, file));
}

function normalReported(r: CliResult): boolean {
  return of(r, NORMAL_FILE).some((x) => x.code === NORMAL_FINDING.rule && JSON.stringify(x.path) === JSON.stringify(NORMAL_FINDING.path));
}

let cases: HostileCase[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sir-hostile-cli-'));
  server = await startServer(() => ({ status: 200, body: 'R: {description: fetched}\n', contentType: 'text/yaml' }));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(REPO_ROOT, join(work, 'node_modules', 'spectral-integration-ruleset'), 'dir');
  writeFileSync(join(work, '.spectral.yaml'), 'extends: ["spectral-integration-ruleset"]\n');
  writeFileSync(join(work, 'empty-ruleset.yaml'), 'rules: {}\n');
  writeFileSync(join(work, 'broken.spectral.yaml'), 'extends: ["./does-not-exist.yaml"]\n');
  writeFileSync(
    join(work, 'wrong-option.spectral.mjs'),
    "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\nexport default createIntegrationRuleset({ 'rest-max-nesting': { max: 'four' } });\n",
  );
  mkdirSync(join(work, 'ws'));
  writeFileSync(join(work, 'outside.yaml'), 'R: {description: outside}\n');
  cases = hostileCases({ remoteUrl: server.url, outsideFile: './outside.yaml' });
  // The CLI cannot take the full billion laughs (Spectral's parser expands aliases: out of
  // memory after minutes, with any ruleset); 10^5 nodes shows our ruleset adds nothing to it.
  cases = cases.map((c) => (c.id === 'alias-bomb' ? { ...c, files: [{ file: 'alias-bomb.yaml', content: aliasBomb(5) }] } : c));
  cases.push({ id: 'deep-1000', title: '1,000 levels', files: [{ file: 'deep-1000.json', content: deeplyNested(1000) }], subject: 'deep-1000.json', cli: '', action: '' });
  writeCases(work, cases);
  await inBatches(cases, 2, async (c) => {
    runs.set(c.id, await lint(c.id, [c.subject, NORMAL_FILE], '.spectral.yaml', c.id === 'remote-ref'));
  });
  await inBatches(
    [
      ['deep-empty-ruleset', ['deep.json', NORMAL_FILE], 'empty-ruleset.yaml'],
      ['proto-empty-ruleset', ['proto-key.yaml', NORMAL_FILE], 'empty-ruleset.yaml'],
      ['broken-ruleset', [NORMAL_FILE], 'broken.spectral.yaml'],
      ['wrong-option', [NORMAL_FILE], 'wrong-option.spectral.mjs'],
    ] as [string, string[], string][],
    2,
    async ([id, files, ruleset]) => {
      runs.set(id, await lint(id, files, ruleset));
    },
  );
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('hostile inputs through `spectral lint` with our ruleset', () => {
  it('no case makes our ruleset report an internal error, and no case but the remote $ref touches the network', () => {
    for (const [id, r] of runs) {
      expect(r.results.filter((x) => x.message.startsWith('Internal error in rule')), id).toEqual([]);
      if (id !== 'remote-ref') expect(r.netLog, `${id}: network`).toBe('');
    }
  });

  const SPECTRAL_CRASHES = new Set(['deep', 'proto-key']);
  it('every case but the 10,000-level document ends normally with the normal document\'s findings', () => {
    for (const c of cases) {
      if (SPECTRAL_CRASHES.has(c.id)) continue;
      const r = runs.get(c.id) as CliResult;
      expect([0, 1], `${c.id}: status ${r.status}\n${r.stderr}`).toContain(r.status);
      expect(r.stderr, c.id).not.toMatch(/Error running Spectral/);
      expect(normalReported(r), `${c.id}: normal.yaml's findings`).toBe(true);
    }
  });

  it('empty and whitespace-only files: unrecognized-format', () => {
    expect(of(runs.get('empty') as CliResult, 'empty.yaml').map((x) => x.code)).toContain('unrecognized-format');
    expect(of(runs.get('whitespace') as CliResult, 'whitespace.yaml').map((x) => x.code)).toContain('unrecognized-format');
  });

  it('invalid UTF-8: linted with replacement characters, no warning about the encoding', () => {
    const r = of(runs.get('invalid-utf8') as CliResult, 'invalid-utf8.yaml');
    expect(r.some((x) => x.message.includes('\uFFFD'))).toBe(true);
    expect(r.filter((x) => x.code === 'parser')).toEqual([]);
  });

  it('syntax errors and duplicate keys: parser errors, exit status 1', () => {
    expect(runs.get('syntax')?.status).toBe(1);
    expect(of(runs.get('syntax') as CliResult, 'syntax-error.yaml').some((x) => x.code === 'parser')).toBe(true);
    expect(of(runs.get('duplicate-keys') as CliResult, 'duplicate-keys.yaml').some((x) => x.code === 'parser' && /Duplicate key: \/users/.test(x.message))).toBe(true);
  });

  it('10,000 levels: Spectral\'s YAML parser overflows its stack with any ruleset (exit 2), from about 1,500 levels; 1,000 levels lint', () => {
    const deep = runs.get('deep') as CliResult;
    const empty = runs.get('deep-empty-ruleset') as CliResult;
    expect(deep.status).toBe(2);
    expect(deep.stderr).toMatch(/Maximum call stack size exceeded/);
    expect(empty.status, 'the same with an empty ruleset: Spectral, not our ruleset').toBe(2);
    expect(empty.stderr).toMatch(/Maximum call stack size exceeded/);
    expect(normalReported(runs.get('deep-1000') as CliResult)).toBe(true);
  });

  it('a __proto__ key: Spectral itself throws with any ruleset (exit 2, every result lost)', () => {
    for (const id of ['proto-key', 'proto-empty-ruleset']) {
      const r = runs.get(id) as CliResult;
      expect(r.status, id).toBe(2);
      expect(r.stderr, id).toMatch(/on proxy: trap returned/);
    }
  });

  it('50 MB: linted, with findings', () => {
    expect(of(runs.get('huge') as CliResult, 'huge.yaml').some((x) => x.code === 'rate-limit-429')).toBe(true);
  });

  it('$refs: circular ones lint, a missing file is an invalid-ref, a file outside the folder is read (Spectral does not confine)', () => {
    expect(of(runs.get('circular') as CliResult, 'circular.yaml').some((x) => x.code === 'rate-limit-429')).toBe(true);
    expect(of(runs.get('missing-ref') as CliResult, 'missing-ref.yaml').find((x) => x.code === 'invalid-ref')?.message).toMatch(/does-not-exist\.yaml/);
    expect(of(runs.get('outside-ref') as CliResult, 'outside-ref.yaml').filter((x) => x.code === 'invalid-ref')).toEqual([]);
  });

  it('a $ref to http://127.0.0.1: Spectral fetches it (its resolver follows http $refs; the action refuses them)', () => {
    expect(server.requests.map((q) => q.url)).toEqual(['/response.yaml']);
    expect(of(runs.get('remote-ref') as CliResult, 'remote-ref.yaml').filter((x) => x.code === 'invalid-ref')).toEqual([]);
  });

  it('binary files: parser errors and unrecognized-format', () => {
    const codes = of(runs.get('binary') as CliResult, 'logo.yaml').map((x) => x.code);
    expect(codes).toContain('parser');
  });

  it('file names with spaces, unicode, %0A::error:: and newlines: findings name the file', () => {
    for (const id of ['name-space', 'name-unicode', 'name-injection', 'name-newline']) {
      const c = cases.find((x) => x.id === id) as HostileCase;
      expect(of(runs.get(id) as CliResult, c.subject).some((x) => x.code === NORMAL_FINDING.rule), id).toBe(true);
    }
  });

  it('messages carrying :: and newlines are reported as they are (JSON output)', () => {
    expect(of(runs.get('message-injection') as CliResult, 'message-injection.yaml').some((x) => x.message.includes('\n::error file=pwned.yaml'))).toBe(true);
  });

  it('a ruleset that fails to load, an option of the wrong type: Spectral exits 2 with the message (no stack without --verbose)', () => {
    const broken = runs.get('broken-ruleset') as CliResult;
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/does-not-exist\.yaml/);
    const wrong = runs.get('wrong-option') as CliResult;
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/rest-max-nesting/);
    for (const r of [broken, wrong]) expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
