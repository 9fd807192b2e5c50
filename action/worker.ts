/**
 * Worker-thread side of lint.ts: builds the ruleset once from workerData, then lints the
 * documents the main thread posts, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentLinter, WORKER_KIND, type LintRequest, type LinterOptions } from './lint';
import { describeError } from './ruleset';

export function isLintWorker(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKER_KIND;
}

export function runWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runWorker() must run in a worker thread');
  let linter: DocumentLinter;
  try {
    linter = new DocumentLinter(workerData as LinterOptions);
  } catch (error) {
    port.postMessage({ type: 'fatal', error: describeError(error) });
    return;
  }
  port.on('message', (message: { id: number; request: LintRequest }) => {
    void linter.lint(message.request).then((response) => port.postMessage({ type: 'result', id: message.id, response }));
  });
  port.postMessage({ type: 'ready' });
}
