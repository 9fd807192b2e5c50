/**
 * The committed bundle is what GitHub runs (action.yml: main: dist/index.js), so it must be
 * exactly what `npm run build:action` produces from the sources: rebuilt here into a temporary
 * directory and compared byte for byte (which also proves the build is reproducible).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/harness';

describe('dist/', () => {
  it('is current: rebuilding gives byte-identical dist/ (entry points, chunks, licenses.txt)', () => {
    const out = mkdtempSync(join(tmpdir(), 'sir-dist-'));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-action.mjs'), '--outdir', out], { cwd: REPO_ROOT, stdio: 'pipe' });
      const built = readdirSync(out).sort();
      expect(built).toEqual(['catalog.js', 'index.js', 'licenses.txt', 'main.js', 'ruleset-bundler.js', 'spectral-rulesets.js', 'worker.js']);
      expect(readdirSync(join(REPO_ROOT, 'dist')).sort(), 'dist/ has exactly the files the build writes').toEqual(built);
      for (const file of built) {
        const committed = join(REPO_ROOT, 'dist', file);
        expect(existsSync(committed), `dist/${file} is missing: run npm run build:action and commit dist/`).toBe(true);
        const same = readFileSync(committed).equals(readFileSync(join(out, file)));
        expect(same, `dist/${file} is stale: run \`npm run build:action\` and commit dist/`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);

  it('contains no absolute path of the machine that built it', () => {
    for (const file of ['index.js', 'main.js', 'worker.js', 'spectral-rulesets.js', 'ruleset-bundler.js', 'catalog.js']) {
      const bundle = readFileSync(join(REPO_ROOT, 'dist', file), 'utf8');
      expect(bundle.includes(REPO_ROOT), file).toBe(false);
    }
  });

  it('the bootstrap is small, and lint workers do not load the main thread\'s code', () => {
    expect(readFileSync(join(REPO_ROOT, 'dist', 'index.js')).length).toBeLessThan(16 * 1024);
    const worker = readFileSync(join(REPO_ROOT, 'dist', 'worker.js'), 'utf8');
    for (const mainOnly of ['@actions/core', '@octokit', 'spectral-ruleset-bundler', 'rollup', '@asyncapi/parser']) {
      expect(worker.includes(`node_modules/${mainOnly}`), `dist/worker.js bundles ${mainOnly}`).toBe(false);
    }
    // Parts only some runs need are chunks, loaded on first use, not in the entry bundles.
    const main = readFileSync(join(REPO_ROOT, 'dist', 'main.js'), 'utf8');
    for (const [bundle, text] of [['main.js', main], ['worker.js', worker]] as const) {
      for (const chunked of ['@stoplight/spectral-rulesets/', '@asyncapi/specs/', 'node_modules/rollup/', '@asyncapi/parser/']) {
        expect(text.includes(`// node_modules/${chunked.replace('node_modules/', '')}`), `dist/${bundle} bundles ${chunked}`).toBe(false);
      }
    }
    // Chunks that share Spectral's packages with the bundle that loads them do not bundle their own.
    for (const chunk of ['spectral-rulesets.js', 'ruleset-bundler.js']) {
      const text = readFileSync(join(REPO_ROOT, 'dist', chunk), 'utf8');
      expect(text.includes('// node_modules/@stoplight/spectral-core/'), `dist/${chunk} bundles its own spectral-core`).toBe(false);
    }
  });
});
