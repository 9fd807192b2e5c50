/**
 * The action: inputs -> ruleset -> documents -> lint (head, and base for `report: new`) ->
 * report-mode filter -> annotations, job summary, SARIF, outputs -> pass/fail.
 *
 * The step fails (exit code 1) exactly when a reported finding reaches fail-severity, or when
 * the ruleset or a document cannot be loaded. Everything it prints that comes from the
 * repository (file names, messages) goes through workflow-command-safe paths.
 */
import * as core from '@actions/core';
import { existsSync, mkdirSync, appendFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, inShard } from './files';
import { newFindings } from './fingerprint';
import {
  addWorktree,
  changesSince,
  ensureBaseCommit,
  gitRoot as findGitRoot,
  readEvent,
  type ChangeSet,
  type EventInfo,
  type Worktree,
} from './git';
import { InputError, maskSecrets, readInputs, type Inputs } from './inputs';
import { compareFindings, defaultConcurrency, LintPool, toFailures, toFindings, type LintResponse } from './lint';
import type { PrewarmedWorker } from './worker-protocol';
import { findDefaultRuleset, isInside, loadRuleset, ruleHelp, RulesetLoadError, toPosix, type LoadedRuleset, type RulesetSpec } from './ruleset';
import { emitAnnotationCommands, stdoutWrite } from './report/commands';
import { publishCheckRun } from './report/checks';
import { renderSummary } from './report/summary';
import type * as CatalogModule from '../catalog';
import { buildSarif } from './report/sarif';
import { SEVERITIES, type Finding, type LoadFailure, type ReportInput, type ReportMode, type RuleHelp, type Severity } from './types';

export const CATEGORY = 'spectral-integration-ruleset';

/** Text from the repository, safe to print: no line of it can be read as a workflow command. */
export function safeText(text: string): string {
  return text.replace(/^(\s*)::/gm, '$1:\u200b:');
}

function info(message: string): void {
  core.info(safeText(message));
}

export interface ActionResult {
  failed: boolean;
  input: ReportInput;
  newFindings: number;
}

interface Context {
  inputs: Inputs;
  workspace: string;
  workDir: string;
  event: EventInfo;
}

/** Workspace-relative POSIX path, or null when outside the workspace. */
function relativizer(workspace: string): (abs: string) => string | null {
  // Called for every finding (thousands on a large document, nearly all with one source).
  const cache = new Map<string, string | null>();
  return (abs: string) => {
    let rel = cache.get(abs);
    if (rel === undefined) {
      rel = isInside(workspace, abs) && path.resolve(abs) !== workspace ? toPosix(path.relative(workspace, abs)) : null;
      cache.set(abs, rel);
    }
    return rel;
  };
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.fingerprint}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort(compareFindings);
}

function dedupeFailures(failures: LoadFailure[]): LoadFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.file}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function resolveRuleset(ctx: Context, onPreset?: (spec: RulesetSpec) => void): Promise<LoadedRuleset> {
  const { inputs, workspace, workDir, event } = ctx;
  const display = (abs: string) => (isInside(workspace, abs) ? toPosix(path.relative(workspace, abs)) : abs);
  let file: string | undefined;
  if (inputs.ruleset) file = path.resolve(workDir, inputs.ruleset);
  else file = findDefaultRuleset(workDir === workspace ? [workspace] : [workDir, workspace]);
  if (file === undefined) {
    info(`Ruleset: the built-in ${inputs.preset === 'default' ? 'default' : '/standards'} preset of spectral-integration-ruleset (no .spectral.yaml found).`);
    onPreset?.({ kind: 'preset', preset: inputs.preset });
    return loadRuleset({ preset: inputs.preset }, `spectral-integration-ruleset${inputs.preset === 'default' ? '' : '/standards'}`);
  }
  info(`Ruleset: ${display(file)}`);
  return loadRuleset(
    { file, workspace, allowRemote: inputs.allowRemoteRefs, refuseJavaScript: event.name === 'pull_request_target' },
    display(file),
  );
}

function workerScript(): string | undefined {
  // Bundled as dist/main.js, next to dist/worker.js (scripts/build-action.mjs); from the
  // sources (unit tests) documents are linted in this thread.
  if (typeof __filename !== 'string' || !__filename.endsWith('.js')) return undefined;
  const script = path.join(path.dirname(__filename), 'worker.js');
  return existsSync(script) ? script : undefined;
}

/** Bytes of YAML/JSON worth a thread of its own (starting one costs about a second). */
const BYTES_PER_THREAD = 512 * 1024;

function threadCount(files: string[]): number {
  if (files.length === 0) return 0;
  const forced = Number(process.env.SPECTRAL_INTEGRATION_THREADS);
  if (Number.isInteger(forced) && forced > 0) return Math.max(1, Math.min(forced, files.length));
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      /* reported when linted */
    }
  }
  return Math.max(1, Math.min(defaultConcurrency(), files.length, Math.ceil(bytes / BYTES_PER_THREAD)));
}

function categoryOf(inputs: Inputs, workspace: string, workDir: string): string {
  let category = CATEGORY;
  const rel = toPosix(path.relative(workspace, workDir));
  if (rel && rel !== '.') category += `/${rel}`;
  if (inputs.shard) category += `/shard-${inputs.shard.index}-of-${inputs.shard.total}`;
  return category;
}

/** Lints the base revision of the affected documents; returns its findings mapped to head paths. */
async function lintBase(
  pool: LintPool,
  ctx: Context,
  root: string,
  base: string,
  changes: ChangeSet,
  headResponses: LintResponse[],
): Promise<{ baseFindings: Finding[]; affected: Set<string> }> {
  const { workspace } = ctx;
  const gitRel = (abs: string) => toPosix(path.relative(root, abs));
  // Documents whose findings can differ from the base: changed themselves or reading a changed file.
  const affected = new Set<string>();
  for (const r of headResponses) {
    const rel = gitRel(r.file);
    if (changes.changed.has(rel) || r.deps.some((d) => !/^[a-z]+:\/\//i.test(d) && changes.changed.has(gitRel(d)))) affected.add(r.file);
  }
  if (affected.size === 0) return { baseFindings: [], affected };

  const reverse = new Map<string, string>(); // base path -> head path
  for (const [to, from] of changes.renames) reverse.set(from, to);
  let worktree: Worktree | undefined;
  try {
    info(`report: new: linting the base revision ${base.slice(0, 12)} of ${affected.size} affected document(s).`);
    worktree = await addWorktree(root, base, process.env.RUNNER_TEMP);
    const baseDir = worktree.dir;
    const requests: { file: string; root: string }[] = [];
    for (const headFile of affected) {
      const rel = gitRel(headFile);
      const baseRel = changes.renames.get(rel) ?? rel;
      const baseFile = path.join(baseDir, baseRel);
      if (!existsSync(baseFile)) continue; // added by the change: every finding is new
      requests.push({ file: baseFile, root: path.join(baseDir, path.relative(root, workspace)) });
    }
    const responses = await pool.lint(requests);
    // Base paths -> head (workspace-relative) paths.
    const relativize = (abs: string): string | null => {
      if (!isInside(baseDir, abs)) return null;
      const baseRel = toPosix(path.relative(baseDir, abs));
      const headRel = reverse.get(baseRel) ?? baseRel;
      const headAbs = path.join(root, headRel);
      return isInside(workspace, headAbs) ? toPosix(path.relative(workspace, headAbs)) : null;
    };
    const documentationUrls = new Map<string, string | undefined>();
    const baseFindings = responses.flatMap((r) => toFindings(r, { relativize, documentationUrls }));
    return { baseFindings: dedupe(baseFindings), affected };
  } finally {
    await worktree?.remove();
  }
}

function filterByMode(
  mode: ReportMode,
  findings: Finding[],
  changes: ChangeSet | undefined,
  gitPathOf: (workspaceRel: string) => string,
): Finding[] {
  if (mode === 'all' || !changes) return findings;
  if (mode === 'changed-files') return findings.filter((f) => changes.changed.has(gitPathOf(f.file)));
  if (mode === 'changed-lines') {
    return findings.filter((f) => {
      const lines = changes.lines.get(gitPathOf(f.file));
      return lines === 'all' || (lines !== undefined && lines.has(f.range.start.line + 1));
    });
  }
  return findings;
}

export async function runAction(options: RunOptions = {}): Promise<ActionResult> {
  const inputs = readInputs();
  maskSecrets(inputs);
  const workspace = path.resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const workDir = path.resolve(workspace, inputs.workingDirectory);
  if (!existsSync(workDir) || !statSync(workDir).isDirectory()) {
    throw new InputError(`working-directory "${inputs.workingDirectory}" does not exist in the workspace (${workspace}). Check the path, and that actions/checkout ran before this step.`);
  }
  const event = readEvent();
  const ctx: Context = { inputs, workspace, workDir, event };
  const category = categoryOf(inputs, workspace, workDir);
  let mode: ReportMode = inputs.report || (event.isPullRequest ? 'new' : 'all');
  const relativize = relativizer(workspace);

  const failures: LoadFailure[] = [];
  let findings: Finding[] = [];
  let rules = new Map<string, RuleHelp>();
  let filesLinted: string[] = [];
  let newCount = 0;
  /** Documents that could not be linted at all (limits, unreadable): left out of the catalog. */
  const unlinted = new Set<string>();

  const poolOptions = (spec: RulesetSpec, ruleset?: LoadedRuleset['ruleset']) => ({
    spec,
    allowRemote: inputs.allowRemoteRefs,
    root: workspace,
    workerScript: workerScript(),
    ruleset,
    prewarmed: options.prewarmed,
    limits: inputs.limits,
  });
  // With a preset, the first lint worker starts now, while this thread loads the ruleset and
  // finds the documents: a worker costs about a second to start, mostly hidden that way.
  let early: LintPool | undefined;
  let loaded: LoadedRuleset | undefined;
  try {
    loaded = await resolveRuleset(ctx, (spec) => {
      if (workerScript() !== undefined) early = new LintPool(poolOptions(spec), 1);
    });
    // A preset's Ruleset (rule metadata for the reports) is built while the workers lint.
    if (loaded.spec.kind !== 'preset') rules = ruleHelp(loaded.ruleset);
  } catch (error) {
    await early?.close();
    if (error instanceof RulesetLoadError) failures.push({ file: error.file, message: error.message });
    else throw error;
  }

  try {
    if (loaded) await lintHead(loaded);
  } finally {
    // Worker threads keep the process alive: never leave one running, whatever was thrown.
    await early?.close();
  }

  async function lintHead(loaded: LoadedRuleset): Promise<void> {
    const discovery = await discoverFiles(workDir, inputs.files);
    for (const pattern of discovery.unmatched) {
      core.warning(
        inputs.files.length > 0
          ? `The files pattern "${pattern}" matched no file in ${toPosix(path.relative(workspace, workDir)) || '.'}.`
          : `No OpenAPI or AsyncAPI document (a YAML/JSON file with a top-level openapi, swagger or asyncapi key) was found in ${toPosix(path.relative(workspace, workDir)) || '.'}. Set the files input to lint other files.`,
      );
    }
    const documents: string[] = [];
    for (const file of discovery.files) {
      const rel = relativize(file);
      if (rel === null) {
        failures.push({ file: toPosix(file), message: `${file} is outside the workspace (${workspace}); only files in the repository are linted. Fix the files input.` });
        continue;
      }
      if (inShard(rel, inputs.shard)) documents.push(file);
    }
    filesLinted = documents.map((f) => relativize(f) as string);
    if (inputs.shard) info(`Shard ${inputs.shard.index}/${inputs.shard.total}: ${documents.length} of ${discovery.files.length} document(s).`);
    else info(`Linting ${documents.length} document(s).`);

    const threads = threadCount(documents);
    const pool = early ?? new LintPool(poolOptions(loaded.spec, loaded.ruleset), threads);
    pool.ensure(threads);
    try {
      const started = Date.now();
      const linting = pool.lint(documents.map((file) => ({ file, root: workspace })));
      if (loaded.spec.kind === 'preset') rules = ruleHelp(loaded.ruleset);
      const responses = await linting;
      info(`Linted ${documents.length} document(s) in ${((Date.now() - started) / 1000).toFixed(1)} s on ${threads} thread(s).`);
      for (const r of responses) if (r.error) unlinted.add(relativize(r.file) ?? r.file);
      const documentationUrls = new Map([...rules].map(([id, r]) => [id, r.documentationUrl]));
      const all = dedupe(responses.flatMap((r) => toFindings(r, { relativize, documentationUrls })));
      for (const r of responses) failures.push(...toFailures(r, relativize));
      writeResultsFile(responses, relativize);

      let changes: ChangeSet | undefined;
      let root: string | null = null;
      let base: string | undefined;
      if (mode !== 'all') {
        root = await findGitRoot(workDir);
        const baseRef = inputs.baseRef || event.baseSha;
        if (!root || !baseRef) {
          core.warning(
            `report: ${mode} needs a base revision to compare with, and ${!root ? 'the working directory is not in a git repository' : `this ${event.name || 'run'} event has none`}; reporting all findings. Set base-ref (e.g. base-ref: main), or report: all.`,
          );
          mode = 'all';
        } else {
          try {
            base = await ensureBaseCommit(root, baseRef, info);
            changes = await changesSince(root, base);
          } catch (error) {
            core.warning(`report: ${mode}: ${(error as Error).message} Reporting all findings.`);
            mode = 'all';
          }
        }
      }
      const gitRootDir = root;
      const gitPathOf = (rel: string) => (gitRootDir ? toPosix(path.relative(gitRootDir, path.join(workspace, rel))) : rel);

      if (mode === 'new' && changes && gitRootDir && base) {
        const { baseFindings, affected } = await lintBase(pool, ctx, gitRootDir, base, changes, responses);
        // Documents the change cannot affect have the base's findings; those of affected documents
        // (added ones included) count against the base's by fingerprint, count-aware.
        const candidates = dedupe(responses.filter((r) => affected.has(r.file)).flatMap((r) => toFindings(r, { relativize, documentationUrls })));
        findings = newFindings(candidates, baseFindings);
      } else {
        findings = filterByMode(mode, all, changes, gitPathOf);
      }
      newCount = findings.length;
    } finally {
      await pool.close();
    }
  }

  const input: ReportInput = {
    findings: findings.sort(compareFindings),
    failures: dedupeFailures(failures),
    filesLinted,
    mode,
    failSeverity: inputs.failSeverity,
    rules,
    category,
    sha: event.headSha,
    repositoryUrl: process.env.GITHUB_REPOSITORY ? `${(process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${process.env.GITHUB_REPOSITORY}` : undefined,
  };

  const failing = inputs.failSeverity === 'never' ? [] : input.findings.filter((f) => severityRank(f.severity) <= severityRank(inputs.failSeverity as Severity));
  const failed = failing.length > 0 || input.failures.length > 0;

  await report(input, ctx, unlinted);
  writeOutputs(input, ctx, newCount, failed);

  if (failed) {
    const parts: string[] = [];
    if (input.failures.length > 0) parts.push(...input.failures.map((f) => f.message));
    if (failing.length > 0) {
      parts.push(
        `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above fail-severity "${inputs.failSeverity}"${mode === 'all' ? '' : ` (report: ${mode})`}. Fix them, or change fail-severity.`,
      );
    }
    core.setFailed(parts.join('\n'));
  }
  return { failed, input, newFindings: newCount };
}

/**
 * Debugging aid: SPECTRAL_INTEGRATION_RESULTS_FILE=<path> writes Spectral's raw results per
 * document (sources relative to the workspace), as `spectral lint --format json` would list them.
 */
function writeResultsFile(responses: LintResponse[], relativize: (abs: string) => string | null): void {
  const target = process.env.SPECTRAL_INTEGRATION_RESULTS_FILE;
  if (!target) return;
  const out = responses.map((r) => ({
    file: relativize(r.file) ?? r.file,
    error: r.error,
    results: r.results.map((x) => ({ ...x, source: x.source === undefined ? undefined : (relativize(x.source) ?? x.source) })),
  }));
  writeFileSync(target, JSON.stringify(out, null, 2));
}

function sarifPath(ctx: Context, category: string): string | null {
  const { sarifFile } = ctx.inputs;
  if (/^(none|false|off)$/i.test(sarifFile)) return null;
  if (sarifFile) return path.resolve(ctx.workDir, sarifFile);
  const dir = process.env.RUNNER_TEMP || path.join(ctx.workspace, '..');
  return path.join(dir, `${category.replace(/[^\w.-]+/g, '-')}.sarif`);
}

async function report(input: ReportInput, ctx: Context, unlinted: Set<string>): Promise<void> {
  const { inputs, event } = ctx;
  // Annotations.
  let annotations = inputs.annotations;
  if (annotations === 'auto' || annotations === 'checks') {
    const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    const headSha = event.headSha;
    const reason = !inputs.githubToken
      ? 'no github-token'
      : !owner || !repo || !headSha
        ? 'GITHUB_REPOSITORY or the commit sha is unknown'
        : annotations === 'auto' && event.fromFork
          ? 'pull request from a fork: its token cannot create check runs'
          : undefined;
    let published = false;
    if (reason === undefined) {
      const result = await publishCheckRun(input, {
        token: inputs.githubToken,
        owner,
        repo,
        headSha: headSha as string,
        apiUrl: process.env.GITHUB_API_URL,
        detailsUrl:
          process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY
            ? `${(process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
            : undefined,
        log: info,
      });
      published = result.published;
      if (published) info(`Check run published with ${result.annotations} annotation(s) in ${result.requests} request(s).`);
      else if (annotations === 'checks') core.warning(`annotations: checks: the check run could not be created (${result.reason ?? 'unknown reason'}); using workflow-command annotations instead. Grant permissions: checks: write.`);
    } else if (annotations === 'checks') {
      core.warning(`annotations: checks: cannot create a check run (${reason}); using workflow-command annotations instead.`);
    }
    annotations = published ? 'none' : 'commands';
  }
  if (annotations === 'commands') emitAnnotationCommands(input, stdoutWrite);

  // Job summary.
  if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, renderSummary(input) + '\n');
    } catch (error) {
      core.warning(`Could not write the job summary: ${(error as Error).message}`);
    }
  }
  if (inputs.catalog) await appendCatalog(input, ctx, unlinted);

  // SARIF.
  const file = sarifPath(ctx, input.category);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(buildSarif(input, { workspaceRoot: ctx.workspace }), null, 2) + '\n');
    info(`SARIF written to ${file} (category ${input.category}).`);
  }
  sarifWritten = file;
}

let sarifWritten: string | null = null;

/** GitHub's job summary limit is 1 MiB per step; the findings summary stays under 900 KiB. */
const CATALOG_SUMMARY_BUDGET = 120 * 1024;

/**
 * `catalog: true`: the event catalog of the linted documents (AsyncAPI messages, OpenAPI 3.1
 * webhooks), appended to the job summary. A catalog problem is a warning, never a failure.
 */
async function appendCatalog(input: ReportInput, ctx: Context, unlinted: Set<string>): Promise<void> {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) {
    core.warning('catalog: true needs a job summary (GITHUB_STEP_SUMMARY is not set); the catalog was not written.');
    return;
  }
  try {
    // Loaded on demand: the catalog brings the AsyncAPI parser, needed only with catalog: true.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildCatalog, renderCatalogMarkdown } = require('../catalog') as typeof CatalogModule;
    const files = input.filesLinted.filter((f) => !unlinted.has(f)).map((f) => path.join(ctx.workspace, f));
    const catalog = await buildCatalog(files, { cwd: ctx.workspace });
    let markdown = renderCatalogMarkdown(catalog, { headingLevel: 2, title: 'Event catalog' });
    if (Buffer.byteLength(markdown, 'utf8') > CATALOG_SUMMARY_BUDGET) {
      markdown =
        Buffer.from(markdown, 'utf8').subarray(0, CATALOG_SUMMARY_BUDGET).toString('utf8').replace(/\n[^\n]*$/, '') +
        `\n\n_The event catalog was cut to fit the job summary: run \`npx spectral-integration-ruleset catalog\` for all ${catalog.events.length} events._\n`;
    }
    appendFileSync(summaryFile, `\n${markdown}\n`);
    info(`Event catalog: ${catalog.events.length} event(s) from ${catalog.documents.length} document(s) appended to the job summary.`);
  } catch (error) {
    core.warning(`catalog: the event catalog could not be built: ${(error as Error).message}`);
  }
}

function writeOutputs(input: ReportInput, _ctx: Context, newCount: number, failed: boolean): void {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const f of input.findings) counts[f.severity] += 1;
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warn);
  core.setOutput('infos', counts.info);
  core.setOutput('hints', counts.hint);
  core.setOutput('new-findings', newCount);
  core.setOutput('files-linted', input.filesLinted.length);
  core.setOutput('sarif-file', sarifWritten ?? '');
  core.setOutput('result', failed ? 'failure' : 'success');
}

/** Entry point: never throws; any error fails the step with its message. */
export interface RunOptions {
  /** The lint worker the bootstrap (dist/index.js) started. */
  prewarmed?: PrewarmedWorker;
}

export async function run(options: RunOptions = {}): Promise<void> {
  try {
    await runAction(options);
  } catch (error) {
    const message = error instanceof InputError ? error.message : `${(error as Error)?.message ?? String(error)}`;
    core.setOutput('result', 'failure');
    core.setFailed(message);
    if (!(error instanceof InputError) && error instanceof Error && error.stack) core.debug(error.stack);
  } finally {
    // Not taken (no document, a ruleset error, another max-memory): stop it.
    if (options.prewarmed && !options.prewarmed.adopted) await options.prewarmed.worker.terminate();
  }
}
