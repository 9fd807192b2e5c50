/**
 * Worker-thread side of lint.ts (dist/worker.js): builds the ruleset once, then lints the
 * documents the main thread posts, one at a time. A worker started by the bootstrap
 * (`prewarm`, see worker-protocol.ts) loads Spectral and builds the likely preset first, then
 * waits for its configuration; any other worker gets it in workerData.
 */
import type { Ruleset } from '@stoplight/spectral-core';
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentLinter, type LintRequest, type LinterOptions } from './lint';
import { describeError, rulesetFromSpec, type PresetName, type RulesetSpec } from './ruleset-runtime';
import type { ConfigureMessage } from './worker-protocol';

export function runWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runWorker() must run in a worker thread');
  const start = (options: LinterOptions, ruleset?: Ruleset) => {
    let linter: DocumentLinter;
    try {
      linter = new DocumentLinter(options, ruleset);
    } catch (error) {
      port.postMessage({ type: 'fatal', error: describeError(error) });
      return;
    }
    port.on('message', (message: { id: number; request: LintRequest }) => {
      void linter.lint(message.request).then((response) => port.postMessage({ type: 'result', id: message.id, response }));
    });
    port.postMessage({ type: 'ready' });
  };
  const data = workerData as { prewarm?: boolean; preset?: PresetName };
  if (!data.prewarm) {
    start(workerData as LinterOptions);
    return;
  }
  // Pre-started: build the preset the run most likely uses while the main thread starts up
  // (a failure here is reported, if it matters, when the configured ruleset is built).
  const preset: PresetName = data.preset === 'standards' ? 'standards' : 'default';
  let warmed: Ruleset | undefined;
  try {
    warmed = rulesetFromSpec({ kind: 'preset', preset });
  } catch {
    warmed = undefined;
  }
  port.once('message', (message: ConfigureMessage) => {
    const options = message.data as LinterOptions;
    const spec = options.spec as RulesetSpec;
    start(options, spec.kind === 'preset' && spec.preset === preset ? warmed : undefined);
  });
}
