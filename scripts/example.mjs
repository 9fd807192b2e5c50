#!/usr/bin/env node
/**
 * `npm run example`: builds the package if needed, then lints the bundled examples with the
 * real `spectral lint` CLI and the default preset, printing the findings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'lib', 'index.js'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const files = process.argv.slice(2).length ? process.argv.slice(2) : ['examples/orders-api.yaml', 'examples/order-events.yaml'];
console.log(`spectral lint ${files.join(' ')} --ruleset examples/.spectral.yaml\n`);
const res = spawnSync(join(root, 'node_modules', '.bin', 'spectral'), ['lint', ...files, '--ruleset', 'examples/.spectral.yaml'], {
  cwd: root,
  stdio: 'inherit',
});
// Spectral exits 1 when it finds errors: that is the example working, not failing.
if (res.status === 1) console.log('\n(exit code 1: the examples contain error-level findings on purpose)');
process.exit(res.status === 1 ? 0 : (res.status ?? 1));
