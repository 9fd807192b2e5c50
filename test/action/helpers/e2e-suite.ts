/**
 * End-to-end suite: the bundled dist/index.js, as GitHub's runner runs it, in temporary git
 * repositories with a base and a head commit. Defined once, run by run-node20.test.ts and
 * run-node24.test.ts (two files, so the two runtimes use both cores).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annotations,
  pullRequestEvent,
  REPO_ROOT,
  requireDist,
  runAction,
  runtimes,
  startServer,
  TempRepo,
  type LocalServer,
  type NodeRuntime,
  type RunResult,
} from './harness';
import { validateSarif } from './sarif-schema';

const TINY = readFileSync(join(REPO_ROOT, 'fixtures', 'action', 'tiny-ruleset.yaml'), 'utf8');

/** An OpenAPI document; each path is [name, hasSummary, comment-on-get-line?]. */
function doc(paths: [string, boolean, string?][], contact = true): string {
  const lines = ['openapi: 3.0.3', 'info:', '  title: Test', '  version: 1.0.0'];
  if (contact) lines.push('  contact:', '    name: API team');
  lines.push('paths:');
  for (const [name, summary, comment] of paths) {
    lines.push(`  /${name}:`, `    get:${comment ? '  # ' + comment : ''}`);
    if (summary) lines.push(`      summary: Get ${name}`);
    lines.push('      responses:', "        '200':", '          description: ok');
  }
  return lines.join('\n') + '\n';
}


function byFileAndLine(result: RunResult): string[] {
  return annotations(result)
    .map((a) => `${a.file}:${a.line}:${a.title}`)
    .sort();
}

function expectValidSarif(result: RunResult): void {
  expect(result.sarif, 'SARIF file written').toBeDefined();
  expect(validateSarif(result.sarif)).toEqual([]);
}

export function defineEndToEndSuite(runtime: 'node20' | 'node24'): void {
  describe(`dist/index.js on ${runtime}`, () => {
    let selected: NodeRuntime | undefined;
    beforeAll(() => {
      requireDist();
      selected = runtimes().find((n) => n.name === runtime);
    }, 300_000);
    const node = () => selected as NodeRuntime;

    describe('report modes on a pull request', () => {
      let repo: TempRepo;
      let base: string;
      let head: string;
      beforeAll(() => {
        repo = new TempRepo({
          '.spectral.yaml': TINY,
          'api/a.yaml': doc([
            ['pets', true],
            ['owners', false],
            ['legacy', false],
          ]),
          'api/b.yaml': doc([['stores', false]]),
          'README.md': '# test\n',
        });
        base = repo.commit();
        head = repo.commit({
          // owners moves to the top (moved code: same fingerprint, other lines), toys is new.
          'api/a.yaml': doc([
            ['owners', false, 'moved'],
            ['pets', true],
            ['legacy', false],
            ['toys', false],
          ]),
          'api/c.yaml': doc([['cats', false]]),
        });
      });
      afterAll(() => repo.cleanup());

      const run = (report?: string) =>
        runAction(repo, {
          node: node(),
          eventName: 'pull_request',
          event: pullRequestEvent(base, head),
          inputs: report ? { report, 'fail-severity': 'never' } : { 'fail-severity': 'never' },
        });

      it('new (the default on pull requests): only findings absent from the base; moved code is not new', async () => {
        const result = await run();
        expect(result.code, result.stderr + result.stdout).toBe(0);
        expect(byFileAndLine(result)).toEqual(['api/a.yaml:25:operation-summary', 'api/c.yaml:9:operation-summary']);
        expect(result.outputs['new-findings']).toBe('2');
        expect(result.outputs.warnings).toBe('2');
        expect(result.outputs['files-linted']).toBe('3');
        expect(result.outputs.result).toBe('success');
        expectValidSarif(result);
        expect(result.sarif.runs[0].results).toHaveLength(2);
        expect(result.summary).toContain('operation-summary');
      });

      it('changed-lines: findings on lines the pull request added or changed', async () => {
        const result = await run('changed-lines');
        expect(result.code).toBe(0);
        expect(byFileAndLine(result)).toEqual(['api/a.yaml:25:operation-summary', 'api/a.yaml:9:operation-summary', 'api/c.yaml:9:operation-summary']);
      });

      it('changed-files: findings in files the pull request changed', async () => {
        const result = await run('changed-files');
        expect(result.code).toBe(0);
        expect(byFileAndLine(result)).toEqual([
          'api/a.yaml:20:operation-summary',
          'api/a.yaml:25:operation-summary',
          'api/a.yaml:9:operation-summary',
          'api/c.yaml:9:operation-summary',
        ]);
      });

      it('all: every finding', async () => {
        const result = await run('all');
        expect(result.code).toBe(0);
        expect(byFileAndLine(result)).toHaveLength(5);
        expect(byFileAndLine(result)).toContain('api/b.yaml:9:operation-summary');
        expect(result.outputs.warnings).toBe('5');
      });

      it('annotations carry the rule id as title and 1-based line/column ranges', async () => {
        const result = await run('all');
        const c = result.commands.find((x) => x.properties.file === 'api/c.yaml');
        expect(c?.command).toBe('warning');
        expect(c?.properties).toMatchObject({ title: 'operation-summary', line: '9', endLine: '12' });
        expect(c?.message).toContain('Operation has no summary');
      });
    });

    it('a finding inside a $ref\'d file carries that file; changing only that file makes it new', async () => {
      const root = ['openapi: 3.0.3', 'info: { title: T, version: "1", contact: { name: x } }', 'paths:', '  /pets:', '    $ref: "./ops/pets.yaml"', ''].join('\n');
      const repo = new TempRepo({
        '.spectral.yaml': TINY,
        'openapi.yaml': root,
        'ops/pets.yaml': 'get:\n  summary: List\n  responses:\n    "200":\n      description: ok\n',
      });
      try {
        const base = repo.commit();
        const head = repo.commit({ 'ops/pets.yaml': 'get:\n  responses:\n    "200":\n      description: ok\npost:\n  responses:\n    "201":\n      description: created\n' });
        const result = await runAction(repo, { node: node(), eventName: 'pull_request', event: pullRequestEvent(base, head), inputs: { 'fail-severity': 'never' } });
        expect(result.code, result.stdout).toBe(0);
        expect(byFileAndLine(result)).toEqual(['ops/pets.yaml:1:operation-summary', 'ops/pets.yaml:5:operation-summary']);
        expect(result.outputs['files-linted']).toBe('1');
        expectValidSarif(result);
        expect(result.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['ops/pets.yaml', 'ops/pets.yaml']);
      } finally {
        repo.cleanup();
      }
    });

    it('report: new fetches the base commit when the checkout lacks it (shallow clone)', async () => {
      const origin = new TempRepo({ '.spectral.yaml': TINY, 'openapi.yaml': doc([['pets', false]]) }, 'origin');
      try {
        origin.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
        const base = origin.commit();
        const head = origin.commit({ 'openapi.yaml': doc([['pets', false], ['toys', false]]) });
        const clone = new TempRepo({}, 'clone');
        try {
          clone.git('remote', 'add', 'origin', `file://${origin.dir}`);
          clone.git('fetch', '-q', '--depth=1', 'origin', head);
          clone.git('checkout', '-q', '--detach', head);
          expect(() => clone.git('cat-file', '-e', `${base}^{commit}`)).toThrow();
          const result = await runAction(clone, { node: node(), eventName: 'pull_request', event: pullRequestEvent(base, head), inputs: { 'fail-severity': 'never' } });
          expect(result.code, result.stdout + result.stderr).toBe(0);
          expect(result.stdout).toContain(`git fetch --no-tags --depth=1 origin ${base}`);
          expect(byFileAndLine(result)).toEqual(['openapi.yaml:14:operation-summary']);
        } finally {
          clone.cleanup();
        }
      } finally {
        origin.cleanup();
      }
    });

    describe('fail-severity', () => {
      let repo: TempRepo;
      beforeAll(() => {
        repo = new TempRepo({
          '.spectral.yaml': [
            'formats: ["oas3"]',
            'rules:',
            '  w-rule: { given: "$.info", severity: warn, then: { field: x-warn, function: truthy } }',
            '  i-rule: { given: "$.info", severity: info, then: { field: x-info, function: truthy } }',
            '',
          ].join('\n'),
          'openapi.yaml': doc([['pets', true]]),
        });
        repo.commit();
      });
      afterAll(() => repo.cleanup());

      for (const [failSeverity, fails] of [
        ['error', false],
        ['warn', true],
        ['info', true],
        ['hint', true],
        ['never', false],
      ] as const) {
        it(`${failSeverity}: ${fails ? 'fails' : 'passes'} with one warn and one info finding`, async () => {
          const result = await runAction(repo, { node: node(), inputs: { 'fail-severity': failSeverity } });
          expect(result.code, result.stdout).toBe(fails ? 1 : 0);
          expect(result.outputs.result).toBe(fails ? 'failure' : 'success');
          expect(result.outputs.warnings).toBe('1');
          expect(result.outputs.infos).toBe('1');
          expect(result.outputs.errors).toBe('0');
          const error = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          if (fails) expect(error?.message).toContain(`fail-severity "${failSeverity}"`);
          else expect(error).toBeUndefined();
        });
      }

      it('info passes when the only finding is a hint; hint fails', async () => {
        const hints = new TempRepo({
          '.spectral.yaml': 'formats: ["oas3"]\nrules:\n  h-rule: { given: "$.info", severity: hint, then: { field: x-hint, function: truthy } }\n',
          'openapi.yaml': doc([['pets', true]]),
        });
        try {
          hints.commit();
          const info = await runAction(hints, { node: node(), inputs: { 'fail-severity': 'info' } });
          expect(info.code).toBe(0);
          expect(info.outputs.hints).toBe('1');
          const hint = await runAction(hints, { node: node(), inputs: { 'fail-severity': 'hint' } });
          expect(hint.code).toBe(1);
        } finally {
          hints.cleanup();
        }
      });
    });

    describe('load failures fail the step with a message naming the file', () => {
      it('a document with broken YAML', async () => {
        const repo = new TempRepo({ '.spectral.yaml': TINY, 'good.yaml': doc([['pets', true]]), 'broken.yaml': 'openapi: 3.0.3\ninfo: [unclosed\n  title: x\n' });
        try {
          repo.commit();
          const result = await runAction(repo, { node: node(), inputs: { files: '*.yaml', 'fail-severity': 'never' } });
          expect(result.code).toBe(1);
          expect(result.outputs.result).toBe('failure');
          const failed = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          expect(failed?.message).toMatch(/broken\.yaml cannot be parsed/);
          expect(annotations(result).some((a) => a.file === 'broken.yaml' && a.level === 'error')).toBe(true);
        } finally {
          repo.cleanup();
        }
      });

      it('a ruleset input naming a missing file', async () => {
        const repo = new TempRepo({ 'openapi.yaml': doc([['pets', true]]) });
        try {
          repo.commit();
          const result = await runAction(repo, { node: node(), inputs: { ruleset: 'config/missing.yaml' } });
          expect(result.code).toBe(1);
          const failed = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          expect(failed?.message).toContain('config/missing.yaml does not exist');
          expect(failed?.message).toContain('"ruleset" input');
          expect(result.outputs.result).toBe('failure');
        } finally {
          repo.cleanup();
        }
      });

      it('an invalid ruleset (unknown function)', async () => {
        const repo = new TempRepo({
          '.spectral.yaml': 'rules:\n  bad: { given: "$", then: { function: noSuchFunction } }\n',
          'openapi.yaml': doc([['pets', true]]),
        });
        try {
          repo.commit();
          const result = await runAction(repo, { node: node() });
          expect(result.code).toBe(1);
          const failed = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          expect(failed?.message).toMatch(/\.spectral\.yaml/);
        } finally {
          repo.cleanup();
        }
      });
    });

    describe('$refs outside the workspace and remote $refs', () => {
      let server: LocalServer;
      let repo: TempRepo;
      beforeAll(async () => {
        server = await startServer(() => ({ status: 200, body: 'type: object\nproperties:\n  id:\n    type: integer\n', contentType: 'application/yaml' }));
        repo = new TempRepo({
          '.spectral.yaml': TINY,
          'openapi.yaml': [
            'openapi: 3.0.3',
            'info: { title: T, version: "1", contact: { name: x } }',
            'paths: {}',
            'components:',
            '  schemas:',
            `    Remote: { $ref: "${'URL'}/schema.yaml" }`,
            '    Outside: { $ref: "../outside.yaml" }',
            '',
          ].join('\n'),
        });
        repo.write({ '../outside.yaml': 'type: string\n' });
      });
      afterAll(async () => {
        repo.cleanup();
        await server.close();
      });
      const prepare = () => {
        repo.write({ 'openapi.yaml': readFileSync(join(repo.dir, 'openapi.yaml'), 'utf8').replace(/"[^"]*\/schema\.yaml"/, `"${server.url}/schema.yaml"`) });
        repo.commit();
      };

      it('are refused by default: invalid-ref findings, and no request is made', async () => {
        prepare();
        const before = server.requests.length;
        const result = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(server.requests.length).toBe(before);
        const refs = annotations(result).filter((a) => a.title === 'invalid-ref');
        expect(refs).toHaveLength(2);
        expect(refs.map((r) => r.message).join('\n')).toMatch(/Refused to fetch "http:\/\/127\.0\.0\.1:\d+\/schema\.yaml": remote \$refs are disabled/);
        expect(refs.map((r) => r.message).join('\n')).toMatch(/Refused to read ".*outside\.yaml": it is outside the workspace/);
        expect(refs.every((r) => r.file === 'openapi.yaml')).toBe(true);
      });

      it('are followed with allow-remote-refs: true', async () => {
        prepare();
        const before = server.requests.length;
        const result = await runAction(repo, { node: node(), inputs: { 'allow-remote-refs': 'true' } });
        expect(result.code, result.stdout).toBe(0);
        expect(server.requests.length).toBe(before + 1);
        expect(server.requests[server.requests.length - 1].url).toBe('/schema.yaml');
        expect(annotations(result).filter((a) => a.title === 'invalid-ref')).toEqual([]);
      });
    });

    describe('pull_request_target', () => {
      it('refuses a JavaScript ruleset from the checkout, explaining why', async () => {
        const repo = new TempRepo({ '.spectral.mjs': "import { truthy } from '@stoplight/spectral-functions';\nexport default { rules: { 'has-info': { given: '$', then: { field: 'info', function: truthy } } } };\n", 'openapi.yaml': doc([['pets', true]]) });
        try {
          const sha = repo.commit();
          const result = await runAction(repo, { node: node(), eventName: 'pull_request_target', event: pullRequestEvent(sha, sha), inputs: { report: 'all' } });
          expect(result.code).toBe(1);
          const failed = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          expect(failed?.message).toContain('.spectral.mjs');
          expect(failed?.message).toContain('pull_request_target');
          expect(failed?.message).toMatch(/write token|secrets/);
          // The same ruleset works on pull_request.
          const ok = await runAction(repo, { node: node(), eventName: 'pull_request', event: pullRequestEvent(sha, sha), inputs: { report: 'all' } });
          expect(ok.code, ok.stdout).toBe(0);
        } finally {
          repo.cleanup();
        }
      });

      it('refuses custom JavaScript functions of a YAML ruleset too', async () => {
        const repo = new TempRepo({
          '.spectral.yaml': 'functions: [mine]\nrules:\n  r: { given: "$", then: { function: mine } }\n',
          'functions/mine.js': 'module.exports = () => [];\n',
          'openapi.yaml': doc([['pets', true]]),
        });
        try {
          const sha = repo.commit();
          const result = await runAction(repo, { node: node(), eventName: 'pull_request_target', event: pullRequestEvent(sha, sha) });
          expect(result.code).toBe(1);
          const failed = result.commands.find((c) => c.command === 'error' && !c.properties.file);
          expect(failed?.message).toContain('functions/mine.js');
          expect(failed?.message).toContain('pull_request_target');
        } finally {
          repo.cleanup();
        }
      });
    });

    it('shards: stable, disjoint, covering; each with its own SARIF category', async () => {
      const files: Record<string, string> = { '.spectral.yaml': TINY };
      for (let i = 0; i < 12; i++) files[`apis/svc-${i}/openapi.yaml`] = doc([[`r${i}`, false]]);
      const repo = new TempRepo(files);
      try {
        repo.commit();
        const linted: string[][] = [];
        for (const k of [1, 2, 3]) {
          const result = await runAction(repo, { node: node(), inputs: { shard: `${k}/3`, 'fail-severity': 'never' } });
          expect(result.code).toBe(0);
          const own = [...new Set(annotations(result).map((a) => a.file))].sort();
          expect(Number(result.outputs['files-linted'])).toBe(own.length);
          expect(result.sarif.runs[0].automationDetails.id).toBe(`spectral-integration-ruleset/shard-${k}-of-3/`);
          expectValidSarif(result);
          linted.push(own);
        }
        const all = linted.flat();
        expect(new Set(all).size).toBe(all.length); // disjoint
        expect(all.length).toBe(12); // covering
        const again = await runAction(repo, { node: node(), inputs: { shard: '2/3', 'fail-severity': 'never' } });
        expect([...new Set(annotations(again).map((a) => a.file))].sort()).toEqual(linted[1]); // stable
      } finally {
        repo.cleanup();
      }
    });

    it('working-directory: its documents and ruleset; paths relative to the repository root', async () => {
      const repo = new TempRepo({
        'services/orders/.spectral.yaml': TINY,
        'services/orders/api/openapi.yaml': doc([['orders', false]]),
        'services/users/openapi.yaml': doc([['users', false]]),
        'openapi.yaml': doc([['root', false]]),
      });
      try {
        repo.commit();
        const result = await runAction(repo, { node: node(), inputs: { 'working-directory': 'services/orders', 'fail-severity': 'never' } });
        expect(result.code, result.stdout).toBe(0);
        expect(byFileAndLine(result)).toEqual(['services/orders/api/openapi.yaml:9:operation-summary']);
        expect(result.outputs['files-linted']).toBe('1');
        expectValidSarif(result);
        expect(result.sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('services/orders/api/openapi.yaml');
        expect(result.sarif.runs[0].automationDetails.id).toBe('spectral-integration-ruleset/services/orders/');
      } finally {
        repo.cleanup();
      }
    });

    it('a user .spectral.yaml extending spectral-integration-ruleset, with a severity override', async () => {
      const repo = new TempRepo({
        '.spectral.yaml': 'extends: ["spectral-integration-ruleset"]\nrules:\n  rest-openapi-3: error\n',
        'swagger.yaml': 'swagger: "2.0"\ninfo: { title: T, version: "1" }\npaths: {}\n',
      });
      try {
        repo.commit();
        const result = await runAction(repo, { node: node() });
        expect(result.code, result.stdout + result.stderr).toBe(1);
        const finding = annotations(result).find((a) => a.title === 'rest-openapi-3');
        expect(finding).toMatchObject({ level: 'error', file: 'swagger.yaml', line: 1 });
        expect(Number(result.outputs.errors)).toBeGreaterThanOrEqual(1);
        // The /standards subpath resolves to the bundled copy as well.
        repo.commit({ '.spectral.yaml': 'extends: ["spectral-integration-ruleset/standards"]\nrules:\n  rest-openapi-3: hint\n' });
        const standards = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(standards.code, standards.stdout).toBe(0);
        expect(result.sarif).toBeDefined();
        expect(standards.sarif.runs[0].results.find((r: any) => r.ruleId === 'rest-openapi-3')?.level).toBe('note');
      } finally {
        repo.cleanup();
      }
    });

    it('JavaScript rulesets get the bundled package as from node_modules (.cjs require, .mjs import, /events.js in YAML)', async () => {
      const swagger = 'swagger: "2.0"\ninfo: { title: T, version: "1" }\npaths: {}\n';
      const repo = new TempRepo({
        '.spectral.cjs':
          "const base = require('spectral-integration-ruleset');\nconst { createIntegrationRuleset } = require('spectral-integration-ruleset');\n" +
          "module.exports = { extends: [base, createIntegrationRuleset({ domains: ['rest'], 'rest-openapi-3': 'error' })] };\n",
        'swagger.yaml': swagger,
      });
      try {
        repo.commit();
        const cjs = await runAction(repo, { node: node() });
        expect(cjs.code, cjs.stdout + cjs.stderr).toBe(1);
        expect(annotations(cjs).find((a) => a.title === "rest-openapi-3"), cjs.stdout).toMatchObject({ level: 'error', file: 'swagger.yaml' });
        repo.commit({
          '.spectral.cjs': null,
          '.spectral.mjs':
            "import { createIntegrationRuleset } from 'spectral-integration-ruleset';\nimport events from 'spectral-integration-ruleset/events';\n" +
            "export default { extends: [events, createIntegrationRuleset({ domains: ['rest'], 'rest-openapi-3': 'hint' })] };\n",
        });
        const mjs = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(mjs.code, mjs.stdout + mjs.stderr).toBe(0);
        expect(mjs.sarif.runs[0].results.find((r: any) => r.ruleId === 'rest-openapi-3')?.level).toBe('note');
        repo.commit({ '.spectral.mjs': null, '.spectral.yaml': 'extends: ["spectral-integration-ruleset/events.js", "spectral-integration-ruleset/rest"]\n' });
        const yaml = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(yaml.code, yaml.stdout + yaml.stderr).toBe(0);
        expect(yaml.sarif.runs[0].results.some((r: any) => r.ruleId === 'rest-openapi-3')).toBe(true);
      } finally {
        repo.cleanup();
      }
    });

    it('default preset without a ruleset: lints, reports consistently, valid SARIF', async () => {
      const repo = new TempRepo({ 'openapi.yaml': doc([['pets', false]]), 'asyncapi.yaml': 'asyncapi: 2.6.0\ninfo: { title: T, version: "1" }\nchannels: {}\n', 'other.yaml': 'name: not an api\n' });
      try {
        repo.commit();
        const result = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(result.outputs['files-linted']).toBe('2');
        expect(result.stdout).toContain('built-in default preset');
        expectValidSarif(result);
        const total = ['errors', 'warnings', 'infos', 'hints'].reduce((n, k) => n + Number(result.outputs[k]), 0);
        expect(result.sarif.runs[0].results).toHaveLength(total);
      } finally {
        repo.cleanup();
      }
    });

    it('catalog: true appends the event catalog of the linted documents to the job summary', async () => {
      const events = readFileSync(join(REPO_ROOT, 'fixtures', 'catalog', 'order-service.asyncapi.yaml'), 'utf8');
      const repo = new TempRepo({ 'events/order-service.yaml': events, 'openapi.yaml': doc([['pets', false]]) });
      try {
        repo.commit();
        const withCatalog = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never', catalog: 'true' } });
        expect(withCatalog.code, withCatalog.stdout + withCatalog.stderr).toBe(0);
        expect(withCatalog.summary).toContain('## Event catalog');
        expect(withCatalog.summary).toContain('OrderPlaced');
        expect(withCatalog.summary).toContain('events/order-service.yaml');
        const without = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(without.summary).not.toContain('Event catalog');
      } finally {
        repo.cleanup();
      }
    });

    it('no finding text can inject workflow commands', async () => {
      const repo = new TempRepo({
        '.spectral.yaml': 'formats: ["oas3"]\nrules:\n  path-key: { given: "$.paths[*]~", message: "bad {{property}}", then: { function: pattern, functionOptions: { match: "^/[a-z]+$" } } }\n',
        'openapi.yaml': 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  "/x\\n::error file=evil.yaml::injected\\n::set-output name=result::success%0A": {}\n',
      });
      try {
        repo.commit();
        const result = await runAction(repo, { node: node(), inputs: { 'fail-severity': 'never' } });
        expect(result.code, result.stdout).toBe(0);
        expect(result.stdout.split('\n').filter((l) => l.includes('injected') && l.startsWith('::error file=evil.yaml'))).toEqual([]);
        expect(result.commands.filter((c) => c.command === 'set-output')).toEqual([]);
        const finding = annotations(result).find((a) => a.title === 'path-key');
        expect(finding?.message).toContain('injected');
      } finally {
        repo.cleanup();
      }
    });
  });
}

export function defineCheckRunSuite(): void {
describe('check runs (the real @actions/github client against a local API)', () => {
  let repo: TempRepo;
  let base: string;
  let head: string;
  let node20: NodeRuntime;
  beforeAll(() => {
    node20 = runtimes()[0];
    const many: [string, boolean][] = [];
    for (let i = 0; i < 60; i++) many.push([`r${i}`, false]);
    repo = new TempRepo({ '.spectral.yaml': TINY, 'openapi.yaml': doc([['pets', true]]) });
    base = repo.commit();
    head = repo.commit({ 'openapi.yaml': doc(many) });
  });
  afterAll(() => repo.cleanup());

  const run = (server: LocalServer, extra: { fork?: boolean; annotations?: string } = {}) =>
    runAction(repo, {
      node: node20,
      eventName: 'pull_request',
      event: pullRequestEvent(base, head, { fork: extra.fork }),
      inputs: { annotations: extra.annotations ?? 'auto', 'fail-severity': 'warn' },
      env: { GITHUB_API_URL: server.url },
    });

  it('one check run on the PR head sha with every annotation, 50 per request', async () => {
    const server = await startServer((req) =>
      req.method === 'POST' ? { status: 201, body: { id: 99, html_url: 'https://github.com/octo/api/runs/99' } } : { status: 200, body: { id: 99 } },
    );
    try {
      const result = await run(server);
      expect(result.code).toBe(1); // 60 new warnings at fail-severity warn: the step fails on a pull request
      expect(result.outputs.warnings).toBe('60');
      const calls = server.requests.map((r) => `${r.method} ${r.url}`);
      expect(calls).toEqual(['POST /repos/octo/api/check-runs', 'PATCH /repos/octo/api/check-runs/99']);
      expect(server.requests[0].body.head_sha).toBe(head);
      expect(server.requests[0].headers.authorization).toMatch(/test-token/);
      expect(server.requests[0].body.output.annotations).toHaveLength(50);
      expect(server.requests[1].body.output.annotations).toHaveLength(10);
      expect(server.requests[1].body.conclusion).toBe('failure');
      const first = server.requests[0].body.output.annotations[0];
      expect(first).toMatchObject({ path: 'openapi.yaml', annotation_level: 'warning', title: 'operation-summary' });
      expect(first.start_line).toBeGreaterThanOrEqual(1);
      // Published: no duplicate workflow-command annotations.
      expect(annotations(result)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('without permission (403) falls back to workflow commands and still fails the step', async () => {
    const server = await startServer(() => ({ status: 403, body: { message: 'Resource not accessible by integration' } }));
    try {
      const result = await run(server);
      expect(server.requests.length).toBe(1);
      expect(result.code).toBe(1);
      expect(annotations(result).filter((a) => a.level === 'warning')).toHaveLength(10);
      expect(result.commands.some((c) => c.command === 'notice' && /more finding/.test(c.message))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('on a fork pull request, auto uses workflow commands without trying the API', async () => {
    const server = await startServer(() => ({ status: 500 }));
    try {
      const result = await run(server, { fork: true });
      expect(server.requests).toEqual([]);
      expect(result.code).toBe(1);
      expect(annotations(result).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
}
