/**
 * Real-world sweep: every document of ../shared/corpus linted with the default preset through
 * the real `spectral lint` CLI. None may crash (exit code 2, or Spectral's "Error running
 * Spectral"), and the count of findings per rule per document is recorded in a committed
 * snapshot, so any change in (false) positives shows up in review. Update it with
 * `npx vitest run test/corpus -u` after checking the difference.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, REPO_ROOT } from '../support/paths';

const SPECTRAL = join(REPO_ROOT, 'node_modules', '.bin', 'spectral');

interface Outcome {
  file: string;
  status: number | null;
  stderr: string;
  counts: Record<string, number>;
}

function lintOne(ruleset: string, file: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(SPECTRAL, ['lint', '--format', 'json', '--quiet', '--ruleset', ruleset, file], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=4096 --require ${join(REPO_ROOT, 'test/support/no-network.cjs')}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const counts: Record<string, number> = {};
      try {
        const results = JSON.parse(stdout.trim() || '[]') as { code: string }[];
        for (const r of results) counts[r.code] = (counts[r.code] ?? 0) + 1;
      } catch {
        stderr += `\nunparsable output: ${stdout.slice(0, 500)}`;
      }
      resolve({ file, status, stderr, counts });
    });
  });
}

async function sweep(kind: 'openapi' | 'asyncapi'): Promise<Outcome[]> {
  const dir = corpusDir(kind);
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  // Inside the repository: lib/index.js loads lib/impl/ by package name (self-reference).
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  const tmp = mkdtempSync(join(REPO_ROOT, '.tmp', 'sweep-'));
  const ruleset = join(tmp, '.spectral.yaml');
  writeFileSync(ruleset, `extends: [${JSON.stringify(join(REPO_ROOT, 'lib', 'index.js'))}]\n`);
  const outcomes: Outcome[] = [];
  const queue = [...files];
  const workers = Array.from({ length: 2 }, async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) outcomes.push(await lintOne(ruleset, join(dir, f)));
  });
  await Promise.all(workers);
  return outcomes.sort((a, b) => a.file.localeCompare(b.file));
}

function table(outcomes: Outcome[]): string {
  const byFile: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const name = o.file.split(/[\\/]/).pop()!;
    byFile[name] = Object.fromEntries(Object.entries(o.counts).sort(([a], [b]) => a.localeCompare(b)));
  }
  const totals: Record<string, number> = {};
  for (const counts of Object.values(byFile)) for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
  return JSON.stringify({ totals: Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))), byFile }, null, 2) + '\n';
}

describe('corpus sweep through the real spectral CLI (default preset)', () => {
  for (const kind of ['openapi', 'asyncapi'] as const) {
    it(`${kind}: no crash on any document; counts per rule recorded`, async () => {
      const outcomes = await sweep(kind);
      expect(outcomes.length).toBeGreaterThan(0);
      for (const o of outcomes) {
        expect(o.status, `${o.file} crashed Spectral:\n${o.stderr}`).not.toBe(2);
        expect(o.stderr, o.file).not.toMatch(/Error running Spectral|TypeError|RangeError|ReferenceError/);
      }
      await expect(table(outcomes)).toMatchFileSnapshot(`./__snapshots__/${kind}-counts.json`);
    }, 900_000);
  }
});
