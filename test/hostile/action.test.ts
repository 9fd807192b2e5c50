/**
 * The bad-input table (test/support/hostile.ts, docs/reliability.md) through the bundled action
 * (dist/index.js) as GitHub's runner runs it: one run with every hostile file next to a normal
 * document (on Node 20 and Node 24 at once), then per-case assertions; then small runs for the
 * limits (document-timeout, max-memory), a ruleset that fails to load, options and inputs of the
 * wrong type, and allow-remote-refs. No crash, no hang, no request, no injected workflow command,
 * and the normal document's findings always reported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDist, runAction, runtimes, startServer, TempRepo, type LocalServer, type NodeRuntime, type RunResult } from '../action/helpers/harness';
import { hostileCases, hugeDocument, NORMAL_DOCUMENT, NORMAL_FILE, NORMAL_FINDING, writeCases, type HostileCase } from '../support/hostile';

const COMMAND_LINE = /^::(error|warning|notice|debug|group|endgroup)(?: ([^:]*))?::/;
const STACK_FRAME = /^\s+at .+[:(].*\d+:\d+\)?$/m;

interface Raw {
  file: string;
  error?: string;
  results: { code: string; message: string; path: (string | number)[] }[];
}

/** Checks every run shares: no stack trace, nothing on stderr, only well-formed commands naming known files. */
function expectClean(result: RunResult, knownFiles: Set<string>): void {
  // Nothing on stderr but Node's own deprecation notices (Node 24: punycode, from a dependency).
  const stderr = result.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/DeprecationWarning|--trace-deprecation/.test(l));
  expect(stderr, 'stderr').toEqual([]);
  expect(result.stdout).not.toMatch(STACK_FRAME);
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('::') || line === '::add-mask::test-token') continue; // the github-token input, masked by the action
    expect(line, 'only annotation commands (set-output goes to GITHUB_OUTPUT)').toMatch(COMMAND_LINE);
  }
  for (const c of result.commands) {
    if (c.properties.file !== undefined) expect(knownFiles.has(c.properties.file), `annotation for an unknown file ${JSON.stringify(c.properties.file)}`).toBe(true);
    expect(c.message).not.toMatch(/^INJECTED/);
  }
}

function normalReported(raw: Raw[]): boolean {
  const normal = raw.find((r) => r.file === NORMAL_FILE);
  return !!normal && !normal.error && normal.results.some((r) => r.code === NORMAL_FINDING.rule && JSON.stringify(r.path) === JSON.stringify(NORMAL_FINDING.path));
}

function failureOf(result: RunResult, file: string): string | undefined {
  return result.commands.find((c) => c.command === 'error' && c.properties.title === 'Could not lint this file' && c.properties.file === file)?.message;
}

describe('hostile inputs through the action (dist/index.js)', () => {
  let server: LocalServer;
  let repo: TempRepo;
  let cases: HostileCase[];
  let known: Set<string>;
  const runs = new Map<string, RunResult>();
  let nodes: NodeRuntime[];

  beforeAll(async () => {
    requireDist();
    nodes = runtimes();
    server = await startServer(() => ({ status: 200, body: 'R: {description: fetched}\n', contentType: 'text/yaml' }));
    repo = new TempRepo({});
    writeFileSync(join(repo.parent, 'outside.yaml'), 'R: {description: outside the workspace}\n');
    cases = hostileCases({ remoteUrl: server.url, outsideFile: '../outside.yaml' });
    writeCases(repo.dir, cases);
    known = new Set([NORMAL_FILE, ...cases.flatMap((c) => c.files.map((f) => f.file))]);
    const inputs = { files: '**/*.yaml\n**/*.json', 'fail-severity': 'never' };
    const results = await Promise.all(nodes.map((node) => runAction(repo, { node, inputs, rawResults: true, timeoutMs: 150_000 })));
    nodes.forEach((n, i) => runs.set(n.name, results[i]));
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    repo?.cleanup();
  });

  it('finishes with a failed step (load failures), clean output, and the normal document linted, on Node 20 and 24', () => {
    for (const [name, result] of runs) {
      expect(result.code, `${name}: exit status`).toBe(1);
      expect(result.outputs.result).toBe('failure');
      expectClean(result, known);
      expect(normalReported(result.results as Raw[]), `${name}: the normal document's findings`).toBe(true);
      expect(result.sarif.runs[0].results.some((r: any) => r.ruleId === NORMAL_FINDING.rule && r.locations[0].physicalLocation.artifactLocation.uri === NORMAL_FILE)).toBe(true);
    }
  });

  it('makes no network request (the $ref to the local server is refused)', () => {
    expect(server.requests).toEqual([]);
  });

  const expected: Record<string, (r: RunResult, raw: Raw[]) => void> = {
    empty: (r) => expect(failureOf(r, 'empty.yaml')).toMatch(/^empty\.yaml: the file is empty/),
    whitespace: (r) => expect(failureOf(r, 'whitespace.yaml')).toMatch(/^whitespace\.yaml: the file is empty/),
    'invalid-utf8': (r) => expect(failureOf(r, 'invalid-utf8.yaml')).toMatch(/not valid UTF-8 \(byte 0xe9 at line 6, column 7\)/),
    syntax: (r) => expect(failureOf(r, 'syntax-error.yaml')).toMatch(/^syntax-error\.yaml cannot be parsed: .+ \(line \d+, column \d+\)/),
    'duplicate-keys': (r) => expect(failureOf(r, 'duplicate-keys.yaml')).toMatch(/cannot be parsed: Duplicate key: \/users \(line 8, column 3\)/),
    'alias-bomb': (r) => expect(failureOf(r, 'alias-bomb.yaml')).toMatch(/alias-bomb\.yaml: its YAML aliases expand to more than 1,000,000 nodes .*billion laughs/),
    deep: (r, raw) => {
      expect(failureOf(r, 'deep.json')).toBeUndefined();
      expect(raw.find((x) => x.file === 'deep.json')?.error).toBeUndefined();
    },
    huge: (r) => expect(failureOf(r, 'huge.yaml')).toMatch(/^huge\.yaml: skipped: the file is 50 MB, larger than max-document-size \(30 MB\)\. Raise max-document-size/),
    circular: (_r, raw) => {
      const doc = raw.find((x) => x.file === 'circular.yaml');
      expect(doc?.error).toBeUndefined();
      expect(doc?.results.some((x) => x.code === 'rate-limit-429')).toBe(true);
    },
    'missing-ref': (_r, raw) =>
      expect(raw.find((x) => x.file === 'missing-ref.yaml')?.results.find((x) => x.code === 'invalid-ref')?.message).toMatch(/does-not-exist\.yaml/),
    'outside-ref': (_r, raw) =>
      expect(raw.find((x) => x.file === 'outside-ref.yaml')?.results.find((x) => x.code === 'invalid-ref')?.message).toMatch(/^Refused to read ".*outside\.yaml": it is outside the workspace/),
    'remote-ref': (_r, raw) =>
      expect(raw.find((x) => x.file === 'remote-ref.yaml')?.results.find((x) => x.code === 'invalid-ref')?.message).toMatch(/^Refused to fetch "http:\/\/127\.0\.0\.1:\d+\/response\.yaml": remote \$refs are disabled/),
    'proto-key': (r) => expect(failureOf(r, 'proto-key.yaml')).toMatch(/^proto-key\.yaml: Spectral cannot process this document: it has a "__proto__" key/),
    binary: (r) => expect(failureOf(r, 'logo.yaml')).toMatch(/^logo\.yaml: the file is binary/),
    'name-space': (_r, raw) => expect(raw.find((x) => x.file === 'with space/my api.yaml')?.results.some((x) => x.code === NORMAL_FINDING.rule)).toBe(true),
    'name-unicode': (_r, raw) => expect(raw.find((x) => x.file === 'ünïcødé-日本語.yaml')?.results.some((x) => x.code === NORMAL_FINDING.rule)).toBe(true),
    'name-injection': (r, raw) => {
      expect(raw.find((x) => x.file === 'evil%0A::error::pwned.yaml')?.results.some((x) => x.code === NORMAL_FINDING.rule)).toBe(true);
      expect(r.stdout).not.toMatch(/^::error::pwned/m);
      expect(r.sarif.runs[0].results.some((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'evil%250A%3A%3Aerror%3A%3Apwned.yaml')).toBe(true);
    },
    'name-newline': (r, raw) => {
      expect(raw.find((x) => x.file === 'evil\n::error::newline.yaml')?.results.some((x) => x.code === NORMAL_FINDING.rule)).toBe(true);
      expect(r.stdout).not.toMatch(/^::error::newline/m);
    },
    'message-injection': (r, raw) => {
      const doc = raw.find((x) => x.file === 'message-injection.yaml');
      expect(doc?.results.some((x) => x.message.includes('\n::error file=pwned.yaml'))).toBe(true);
      expect(r.stdout).not.toMatch(/^::(error file=pwned|add-mask::secret|stop-commands)/m);
      expect(r.sarif.runs[0].results.some((x: any) => x.message.text.includes('::add-mask::secret'))).toBe(true);
    },
  };

  it('has an expectation for every case of the table', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const id of Object.keys(expected)) {
    it(`${id}: the documented outcome`, () => {
      for (const result of runs.values()) expected[id](result, result.results as Raw[]);
    });
  }
});

describe('action limits, rulesets and inputs (Node 20)', () => {
  let node: NodeRuntime;
  let server: LocalServer;
  let repo: TempRepo;
  const results = new Map<string, RunResult>();

  beforeAll(async () => {
    requireDist();
    node = { name: 'node20', bin: process.execPath };
    server = await startServer(() => ({ status: 200, body: 'R: {description: fetched}\n', contentType: 'text/yaml' }));
    repo = new TempRepo({
      [NORMAL_FILE]: NORMAL_DOCUMENT,
      'slow.yaml': hugeDocument(0, 20_000),
      'dense.yaml': hugeDocument(0, 30_000),
      'remote.yaml': `openapi: 3.0.3\ninfo: {title: R, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '${server.url}/r.yaml#/R'}\n`,
      'refs-dense.yaml': "openapi: 3.0.3\ninfo: {title: R, version: '1'}\npaths:\n  $ref: './dense.yaml#/paths'\n",
      'broken.spectral.yaml': 'extends: ["./does-not-exist.yaml"]\n',
      'wrong-option.spectral.mjs': "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\nexport default createIntegrationRuleset({ 'rest-max-nesting': { max: 'four' } });\n",
    });
    const one = { SPECTRAL_INTEGRATION_THREADS: '1' };
    const plan: [string, Record<string, string>, Record<string, string>?][] = [
      ['timeout', { files: 'slow.yaml\nnormal.yaml', 'document-timeout': '1' }, one],
      ['memory', { files: 'dense.yaml\nnormal.yaml', 'max-memory': '128', 'document-timeout': '120' }, one],
      ['size', { files: 'dense.yaml\nnormal.yaml\nrefs-dense.yaml', 'max-document-size': '1MB' }],
      ['broken-ruleset', { files: 'normal.yaml', ruleset: 'broken.spectral.yaml' }],
      ['wrong-option', { files: 'normal.yaml', ruleset: 'wrong-option.spectral.mjs' }],
      ['wrong-input', { files: 'normal.yaml', 'document-timeout': 'soon' }],
      ['allow-remote', { files: 'remote.yaml\nnormal.yaml', 'allow-remote-refs': 'true' }],
    ];
    // Two at a time (two cores).
    for (let i = 0; i < plan.length; i += 2) {
      const batch = plan.slice(i, i + 2);
      const out = await Promise.all(
        batch.map(([, inputs, env]) => runAction(repo, { node, inputs: { 'fail-severity': 'never', ...inputs }, env, rawResults: true, timeoutMs: 120_000 })),
      );
      batch.forEach(([name], k) => results.set(name, out[k]));
    }
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    repo?.cleanup();
  });

  const known = new Set([NORMAL_FILE, 'slow.yaml', 'dense.yaml', 'refs-dense.yaml', 'remote.yaml', 'broken.spectral.yaml', 'wrong-option.spectral.mjs']);

  it('document-timeout: the slow document is stopped and named; a new worker lints the rest', () => {
    const r = results.get('timeout') as RunResult;
    expectClean(r, known);
    expect(r.code).toBe(1);
    expect(failureOf(r, 'slow.yaml')).toMatch(/^slow\.yaml: stopped: linting it took longer than document-timeout \(1 s\)\. Raise document-timeout/);
    expect(normalReported(r.results)).toBe(true);
  });

  it('max-memory: the document that needs more heap is stopped and named; a new worker lints the rest', () => {
    const r = results.get('memory') as RunResult;
    expectClean(r, known);
    expect(r.code).toBe(1);
    expect(failureOf(r, 'dense.yaml')).toMatch(/^dense\.yaml: stopped: linting it needed more memory than max-memory \(128 MB .*\)\. Raise max-memory/);
    expect(normalReported(r.results)).toBe(true);
  });

  it('max-document-size: a larger document is skipped with the size, the limit and how to raise it', () => {
    const r = results.get('size') as RunResult;
    expectClean(r, known);
    expect(failureOf(r, 'dense.yaml')).toMatch(/^dense\.yaml: skipped: the file is [\d.]+ MB, larger than max-document-size \(1 MB\)\. Raise max-document-size/);
    // A file read through a $ref is capped too: an invalid-ref at the $ref.
    const viaRef = r.results.find((x: Raw) => x.file === 'refs-dense.yaml') as Raw;
    expect(viaRef.results.find((x) => x.code === 'invalid-ref')?.message).toMatch(/^Refused to read ".*dense\.yaml": it is [\d.]+ MB, larger than max-document-size \(1 MB\)/);
    expect(normalReported(r.results)).toBe(true);
  });

  it('a ruleset that fails to load: one failure naming the ruleset file, no stack trace', () => {
    const r = results.get('broken-ruleset') as RunResult;
    expectClean(r, known);
    expect(r.code).toBe(1);
    expect(failureOf(r, 'broken.spectral.yaml')).toMatch(/could not load ruleset broken\.spectral\.yaml: .*does-not-exist\.yaml/);
  });

  it('an option of the wrong type: one failure naming the ruleset and the rule', () => {
    const r = results.get('wrong-option') as RunResult;
    expectClean(r, known);
    expect(r.code).toBe(1);
    expect(failureOf(r, 'wrong-option.spectral.mjs')).toMatch(/rest-max-nesting/);
  });

  it('an action input of the wrong type: a failed step naming the input and the accepted values', () => {
    const r = results.get('wrong-input') as RunResult;
    expectClean(r, known);
    expect(r.code).toBe(1);
    expect(r.commands.find((c) => c.command === 'error')?.message).toMatch(/^input "document-timeout" must be a number of seconds .*; got "soon"\.$/);
  });

  it('allow-remote-refs: true fetches the $ref (so the refusal above is what keeps requests at zero)', () => {
    const r = results.get('allow-remote') as RunResult;
    expectClean(r, known);
    expect(server.requests.map((q) => q.url)).toEqual(['/r.yaml']);
    expect(r.results.find((x: Raw) => x.file === 'remote.yaml').results.filter((x: any) => x.code === 'invalid-ref')).toEqual([]);
    expect(normalReported(r.results)).toBe(true);
  });
});
