/**
 * Entry point of the bundled action (dist/index.js). The same file runs as the lint worker
 * threads (action/worker.ts), so the bundle is one self-contained file.
 */
import { isMainThread, workerData } from 'node:worker_threads';

// require() in each branch (not a top-level import), so that the bundler initializes each
// side lazily: a lint worker never loads the reporting side (Octokit, the catalog's AsyncAPI
// parser, the ruleset bundler), and the main thread loads only what it uses.
/* eslint-disable @typescript-eslint/no-require-imports */
if (!isMainThread && (require('./worker') as typeof import('./worker')).isLintWorker(workerData)) {
  (require('./worker') as typeof import('./worker')).runWorker();
} else {
  void (require('./main') as typeof import('./main')).run();
}
