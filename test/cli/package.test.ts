/**
 * The package as users get it: `npm pack`, installed into an empty project next to the real
 * @stoplight/spectral-cli, then used the three ways users use it. Every CLI run is made with
 * networking disabled (test/support/no-network.cjs logs and refuses any connection).
 */
import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, REPO_ROOT } from '../support/paths';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const cliVersion = JSON.parse(
  readFileSync(join(REPO_ROOT, 'node_modules/@stoplight/spectral-cli/package.json'), 'utf8'),
).version as string;

let work: string;
let project: string;
let netLog: string;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
}

interface LintResult {
  code: string;
  path: string[];
  severity: number;
  message: string;
  source: string;
  range: { start: { line: number } };
}

/** Runs `spectral lint --format json` in the temp project without network access. */
function lint(files: string[], ruleset?: string): { status: number | null; results: LintResult[]; stderr: string; stdout: string } {
  const args = ['lint', '--format', 'json', '--quiet', ...(ruleset ? ['--ruleset', ruleset] : []), ...files];
  const res = run(join(project, 'node_modules/.bin/spectral'), args, project, {
    NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test/support/no-network.cjs')}`,
    NO_NET_LOG: netLog,
  });
  let results: LintResult[] = [];
  const out = res.stdout.trim();
  if (out.startsWith('[')) results = JSON.parse(out);
  return { status: res.status, results, stderr: res.stderr, stdout: res.stdout };
}

const SWAGGER = 'swagger: "2.0"\ninfo: {title: Legacy, version: "1"}\npaths: {}\n';
const OPENAPI = 'openapi: 3.1.0\ninfo: {title: Modern, version: "1"}\npaths: {}\n';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sir-pack-'));
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], REPO_ROOT); // lib/ is built by the global setup
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const installed = run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball!), `@stoplight/spectral-cli@${cliVersion}`],
    project,
  );
  expect(installed.status, installed.stderr).toBe(0);
  writeFileSync(join(project, 'legacy.yaml'), SWAGGER);
  writeFileSync(join(project, 'modern.yaml'), OPENAPI);
  mkdirSync(join(project, 'old'));
  writeFileSync(join(project, 'old', 'legacy.yaml'), SWAGGER);
  netLog = join(work, 'network.log');
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function expectNoNetwork() {
  const attempts = existsSync(netLog) ? readFileSync(netLog, 'utf8').trim() : '';
  expect(attempts, 'network requests made while linting').toBe('');
}

describe('installed from the npm pack tarball', () => {
  it('ships the built entry points, schemas and docs, not the sources', () => {
    const root = join(project, 'node_modules', pkg.name);
    for (const f of ['lib/index.js', 'lib/index.mjs', 'lib/index.d.ts', 'lib/standards.js', 'lib/functions.js', 'docs/rules.md', 'package.json']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    expect(existsSync(join(root, 'rulesets'))).toBe(false);
    expect(readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
  });

  it('`extends: ["spectral-integration-ruleset"]` in .spectral.yaml works offline', () => {
    writeFileSync(join(project, '.spectral.yaml'), 'extends: ["spectral-integration-ruleset"]\n');
    const { results, status, stderr } = lint(['legacy.yaml', 'modern.yaml'], '.spectral.yaml');
    expect(status, stderr).toBe(0); // warnings only
    const own = results.filter((r) => r.code === 'rest-openapi-3');
    expect(own).toHaveLength(1);
    expect(own[0].source).toMatch(/legacy\.yaml$/);
    expect(own[0].path).toEqual(['swagger']);
    expect(own[0].severity).toBe(1);
    expectNoNetwork();
  });

  it('every preset and domain entry point loads through `extends`', () => {
    // Spectral's YAML migrator only treats `pkg/sub` as a package when every part is a valid
    // new npm name, and `events` is a Node.js core module name: YAML rulesets use
    // `spectral-integration-ruleset/events.js` (README), JavaScript rulesets either form.
    for (const entry of ['standards', 'rest', 'rate-limits', 'idempotency', 'webhooks', 'events.js', 'resilience']) {
      writeFileSync(join(project, `.spectral-${entry}.yaml`), `extends: ["spectral-integration-ruleset/${entry}"]\n`);
      const { status, stderr, stdout } = lint(['modern.yaml'], `.spectral-${entry}.yaml`);
      expect([0, 1], `${entry}: ${stderr}${stdout}`).toContain(status);
    }
    expectNoNetwork();
  });

  it('severity override, turning a rule off, and `overrides` by file in YAML', () => {
    writeFileSync(
      join(project, '.spectral-custom.yaml'),
      [
        'extends: ["spectral-integration-ruleset"]',
        'rules:',
        '  rest-openapi-3: error',
        'overrides:',
        '  - files: ["old/**"]',
        '    rules:',
        '      rest-openapi-3: off',
        '',
      ].join('\n'),
    );
    const { results, status } = lint(['legacy.yaml', 'old/legacy.yaml'], '.spectral-custom.yaml');
    const own = results.filter((r) => r.code === 'rest-openapi-3');
    expect(own.map((r) => r.source.replace(/.*[\\/]project[\\/]/, ''))).toEqual(['legacy.yaml']);
    expect(own[0].severity).toBe(0);
    expect(status).toBe(1);

    writeFileSync(join(project, '.spectral-off.yaml'), 'extends: ["spectral-integration-ruleset"]\nrules:\n  rest-openapi-3: off\n');
    expect(lint(['legacy.yaml'], '.spectral-off.yaml').results.filter((r) => r.code === 'rest-openapi-3')).toEqual([]);
    expectNoNetwork();
  });

  it('.spectral.mjs with createIntegrationRuleset and non-default options', () => {
    writeFileSync(
      join(project, 'custom.spectral.mjs'),
      [
        "import { createIntegrationRuleset } from 'spectral-integration-ruleset';",
        "import events from 'spectral-integration-ruleset/events';",
        "export default { extends: [createIntegrationRuleset({ domains: ['rest'], 'rest-openapi-3': 'error' }), events] };",
        '',
      ].join('\n'),
    );
    const { results, status, stderr } = lint(['legacy.yaml'], 'custom.spectral.mjs');
    expect(status, stderr).toBe(1);
    const own = results.filter((r) => r.code === 'rest-openapi-3');
    expect(own).toHaveLength(1);
    expect(own[0].severity).toBe(0);
    expectNoNetwork();
  });

  it('.spectral.cjs with require()', () => {
    writeFileSync(
      join(project, 'custom.spectral.cjs'),
      "const ruleset = require('spectral-integration-ruleset');\nmodule.exports = { extends: [ruleset] };\n",
    );
    const { results } = lint(['legacy.yaml'], 'custom.spectral.cjs');
    expect(results.filter((r) => r.code === 'rest-openapi-3')).toHaveLength(1);
  });

  it('a bad option is a clear error when the ruleset loads', () => {
    writeFileSync(
      join(project, 'bad.spectral.mjs'),
      "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\nexport default createIntegrationRuleset({ 'rest-max-nesting': { max: 'three' } });\n",
    );
    const { status, stdout, stderr } = lint(['modern.yaml'], 'bad.spectral.mjs');
    expect(status).toBe(2);
    expect(stdout + stderr).toMatch(/invalid options for rule "rest-max-nesting"/);
    writeFileSync(
      join(project, 'typo.spectral.mjs'),
      "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\nexport default createIntegrationRuleset({ 'rest-max-nestin': { max: 2 } });\n",
    );
    const typo = lint(['modern.yaml'], 'typo.spectral.mjs');
    expect(typo.status).toBe(2);
    expect(typo.stdout + typo.stderr).toMatch(/unknown option "rest-max-nestin"/);
  });

  it('CommonJS and ESM consumers both load every entry point, and @stoplight/spectral-core runs it', () => {
    const entries = ['', '/standards', '/rest', '/rate-limits', '/idempotency', '/webhooks', '/events', '/resilience'];
    const cjs = `
      const { Spectral, Document } = require('@stoplight/spectral-core');
      const { Yaml } = require('@stoplight/spectral-parsers');
      const names = ${JSON.stringify(entries)};
      const counts = names.map((e) => Object.keys(require('spectral-integration-ruleset' + e).rules).length);
      const fns = require('spectral-integration-ruleset/functions');
      const { createIntegrationRuleset } = require('spectral-integration-ruleset');
      const s = new Spectral();
      s.setRuleset(createIntegrationRuleset({ 'rest-openapi-3': 'error' }));
      s.run(new Document(${JSON.stringify(SWAGGER)}, Yaml, 'legacy.yaml')).then((r) => {
        console.log(JSON.stringify({ counts, fns: typeof fns.parseDuration, codes: r.map((x) => x.code + ':' + x.severity) }));
      });
    `;
    const esm = `
      import core from '@stoplight/spectral-core';
      import parsers from '@stoplight/spectral-parsers';
      const { Spectral, Document } = core;
      const { Yaml } = parsers;
      import ruleset, { createIntegrationRuleset } from 'spectral-integration-ruleset';
      import standards from 'spectral-integration-ruleset/standards';
      import { parseDuration } from 'spectral-integration-ruleset/functions';
      const s = new Spectral();
      s.setRuleset(ruleset);
      const r = await s.run(new Document(${JSON.stringify(SWAGGER)}, Yaml, 'legacy.yaml'));
      console.log(JSON.stringify({ same: Object.keys(ruleset.rules).length === Object.keys(standards.rules).length, create: typeof createIntegrationRuleset, d: parseDuration('14d'), codes: r.map((x) => x.code) }));
    `;
    writeFileSync(join(project, 'consumer.cjs'), cjs);
    writeFileSync(join(project, 'consumer.mjs'), esm);
    const a = run(process.execPath, ['consumer.cjs'], project);
    expect(a.status, a.stderr).toBe(0);
    const outA = JSON.parse(a.stdout);
    expect(outA.counts.every((n: number) => n > 0)).toBe(true);
    expect(outA.fns).toBe('function');
    expect(outA.codes).toContain('rest-openapi-3:0');
    const b = run(process.execPath, ['consumer.mjs'], project);
    expect(b.status, b.stderr).toBe(0);
    const outB = JSON.parse(b.stdout);
    expect(outB).toMatchObject({ same: true, create: 'function', d: 14 * 86_400_000 });
    expect(outB.codes).toContain('rest-openapi-3');
  });

  it('TypeScript consumers get typed options (strict, NodeNext)', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, skipLibCheck: false, types: [] }, files: ['typed.mts', 'typed.cts'] }),
    );
    writeFileSync(
      join(project, 'typed.mts'),
      "import ruleset, { createIntegrationRuleset } from 'spectral-integration-ruleset';\nimport { parseDuration } from 'spectral-integration-ruleset/functions';\nconst r = createIntegrationRuleset({ errorFormat: 'problem-json', 'rest-max-nesting': { max: 4 } });\nconst n: number | undefined = parseDuration('30s');\nexport const ids: string[] = [...Object.keys(r.rules), ...Object.keys(ruleset.rules), String(n)];\n",
    );
    writeFileSync(
      join(project, 'typed.cts'),
      "import ruleset = require('spectral-integration-ruleset');\nexport const x = ruleset.createIntegrationRuleset({ domains: ['rest'] }).rules;\n",
    );
    const tsc = run(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    writeFileSync(
      join(project, 'typed.mts'),
      "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\ncreateIntegrationRuleset({ errorFormat: 'xml' });\n",
    );
    const bad = run(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/xml/);
  });

  it('`--resolver …/lib/resolver.js`: no request to a remote $ref, no file outside the folder (unless allowed)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'application/yaml');
      res.end('type: object\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as AddressInfo).port;
      writeFileSync(
        join(project, 'remote.yaml'),
        `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Remote: {$ref: "http://127.0.0.1:${port}/schema.yaml"}\n    Outside: {$ref: "../outside.yaml"}\n`,
      );
      writeFileSync(join(work, 'outside.yaml'), 'type: object\n');
      const resolver = join('node_modules', pkg.name, 'lib', 'resolver.js');
      const spectral = join(project, 'node_modules/.bin/spectral');
      const args = ['lint', '--format', 'json', '--quiet', '--ruleset', '.spectral.yaml', '--resolver', resolver, 'remote.yaml'];
      const refused = await new Promise<{ stdout: string }>((done) => {
        execFile(spectral, args, { cwd: project }, (_e, stdout) => done({ stdout }));
      });
      const results = JSON.parse(refused.stdout) as LintResult[];
      const refs = results.filter((r) => r.code === 'invalid-ref').map((r) => r.message);
      expect(refs.some((m) => /Refused to fetch "http:\/\/127\.0\.0\.1/.test(m))).toBe(true);
      expect(refs.some((m) => /Refused to read ".*outside\.yaml": it is outside/.test(m))).toBe(true);
      expect(requests).toBe(0);
      await new Promise<void>((done) => {
        execFile(spectral, args, { cwd: project, env: { ...process.env, SPECTRAL_ALLOW_REMOTE_REFS: 'true' } }, () => done());
      });
      expect(requests).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('`--resolver …/lib/resolver.js` (the fast engine) gives exactly the results of Spectral\'s own resolver', () => {
    // $refs across folders, a cycle, a missing file; and a corpus document with 1,000+ $refs.
    cpSync(join(REPO_ROOT, 'fixtures', 'action', 'multifile-malformed-refs'), join(project, 'multifile'), { recursive: true });
    cpSync(join(corpusDir('openapi'), 'box-platform.json'), join(project, 'multifile', 'box.json'));
    const resolver = join('..', 'node_modules', pkg.name, 'lib', 'resolver.js');
    const spectral = join(project, 'node_modules/.bin/spectral');
    const cwd = join(project, 'multifile');
    for (const doc of ['openapi.yaml', 'box.json']) {
      const args = ['lint', '--format', 'json', '--quiet', '--ruleset', '../.spectral.yaml', doc];
      const own = run(spectral, args, cwd);
      const fast = run(spectral, [...args.slice(0, -1), '--resolver', resolver, doc], cwd);
      expect(fast.stderr).toBe(own.stderr);
      expect(fast.status).toBe(own.status);
      const results = JSON.parse(own.stdout) as LintResult[];
      expect(results.length).toBeGreaterThan(doc === 'box.json' ? 100 : 0);
      expect(JSON.parse(fast.stdout)).toEqual(results);
      if (doc === 'openapi.yaml') expect(results.some((r) => r.code === 'invalid-ref' && /does-not-exist\.yaml/.test(r.message))).toBe(true);
    }
  });

  it('the `spectral-integration-ruleset` command (catalog, spec) runs from the installed package', () => {
    const bin = join(project, 'node_modules', '.bin', 'spectral-integration-ruleset');
    const fixtures = join(REPO_ROOT, 'fixtures', 'catalog');
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).map((f) => join(fixtures, f));
    const catalog = run(bin, ['catalog', '--format', 'json', ...files], project);
    expect(catalog.status, catalog.stderr).toBe(0);
    const parsed = JSON.parse(catalog.stdout) as { events: { name: string }[] };
    expect(parsed.events.map((e) => e.name)).toContain('OrderPlaced');
    const spec = run(bin, ['spec', ...files], project);
    expect(spec.status, spec.stderr).toBe(0);
    expect(spec.stdout).toContain('```mermaid');
    const help = run(bin, ['--help'], project);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/catalog/);
    const usage = run(bin, ['nonsense'], project);
    expect(usage.status).toBe(2);
  });
});

