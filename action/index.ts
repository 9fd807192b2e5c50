/**
 * Entry point of the bundled action (dist/index.js), deliberately tiny: it starts the first
 * lint worker (dist/worker.js) before anything else, so that the worker loads Spectral and
 * the ruleset while this thread loads the rest of the action (dist/main.js) and reads the
 * inputs. The pre-started worker is handed to run(), whose lint pool takes it as its first
 * worker (worker-protocol.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPrewarmedWorker } from './worker-protocol';

const workerFile = join(__dirname, 'worker.js');
const prewarmed = existsSync(workerFile) ? startPrewarmedWorker(workerFile) : undefined;
// A run-time path, so the bundler leaves dist/main.js a separate file.
const mainFile = join(__dirname, 'main.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
void (require(mainFile) as typeof import('./main')).run({ prewarmed });
