/** Entry point of dist/worker.js: a lint worker thread (see worker.ts and lint.ts). */
import { runWorker } from './worker';

runWorker();
