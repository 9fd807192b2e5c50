/**
 * What the main thread and the lint workers agree on, in a module small enough for the
 * action's bootstrap (dist/index.js), which starts the first lint worker before it loads
 * anything else: the worker's kind tag, its resource limits, and the pre-started worker.
 *
 * Why pre-start: a lint worker spends ~0.3 s loading Spectral and building the ruleset before
 * it can lint. Started by dist/index.js first thing, that overlaps with the main thread
 * loading dist/main.js and reading the inputs, instead of following it.
 */
import { Worker } from 'node:worker_threads';

export const WORKER_KIND = 'spectral-integration-ruleset/lint-worker';

/** Stack of each lint worker (MiB): enough for Spectral's recursive parser on ~10,000 nesting levels. */
export const WORKER_STACK_MB = 64;

/** The max-memory input's default (MiB of heap per lint worker); inputs.ts and limits.ts use it. */
export const DEFAULT_MAX_MEMORY_MB = 1024;

export interface WorkerResourceLimits {
  stackSizeMb: number;
  maxOldGenerationSizeMb?: number;
}

export function workerResourceLimits(maxMemoryMb: number): WorkerResourceLimits {
  const limits: WorkerResourceLimits = { stackSizeMb: WORKER_STACK_MB };
  if (maxMemoryMb > 0) limits.maxOldGenerationSizeMb = maxMemoryMb;
  return limits;
}

/** Starts a lint worker thread; its output is consumed, never printed. */
export function startLintWorker(script: string, workerData: unknown, maxMemoryMb: number): Worker {
  const worker = new Worker(script, {
    workerData,
    resourceLimits: workerResourceLimits(maxMemoryMb),
    // The worker must not print to the step log itself (its output is not escaped).
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/** A lint worker started before the inputs were read, waiting for a `configure` message. */
export interface PrewarmedWorker {
  worker: Worker;
  /** The heap limit it was started with (it can only serve a run with the same max-memory). */
  maxMemoryMb: number;
  /** It exited (or failed) before anyone took it. */
  dead: boolean;
  /** A LintPool took it. */
  adopted: boolean;
}

/** Message the main thread posts to a pre-started worker: what `workerData` carries otherwise. */
export interface ConfigureMessage {
  type: 'configure';
  data: unknown;
}

/**
 * Starts a lint worker that loads Spectral and our preset, then waits to be configured. It is
 * unref'd until a pool adopts it, so an unused one never keeps the process alive. Returns
 * undefined (no pre-start) when the run's heap limit cannot be known yet (max-memory is set
 * to something else than its default: the pool then starts its workers itself).
 */
export function startPrewarmedWorker(script: string, env: NodeJS.ProcessEnv = process.env): PrewarmedWorker | undefined {
  const raw = (env['INPUT_MAX-MEMORY'] ?? '').trim();
  if (raw !== '' && raw !== String(DEFAULT_MAX_MEMORY_MB)) return undefined;
  const preset = (env.INPUT_PRESET ?? '').trim() === 'standards' ? 'standards' : 'default';
  let worker: Worker;
  try {
    worker = startLintWorker(script, { kind: WORKER_KIND, prewarm: true, preset }, DEFAULT_MAX_MEMORY_MB);
  } catch {
    return undefined;
  }
  const prewarmed: PrewarmedWorker = { worker, maxMemoryMb: DEFAULT_MAX_MEMORY_MB, dead: false, adopted: false };
  const onDeath = () => {
    prewarmed.dead = true;
  };
  worker.on('error', onDeath);
  worker.on('exit', onDeath);
  worker.unref();
  return prewarmed;
}
