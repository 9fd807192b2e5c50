/**
 * Entry point of the bundled action (dist/index.js). The same file runs as the lint worker
 * threads (action/worker.ts), so the bundle is one self-contained file.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { run } from './main';
import { isLintWorker, runWorker } from './worker';

if (!isMainThread && isLintWorker(workerData)) {
  runWorker();
} else {
  void run();
}
