/**
 * Builds lib/ once before the suite, so tests that use the built package (CLI sweep,
 * npm pack) see one consistent build instead of racing to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
