/**
 * The benchmark's own plumbing, on two small corpus documents so it takes seconds: which
 * configurations run how often, how runs are paired, and that the ratios and targets are
 * computed from the samples it took. Speed itself is never asserted here (see bench/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, REPO_ROOT } from '../support/paths';

interface Sample { wallMs: number; cpuMs: number | null; ok: boolean; run: number; results: number | null }
interface Config { runs: number; wallMs: number; samples: Sample[] }
interface CliDoc { doc: string; large: boolean; configs: Record<'empty' | 'ours' | 'oas' | 'both', Config>; ratios: Record<string, number | null> }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

describe('npm run bench (plumbing, on small documents)', () => {
  let dir: string;
  let result: { options: Record<string, unknown>; cli: { docs: CliDoc[] }; targets: { target: string; doc: string; value: number; detail?: string }[] };
  let stdout: string;
  const LARGE_STAND_IN = 'oai-3.1-non-oauth-scopes.yaml';

  beforeAll(() => {
    corpusDir('openapi');
    dir = mkdtempSync(join(tmpdir(), 'sir-bench-test-'));
    const out = join(dir, 'result.json');
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bench', 'run.mjs'), '--only', 'cli', '--docs', LARGE_STAND_IN, '--runs', '3', '--slow-runs', '1', '--wait-idle', '0', '--out', out],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 },
    );
    stdout = r.stdout;
    expect(r.status, `bench failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
    result = JSON.parse(readFileSync(out, 'utf8'));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs empty and ours --runs times, spectral:oas and ours+oas --slow-runs times, each run numbered', () => {
    expect(result.options).toMatchObject({ runs: 3, slowRuns: 1, waitIdle: 0 });
    expect(result.cli.docs.map((d) => d.doc)).toEqual([LARGE_STAND_IN, 'swagger-petstore-v3.yaml']);
    for (const d of result.cli.docs) {
      expect(d.configs.empty.samples.map((s) => s.run)).toEqual([0, 1, 2]);
      expect(d.configs.ours.samples.map((s) => s.run)).toEqual([0, 1, 2]);
      expect(d.configs.oas.samples.map((s) => s.run)).toEqual([0]);
      expect(d.configs.both.samples.map((s) => s.run)).toEqual([0]);
      for (const c of Object.values(d.configs)) expect(c.samples.every((s) => s.ok)).toBe(true);
      // our ruleset finds something in the petstore; the empty one never does
      expect(d.configs.empty.samples.every((s) => s.results === 0)).toBe(true);
    }
    const petstore = result.cli.docs.find((d) => d.doc === 'swagger-petstore-v3.yaml')!;
    expect(petstore.configs.ours.samples[0].results).toBeGreaterThan(0);
  });

  it('reports the ratio of the medians and the median of the paired (same-run) ratios', () => {
    for (const d of result.cli.docs) {
      const { empty, ours } = d.configs;
      expect(empty.wallMs).toBe(median(empty.samples.map((s) => s.wallMs)));
      expect(d.ratios.oursOverEmpty).toBeCloseTo(median(ours.samples.map((s) => s.wallMs)) / median(empty.samples.map((s) => s.wallMs)), 3);
      const paired = ours.samples.map((s) => s.wallMs / empty.samples.find((e) => e.run === s.run)!.wallMs);
      expect(d.ratios.oursOverEmptyPaired).toBeCloseTo(median(paired), 3);
    }
  });

  it('judges the targets on the stand-in "large" document, with the paired ratio in the detail', () => {
    const t = result.targets.find((x) => x.target === 'ours/empty wall time');
    expect(t?.doc).toBe(LARGE_STAND_IN);
    const d = result.cli.docs.find((x) => x.doc === LARGE_STAND_IN)!;
    expect(t?.value).toBeCloseTo(d.ratios.oursOverEmpty!, 3);
    expect(t?.detail).toContain(`paired runs ${d.ratios.oursOverEmptyPaired!.toFixed(2)}`);
    expect(result.targets.map((x) => x.target)).toEqual(['ours/empty wall time', 'spectral:oas/ours wall time', 'ours/empty peak memory']);
    // spectral:oas/ours can never exceed spectral:oas/empty: the detail says how far it could go
    expect(d.ratios.oasOverEmpty).toBeCloseTo(d.configs.oas.wallMs / d.configs.empty.wallMs, 3);
    expect(result.targets[1].detail).toContain(`ceiling ${d.ratios.oasOverEmpty!.toFixed(2)} (spectral:oas/empty`);
  });

  it('prints the table with the run counts, and writes only the --out file', () => {
    expect(stdout).toContain('median of 3 runs (spectral:oas, ours+oas and the whole-corpus runs: 1)');
    expect(stdout).toMatch(/ours\/empty\s+\(cpu\)\s+\(paired\)/);
    expect(stdout).not.toContain('updated docs/performance.md');
    // one unrecorded warm-up run per ruleset, before the recorded ones
    expect(stdout.match(/warm-up \(not recorded\)  cli  swagger-petstore-v3\.yaml/g)).toHaveLength(4);
    expect(stdout.indexOf('warm-up')).toBeLessThan(stdout.indexOf('run 1/3'));
  });
});
