/**
 * Lints documents with Spectral, the way `spectral lint` does (same Document/parser, same
 * Resolver class, same Ruleset), in parallel across CPU cores: worker threads each build the
 * ruleset once from a RulesetSpec and lint the files the main thread hands them, largest
 * first. When the action runs from its bundle, documents are always linted in worker threads,
 * so the per-document limits hold (limits.ts): a worker that runs over document-timeout is
 * terminated, one that runs out of its heap (max-memory) dies, and either is replaced for the
 * remaining documents; the document is reported as a load failure naming the limit.
 */
import { Document, Spectral, type Ruleset } from '@stoplight/spectral-core';
import { availableParallelism, cpus } from 'node:os';
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Parsers from '@stoplight/spectral-parsers';
import { fingerprint } from './fingerprint';
import { aliasBombProblem, contentProblem, DEFAULT_LIMITS, isProtoKeyCrash, isStackOverflow, limitMessages, MEMORY_PER_BYTE, type Limits } from './limits';
import { parseFastJson } from './fast-json';
import { parseFastYaml } from './fast-yaml';
import { parserWithResult } from './parser-common';
import { createFastResolver } from './fast-resolver';
import type { ConfinedResolver } from './resolver';
import { describeError, rulesetFromSpec, severityName, type RulesetSpec } from './ruleset-runtime';
import type { Finding, LoadFailure } from './types';
import { startLintWorker, WORKER_KIND, type ConfigureMessage, type PrewarmedWorker } from './worker-protocol';

export { WORKER_KIND };

export interface LintRequest {
  /** Absolute path of the document. */
  file: string;
  /** Confinement root for its $refs. */
  root: string;
}

/** A Spectral result, as plain data (what crosses the thread boundary). */
export interface RawResult {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  source?: string;
}

export interface LintResponse {
  file: string;
  results: RawResult[];
  /** Files (absolute) and URLs read while resolving the document's $refs. */
  deps: string[];
  /** Set when the document could not be linted at all. */
  error?: string;
}

export interface LinterOptions {
  spec: RulesetSpec;
  allowRemote: boolean;
  root: string;
  /** Per-document limits (default: DEFAULT_LIMITS). */
  limits?: Limits;
}

/** One Spectral instance with our resolver; lints one document at a time. */
export class DocumentLinter {
  private readonly spectral: Spectral;
  private readonly resolver: ConfinedResolver;

  private readonly limits: Limits;

  constructor(options: LinterOptions, ruleset?: Ruleset) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    // The confined readers of ConfinedResolver with a faster resolution engine (same results:
    // test/action/fast-resolver.test.ts compares both with Spectral's default on the corpus).
    this.resolver = createFastResolver({ root: options.root, allowRemote: options.allowRemote, maxBytes: this.limits.maxBytes });
    this.spectral = new Spectral({ resolver: this.resolver as never });
    this.spectral.setRuleset(ruleset ?? rulesetFromSpec(options.spec));
  }

  async lint(request: LintRequest): Promise<LintResponse> {
    const deps = new Set<string>();
    const refuse = (error: string): LintResponse => ({ file: request.file, results: [], deps: [], error });
    let content = '';
    try {
      try {
        const { size } = await fsp.stat(request.file);
        if (this.limits.maxBytes > 0 && size > this.limits.maxBytes) return refuse(limitMessages.tooLarge(size, this.limits.maxBytes));
        if (this.limits.maxMemoryMb > 0 && size * MEMORY_PER_BYTE > this.limits.maxMemoryMb * 1024 * 1024) {
          return refuse(limitMessages.memoryForSize(size, this.limits.maxMemoryMb));
        }
        const bytes = await fsp.readFile(request.file);
        const problem = contentProblem(bytes);
        if (problem) return refuse(problem);
        content = bytes.toString('utf8');
      } catch (error) {
        return refuse(`cannot read the file: ${describeError(error)}`);
      }
      // FastJson for JSON documents, FastYaml for YAML ones: the same data, diagnostics and
      // locations as Parsers.Yaml, which each falls back to (returning undefined here) whenever
      // it cannot guarantee that (test/action/fast-json.test.ts, fast-yaml.test.ts). Neither
      // accepts a YAML alias, so only texts they hand back go through the alias-bomb check.
      const parsed = parseFastJson(content) ?? parseFastYaml(content);
      if (!parsed) {
        const bomb = aliasBombProblem(content);
        if (bomb) return refuse(bomb);
      }
      const document = new Document(content, parsed ? parserWithResult(parsed) : Parsers.Yaml, request.file);
      const results = await this.resolver.withContext({ root: request.root, deps }, () =>
        this.spectral.run(document, { ignoreUnknownFormat: false }),
      );
      return {
        file: request.file,
        results: results.map((r) => ({
          code: String(r.code),
          message: r.message,
          path: [...r.path],
          severity: r.severity,
          range: {
            start: { line: r.range.start.line, character: r.range.start.character },
            end: { line: r.range.end.line, character: r.range.end.character },
          },
          ...(r.source != null ? { source: r.source } : {}),
        })),
        deps: [...deps],
      };
    } catch (error) {
      return {
        file: request.file,
        results: [],
        deps: [...deps],
        error: isStackOverflow(error)
          ? limitMessages.tooDeep()
          : isProtoKeyCrash(error, content)
            ? limitMessages.protoKey(describeError(error))
            : `Spectral failed while linting it: ${describeError(error)}. This is a bug in Spectral or in a rule's function; please report it with the document.`,
      };
    }
  }
}

export interface LintPoolOptions extends LinterOptions {
  /** Number of threads (default: available CPU cores). */
  concurrency?: number;
  /**
   * Script to run as a worker (dist/worker.js). With it every document is linted in a worker
   * thread (time and memory limits hold); without it (the sources run directly, e.g. in unit
   * tests) everything runs in this thread, with no time or memory limit.
   */
  workerScript?: string;
  /** Ruleset already built in this thread, used when linting in-process. */
  ruleset?: Ruleset;
  /** A worker started by the bootstrap (dist/index.js), taken as the first worker when it fits. */
  prewarmed?: PrewarmedWorker;
}

export function defaultConcurrency(): number {
  try {
    return Math.max(1, availableParallelism());
  } catch {
    return Math.max(1, cpus().length);
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

type Task = { index: number; request: LintRequest; resolve: (r: LintResponse) => void };

interface WorkerState {
  worker: Worker;
  /** Posted 'ready' (its ruleset loaded): a death after that is the document's fault, not the ruleset's. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Why we stopped it (timeout), reported instead of the exit code. */
  stopReason?: string;
  dead: boolean;
}

/**
 * Lints documents on `size` worker threads. Workers start once and keep their ruleset, so the
 * head and the base revision are linted by the same threads. A worker that exceeds
 * document-timeout is terminated, one that exceeds max-memory dies; either way its document
 * gets a load failure and a new worker takes over the remaining documents. Without a worker
 * script everything runs in this thread.
 */
export class LintPool {
  private readonly queue: Task[] = [];
  private readonly idle: WorkerState[] = [];
  private readonly states = new Set<WorkerState>();
  private local: DocumentLinter | undefined;
  private fatal: string | undefined;
  private closed = false;
  private readonly limits: Limits;

  constructor(
    private readonly options: LintPoolOptions,
    readonly size: number,
  ) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    if (options.workerScript !== undefined) {
      for (let w = 0; w < size; w++) this.spawn();
    } else {
      this.local = new DocumentLinter(options, options.ruleset);
    }
  }

  /** Starts workers until there are `size` (no-op when linting in this thread). */
  ensure(size: number): void {
    while (!this.local && !this.closed && this.fatal === undefined && this.states.size < size) this.spawn();
  }

  /** Threads linting (or starting to). */
  get threads(): number {
    return this.local ? 1 : this.states.size;
  }

  private spawn(): void {
    const script = this.options.workerScript as string;
    const data = { kind: WORKER_KIND, spec: this.options.spec, allowRemote: this.options.allowRemote, root: this.options.root, limits: this.limits };
    const pre = this.options.prewarmed;
    let worker: Worker;
    if (pre && !pre.adopted && !pre.dead && pre.maxMemoryMb === this.limits.maxMemoryMb) {
      // Started by the bootstrap with the same limits and already loading Spectral: configure it.
      pre.adopted = true;
      worker = pre.worker;
      worker.ref();
      worker.postMessage({ type: 'configure', data } satisfies ConfigureMessage);
    } else {
      worker = startLintWorker(script, data, this.limits.maxMemoryMb);
    }
    const state: WorkerState = { worker, ready: false, dead: false };
    this.states.add(state);
    worker.on('message', (message: { type: string; id?: number; response?: LintResponse; error?: string }) => {
      if (message.type === 'ready') {
        state.ready = true;
        this.idle.push(state);
        this.pump();
      } else if (message.type === 'result' && message.response) {
        const task = state.task;
        this.release(state);
        task?.resolve(message.response);
        if (!state.dead) this.idle.push(state);
        this.pump();
      } else if (message.type === 'fatal') {
        this.fatal = message.error;
        void worker.terminate();
      }
    });
    const onDeath = (reason: string) => {
      if (state.dead) return;
      state.dead = true;
      this.states.delete(state);
      const at = this.idle.indexOf(state);
      if (at >= 0) this.idle.splice(at, 1);
      const task = state.task;
      const stopReason = state.stopReason;
      this.release(state);
      if (task) {
        task.resolve({ file: task.request.file, results: [], deps: [], error: stopReason ?? reason });
      }
      if (this.closed) return;
      // A worker that loaded its ruleset died because of a document: replace it for the rest.
      if (state.ready && this.fatal === undefined) {
        if (this.queue.length > 0 || this.states.size === 0) this.spawn();
        return;
      }
      if (this.states.size === 0) this.failQueue();
    };
    worker.on('error', (error) => {
      const code = (error as { code?: string }).code;
      onDeath(
        code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? limitMessages.memory(this.limits.maxMemoryMb)
          : isStackOverflow(error)
            ? limitMessages.tooDeep()
            : `the lint worker failed while linting it (${describeError(error)}); the document may be too large for the runner's memory.`,
      );
    });
    worker.on('exit', (code) =>
      onDeath(`the lint worker stopped while linting it (exit code ${code}); the document may be too large for the runner's memory.`),
    );
  }

  private release(state: WorkerState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    state.task = undefined;
  }

  private failQueue(): void {
    for (const t of this.queue.splice(0)) {
      t.resolve({
        file: t.request.file,
        results: [],
        deps: [],
        error: this.fatal ? `the ruleset could not be loaded in a worker thread: ${this.fatal}` : 'no lint worker was left to lint it.',
      });
    }
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const state = this.idle.shift() as WorkerState;
      const task = this.queue.shift() as Task;
      state.task = task;
      if (this.limits.timeoutMs > 0) {
        state.timer = setTimeout(() => {
          state.stopReason = limitMessages.timeout(this.limits.timeoutMs);
          void state.worker.terminate();
        }, this.limits.timeoutMs);
      }
      state.worker.postMessage({ id: task.index, request: task.request });
    }
  }

  /** Lints every request; responses come back in request order. */
  async lint(requests: LintRequest[]): Promise<LintResponse[]> {
    if (this.local) {
      const out: LintResponse[] = [];
      for (const request of requests) out.push(await this.local.lint(request));
      return out;
    }
    // Largest documents first, so one big file does not finish last on a single thread.
    const order = requests.map((r, i) => ({ i, size: fileSize(r.file) })).sort((a, b) => b.size - a.size || a.i - b.i);
    const promises: Promise<LintResponse>[] = new Array(requests.length);
    for (const { i } of order) {
      promises[i] = new Promise<LintResponse>((resolve) => {
        this.queue.push({ index: i, request: requests[i], resolve });
      });
    }
    if (this.states.size === 0) {
      if (this.fatal === undefined && !this.closed && requests.length > 0) this.spawn();
      else this.failQueue();
    }
    this.pump();
    return Promise.all(promises);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.states].map((s) => s.worker.terminate()));
  }
}

/** Lints every request with a pool sized for them, then closes it. */
export async function lintDocuments(requests: LintRequest[], options: LintPoolOptions): Promise<LintResponse[]> {
  if (requests.length === 0) return [];
  const pool = new LintPool(options, Math.min(options.concurrency ?? defaultConcurrency(), requests.length));
  try {
    return await pool.lint(requests);
  } finally {
    await pool.close();
  }
}

// -----------------------------------------------------------------------------------------
// Spectral results -> Findings
// -----------------------------------------------------------------------------------------

export interface ToFindingsOptions {
  /** Repository-relative POSIX path of an absolute file, or null when outside the repository. */
  relativize(absolute: string): string | null;
  documentationUrls: Map<string, string | undefined>;
}

const ZERO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Findings of one document (its results may land in $ref'd files: those carry that file). */
export function toFindings(response: LintResponse, options: ToFindingsOptions): Finding[] {
  const docFile = options.relativize(response.file) ?? path.basename(response.file);
  const out: Finding[] = [];
  for (const r of response.results) {
    const source = r.source ?? response.file;
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
    const rel = isUrl ? null : options.relativize(source);
    let file = rel ?? docFile;
    let range = r.range;
    let message = r.message;
    if (rel === null && source !== response.file) {
      // In a file outside the repository (allowed with allow-remote-refs): attribute to the document.
      message = `${message} (in ${source}${r.path.length ? ' at ' + r.path.join('.') : ''})`;
      range = ZERO_RANGE;
      file = docFile;
    }
    const severity = severityName(r.severity);
    const finding: Finding = {
      ruleId: r.code,
      severity,
      message,
      file,
      jsonPath: r.path,
      range,
      fingerprint: fingerprint(r.code, file, r.path, message),
    };
    const url = options.documentationUrls.get(r.code);
    if (url) finding.documentationUrl = url;
    out.push(finding);
  }
  return out;
}

/** Load failures of a response: unreadable files, Spectral crashes, and YAML/JSON syntax errors. */
export function toFailures(response: LintResponse, relativize: (abs: string) => string | null): LoadFailure[] {
  const docFile = relativize(response.file) ?? response.file;
  if (response.error) return [{ file: docFile, message: `${docFile}: ${response.error}` }];
  const bySource = new Map<string, RawResult[]>();
  for (const r of response.results) {
    if (r.code !== 'parser' || r.severity !== 0) continue;
    const source = r.source ?? response.file;
    bySource.set(source, [...(bySource.get(source) ?? []), r]);
  }
  const out: LoadFailure[] = [];
  for (const [source, parser] of bySource) {
    const file = relativize(source) ?? source;
    const first = parser[0];
    out.push({
      file,
      message:
        `${file} cannot be parsed: ${first.message} (line ${first.range.start.line + 1}, column ${first.range.start.character + 1})` +
        (parser.length > 1 ? ` and ${parser.length - 1} more syntax error${parser.length > 2 ? 's' : ''}` : '') +
        (file === docFile ? '' : ` (referenced from ${docFile})`) +
        '. Fix the YAML/JSON syntax; the document was linted as far as it could be parsed.',
    });
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
