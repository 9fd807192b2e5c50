/**
 * The action lints with Spectral programmatically and must give exactly what `spectral lint`
 * gives on the same ruleset: same rules, messages, JSON paths, ranges and sources, on real
 * documents of the corpus (../shared/corpus): OpenAPI 2/3.0/3.1/3.2 and AsyncAPI 1/2/3, with
 * dangling and external $refs. Runs the bundled dist/index.js on one thread and on two worker
 * threads, and node_modules/.bin/spectral --format json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../support/paths';
import { REPO_ROOT, requireDist, runAction, runtimes, TempRepo, type NodeRuntime } from './helpers/harness';

/** Small and medium documents (the large ones take seconds each). */
const DOCUMENTS = [
  'openapi/oai-petstore.yaml',
  'openapi/oai-link-example.yaml',
  'openapi/oai-callback-example.yaml',
  'openapi/oai-2.0-petstore-swagger2.json',
  'openapi/oai-api-with-examples.yaml',
  'openapi/oai32-media-type-examples.yaml',
  'openapi/INVALID-oai31-servers.yaml',
  'openapi/ard-eventhub.json',
  'asyncapi/spec-2.6-streetlights-kafka.yaml',
  'asyncapi/spec-3.0-streetlights-mqtt.yaml',
  'asyncapi/sjs-3.0-streetlights-all.json',
  'asyncapi/forsakringskassan-rimfrost-process.yaml',
  'asyncapi/slack-events-api-asyncapi1.json',
];

const RULESET = 'extends:\n  - [spectral:oas, all]\n  - [spectral:asyncapi, all]\n';

interface Normalized {
  code: string;
  source: string;
  path: string;
  message: string;
  severity: number;
  range: string;
}

function normalize(results: any[], repoDir: string): Normalized[] {
  return results
    .map((r) => ({
      code: String(r.code),
      source: String(r.source ?? '').replace(repoDir + '/', ''),
      path: JSON.stringify(r.path),
      message: r.message,
      severity: r.severity,
      range: `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('programmatic linting == spectral lint (CLI) on corpus documents', () => {
  let repo: TempRepo;
  let node: NodeRuntime;
  let cli: Normalized[];

  beforeAll(() => {
    requireDist();
    node = runtimes()[0];
    const corpus = corpusDir();
    repo = new TempRepo({ '.spectral.yaml': RULESET });
    for (const doc of DOCUMENTS) {
      const from = join(corpus, doc);
      if (!existsSync(from)) throw new Error(`corpus document ${from} is missing (see ../shared/corpus/MANIFEST.tsv)`);
      mkdirSync(join(repo.dir, doc, '..'), { recursive: true });
      copyFileSync(from, join(repo.dir, doc));
    }
    repo.commit();
    const spectral = join(REPO_ROOT, 'node_modules', '.bin', 'spectral');
    const out = spawnSync(spectral, ['lint', '--format', 'json', '--ruleset', join(repo.dir, '.spectral.yaml'), '--quiet', ...DOCUMENTS], {
      cwd: repo.dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
    if (!out.stdout.trim().startsWith('[')) throw new Error(`spectral lint did not print JSON (exit ${out.status}): ${out.stderr}\n${out.stdout.slice(0, 2000)}`);
    cli = normalize(JSON.parse(out.stdout), repo.dir);
  }, 300_000);
  afterAll(() => repo?.cleanup());

  for (const threads of ['1', '2']) {
    it(`gives the same results on ${threads} thread(s)`, async () => {
      const result = await runAction(repo, {
        node,
        inputs: { files: DOCUMENTS.join('\n'), report: 'all', 'fail-severity': 'never' },
        env: { SPECTRAL_INTEGRATION_THREADS: threads },
        rawResults: true,
        timeoutMs: 240_000,
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(`on ${threads} thread(s)`);
      const ours = normalize(
        (result.results as any[]).flatMap((d) => d.results.map((r: any) => ({ ...r, source: r.source ?? d.file }))),
        repo.dir,
      );
      expect(cli.length).toBeGreaterThan(50);
      expect(new Set(cli.map((r) => r.source)).size).toBe(DOCUMENTS.length);
      expect(ours).toEqual(cli);
    }, 240_000);
  }

  it('reports those findings with repository-relative files and 1-based lines', async () => {
    const result = await runAction(repo, { node, inputs: { files: 'openapi/oai-petstore.yaml', report: 'all', 'fail-severity': 'never' }, rawResults: true });
    const expected = cli.filter((r) => r.source === 'openapi/oai-petstore.yaml');
    const results = result.sarif.runs[0].results;
    expect(results).toHaveLength(expected.length);
    for (const r of results) {
      const region = r.locations[0].physicalLocation.region;
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('openapi/oai-petstore.yaml');
      expect(expected.some((e) => e.code === r.ruleId && e.range.startsWith(`${region.startLine - 1}:${region.startColumn - 1}-`))).toBe(true);
    }
  }, 120_000);
});
