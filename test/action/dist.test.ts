/**
 * The committed bundle is what GitHub runs (action.yml: main: dist/index.js), so it must be
 * exactly what `npm run build:action` produces from the sources: rebuilt here into a temporary
 * directory and compared byte for byte (which also proves the build is reproducible).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/harness';

describe('dist/', () => {
  it('is current: rebuilding gives byte-identical dist/index.js and dist/licenses.txt', () => {
    const out = mkdtempSync(join(tmpdir(), 'sir-dist-'));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-action.mjs'), '--outdir', out], { cwd: REPO_ROOT, stdio: 'pipe' });
      for (const file of ['index.js', 'licenses.txt']) {
        const committed = join(REPO_ROOT, 'dist', file);
        expect(existsSync(committed), `dist/${file} is missing: run npm run build:action and commit dist/`).toBe(true);
        const same = readFileSync(committed).equals(readFileSync(join(out, file)));
        expect(same, `dist/${file} is stale: run \`npm run build:action\` and commit dist/`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('contains no absolute path of the machine that built it', () => {
    const bundle = readFileSync(join(REPO_ROOT, 'dist', 'index.js'), 'utf8');
    expect(bundle.includes(REPO_ROOT)).toBe(false);
  });
});
