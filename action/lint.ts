/**
 * Lints documents with Spectral, the way `spectral lint` does (same Document/parser, same
 * Resolver class, same Ruleset), in parallel across CPU cores: worker threads each build the
 * ruleset once from a RulesetSpec and lint the files the main thread hands them, largest
 * first. With one core or one file everything runs in the calling thread.
 */
import { Document, Spectral, type Ruleset } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { availableParallelism, cpus } from 'node:os';
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fingerprint } from './fingerprint';
import { ConfinedResolver } from './resolver';
import { describeError, rulesetFromSpec, severityName, type RulesetSpec } from './ruleset';
import type { Finding, LoadFailure } from './types';

export const WORKER_KIND = 'spectral-integration-ruleset/lint-worker';

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
}

/** One Spectral instance with our resolver; lints one document at a time. */
export class DocumentLinter {
  private readonly spectral: Spectral;
  private readonly resolver: ConfinedResolver;

  constructor(options: LinterOptions, ruleset?: Ruleset) {
    this.resolver = new ConfinedResolver({ root: options.root, allowRemote: options.allowRemote });
    this.spectral = new Spectral({ resolver: this.resolver as never });
    this.spectral.setRuleset(ruleset ?? rulesetFromSpec(options.spec));
  }

  async lint(request: LintRequest): Promise<LintResponse> {
    const deps = new Set<string>();
    try {
      let content: string;
      try {
        content = await fsp.readFile(request.file, 'utf8');
      } catch (error) {
        return { file: request.file, results: [], deps: [], error: `cannot read the file: ${describeError(error)}` };
      }
      const document = new Document(content, Parsers.Yaml, request.file);
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
        error: `Spectral failed while linting it: ${describeError(error)}. This is a bug in a rule's function; please report it with the document.`,
      };
    }
  }
}

export interface LintPoolOptions extends LinterOptions {
  /** Number of threads (default: available CPU cores). */
  concurrency?: number;
  /** Script to run as a worker (dist/index.js). Without it everything runs in this thread. */
  workerScript?: string;
  /** Ruleset already built in this thread, used when linting in-process. */
  ruleset?: Ruleset;
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

/**
 * Lints documents on `size` threads. Workers start once and keep their ruleset, so the head
 * and the base revision are linted by the same threads. With size 1 (or no worker script)
 * everything runs in this thread.
 */
export class LintPool {
  private readonly queue: Task[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly workers: Worker[] = [];
  private local: DocumentLinter | undefined;
  private fatal: string | undefined;
  private alive = 0;

  constructor(
    private readonly options: LintPoolOptions,
    readonly size: number,
  ) {
    if (size > 1 && options.workerScript !== undefined) {
      for (let w = 0; w < size; w++) this.spawn(options.workerScript);
    } else {
      this.local = new DocumentLinter(options, options.ruleset);
    }
  }

  private spawn(script: string): void {
    const worker = new Worker(script, {
      workerData: { kind: WORKER_KIND, spec: this.options.spec, allowRemote: this.options.allowRemote, root: this.options.root },
    });
    this.workers.push(worker);
    this.alive += 1;
    let dead = false;
    worker.on('message', (message: { type: string; id?: number; response?: LintResponse; error?: string }) => {
      if (message.type === 'ready') {
        this.idle.push(worker);
        this.pump();
      } else if (message.type === 'result' && message.response) {
        const task = this.busy.get(worker);
        this.busy.delete(worker);
        task?.resolve(message.response);
        this.idle.push(worker);
        this.pump();
      } else if (message.type === 'fatal') {
        this.fatal = message.error;
        void worker.terminate();
      }
    });
    const onDeath = (reason: string) => {
      if (dead) return;
      dead = true;
      this.alive -= 1;
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      if (task) {
        task.resolve({
          file: task.request.file,
          results: [],
          deps: [],
          error: `the lint worker stopped while linting it (${reason}); the document may be too large for the runner's memory.`,
        });
      }
      if (this.alive === 0) {
        // Nobody left: fail what is queued.
        for (const t of this.queue.splice(0)) {
          t.resolve({
            file: t.request.file,
            results: [],
            deps: [],
            error: this.fatal ? `the ruleset could not be loaded in a worker thread: ${this.fatal}` : 'no lint worker was left to lint it.',
          });
        }
      }
    };
    worker.on('error', (error) => onDeath(describeError(error)));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift() as Worker;
      const task = this.queue.shift() as Task;
      this.busy.set(worker, task);
      worker.postMessage({ id: task.index, request: task.request });
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
    if (this.alive === 0) {
      for (const t of this.queue.splice(0)) {
        t.resolve({ file: t.request.file, results: [], deps: [], error: this.fatal ?? 'no lint worker is running.' });
      }
    }
    this.pump();
    return Promise.all(promises);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
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
