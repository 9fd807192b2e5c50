/**
 * publishCheckRun against a local HTTP server (127.0.0.1, random port) that plays the Checks API;
 * the real Octokit from @actions/github talks to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishCheckRun, type PublishCheckRunOptions } from '../../action/report/checks';
import type { Severity } from '../../action/types';
import { finding, findings, reportInput } from './report-fixtures';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

type Responder = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let recorded: Recorded[] = [];
/** Scripted responses, consumed in order; when empty, the default Checks API behaviour. */
let script: Responder[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Responder => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const forbidden = json(403, {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
});
const serverError = json(500, { message: 'Internal Server Error' });
const dropConnection: Responder = (_req, res) => res.socket?.destroy();

const defaultResponder: Responder = (req, res) => {
  if (req.method === 'POST' && req.url === '/repos/acme/apis/check-runs') {
    json(201, { id: 42, html_url: 'https://github.com/acme/apis/runs/42' })(req, res);
  } else if (req.method === 'PATCH' && req.url === '/repos/acme/apis/check-runs/42') {
    json(200, { id: 42 })(req, res);
  } else {
    json(404, { message: 'Not Found' })(req, res);
  }
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined };
      recorded.push(entry);
      (script.shift() ?? defaultResponder)(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  recorded = [];
  script = [];
});

function publish(input = reportInput(), extra: Partial<PublishCheckRunOptions> = {}) {
  const logs: string[] = [];
  const promise = publishCheckRun(input, {
    token: 'test-token',
    owner: 'acme',
    repo: 'apis',
    headSha: 'abc123',
    apiUrl: baseUrl,
    retryDelayMs: 10,
    log: (m) => logs.push(m),
    ...extra,
  });
  return promise.then((result) => ({ result, logs }));
}

const allAnnotations = () => recorded.flatMap((r) => r.body?.output?.annotations ?? []);

describe('publishCheckRun: batching', () => {
  it('120 annotations → 1 create + 2 updates, ≤ 50 each, all received, completed last', async () => {
    const list = findings(120, (i) => ({ message: `message ${i}`, severity: (['error', 'warn', 'info'] as Severity[])[i % 3] }));
    const { result, logs } = await publish(reportInput({ findings: list }));
    expect(result).toMatchObject({ published: true, annotations: 120, requests: 3, checkRunId: 42 });
    expect(result.url).toBe('https://github.com/acme/apis/runs/42');
    expect(recorded.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/acme/apis/check-runs',
      'PATCH /repos/acme/apis/check-runs/42',
      'PATCH /repos/acme/apis/check-runs/42',
    ]);
    expect(recorded.map((r) => r.body.output.annotations.length)).toEqual([50, 50, 20]);
    const received = allAnnotations();
    expect(new Set(received.map((a: any) => a.message))).toEqual(new Set(list.map((f) => f.message)));
    // create in progress, the last update completes with the conclusion
    expect(recorded[0].body).toMatchObject({ name: 'Spectral integration lint', head_sha: 'abc123', status: 'in_progress' });
    expect(recorded[0].body).not.toHaveProperty('conclusion');
    expect(recorded[1].body).not.toHaveProperty('conclusion');
    expect(recorded[2].body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    for (const r of recorded) {
      expect(r.headers.authorization).toBe('token test-token');
      expect(typeof r.body.output.title).toBe('string');
      expect(typeof r.body.output.summary).toBe('string');
    }
    // most important first: all 40 errors in the first request
    expect(recorded[0].body.output.annotations.slice(0, 40).every((a: any) => a.annotation_level === 'failure')).toBe(true);
    expect(logs).toEqual([]);
  });

  it('≤ 50 annotations → a single completed create', async () => {
    const { result } = await publish(reportInput({ findings: findings(50) }));
    expect(result).toMatchObject({ published: true, annotations: 50, requests: 1 });
    expect(recorded).toHaveLength(1);
    expect(recorded[0].body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(recorded[0].body.completed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('no findings → one request, conclusion success', async () => {
    const { result } = await publish(reportInput({ findings: [] }));
    expect(result).toMatchObject({ published: true, annotations: 0, requests: 1 });
    expect(recorded[0].body).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No findings', annotations: [] } });
  });

  it('conclusion follows failSeverity: findings below it → neutral, "never" → neutral', async () => {
    await publish(reportInput({ findings: [finding({ severity: 'warn' })], failSeverity: 'error' }));
    expect(recorded[0].body.conclusion).toBe('neutral');
    recorded = [];
    await publish(reportInput({ findings: [finding({ severity: 'warn' })], failSeverity: 'warn' }));
    expect(recorded[0].body.conclusion).toBe('failure');
    recorded = [];
    await publish(reportInput({ findings: [finding({ severity: 'error' })], failSeverity: 'never' }));
    expect(recorded[0].body.conclusion).toBe('neutral');
  });

  it('annotation fields: levels, 1-based lines, columns only on one line, title = rule id, raw details', async () => {
    await publish(
      reportInput({
        findings: [
          finding({ severity: 'error', ruleId: 'r-error', line: 4, col: 2, endCol: 9, file: 'a.yaml' }),
          finding({ severity: 'warn', ruleId: 'r-warn', line: 4, col: 2, endLine: 6, endCol: 3, file: 'b.yaml' }),
          finding({ severity: 'hint', ruleId: 'integration-rule', line: 0, col: 0, endCol: 0, file: 'c.yaml' }),
        ],
        failures: [{ file: 'broken.yaml', message: 'Unexpected token' }],
      }),
    );
    const [failure, error, warn, hint] = allAnnotations();
    expect(failure).toMatchObject({ path: 'broken.yaml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'Unexpected token' });
    expect(error).toMatchObject({ path: 'a.yaml', start_line: 5, end_line: 5, start_column: 3, end_column: 9, annotation_level: 'failure', title: 'r-error' });
    expect(warn).toMatchObject({ path: 'b.yaml', start_line: 5, end_line: 7, annotation_level: 'warning', title: 'r-warn' });
    expect(warn).not.toHaveProperty('start_column');
    expect(warn).not.toHaveProperty('end_column');
    expect(hint).toMatchObject({ start_line: 1, end_line: 1, start_column: 1, end_column: 1, annotation_level: 'notice' });
    expect(hint.raw_details).toContain('JSON path: $["paths"]["/users"]["get"]');
    expect(hint.raw_details).toContain('https://github.com/integration-rulesets/spectral-integration-ruleset/blob/main/docs/rules.md#integration-rule');
  });

  it('truncates messages to GitHub\'s 64 KB and keeps the summary under 65 535 characters', async () => {
    const huge = 'é'.repeat(100_000);
    await publish(reportInput({ findings: [finding({ message: huge })], failures: Array.from({ length: 500 }, (_, i) => ({ file: `f${i}.yaml`, message: 'x'.repeat(2000) })) }));
    const annotation = allAnnotations().find((a: any) => a.title === 'integration-rule');
    expect(Buffer.byteLength(annotation.message, 'utf8')).toBeLessThanOrEqual(64 * 1024);
    expect(recorded[0].body.output.summary.length).toBeLessThan(65_535);
  });

  it('names the check run after the shard', async () => {
    await publish(reportInput({ category: 'spectral-integration-ruleset/shard-2-of-3' }));
    expect(recorded[0].body.name).toBe('Spectral integration lint (shard-2-of-3)');
    expect(recorded[0].body.external_id).toBe('spectral-integration-ruleset/shard-2-of-3');
    recorded = [];
    await publish(reportInput(), { name: 'Custom' });
    expect(recorded[0].body.name).toBe('Custom');
  });

  it('caps annotations at maxAnnotations and says so', async () => {
    const { result } = await publish(reportInput({ findings: findings(120) }), { maxAnnotations: 60 });
    expect(result).toMatchObject({ published: true, annotations: 60, requests: 2 });
    expect(result.reason).toMatch(/60 annotations over the limit/);
    expect(recorded[0].body.output.summary).toMatch(/60 more findings not annotated/);
  });
});

describe('publishCheckRun: failures never throw', () => {
  it('403 (fork pull request, read-only token) → quiet fallback, no retry, one log line', async () => {
    script = [forbidden];
    const { result, logs } = await publish(reportInput({ findings: findings(3) }));
    expect(result.published).toBe(false);
    expect(result.requests).toBe(1);
    expect(result.annotations).toBe(0);
    expect(result.reason).toMatch(/403/);
    expect(result.reason).toMatch(/permission/);
    expect(logs).toHaveLength(1);
    expect(recorded).toHaveLength(1);
  });

  it('404 → quiet fallback', async () => {
    script = [json(404, { message: 'Not Found' })];
    const { result, logs } = await publish(reportInput({ findings: findings(3) }));
    expect(result).toMatchObject({ published: false, requests: 1 });
    expect(result.reason).toMatch(/404/);
    expect(logs).toHaveLength(1);
  });

  it('500 then 201 → retried once and published', async () => {
    script = [serverError];
    const { result, logs } = await publish(reportInput({ findings: findings(3) }));
    expect(result).toMatchObject({ published: true, annotations: 3, requests: 2 });
    expect(recorded.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(logs).toEqual([]);
  });

  it('500 twice → fallback with the reason after exactly one retry', async () => {
    script = [serverError, serverError];
    const { result, logs } = await publish(reportInput({ findings: findings(3) }));
    expect(result).toMatchObject({ published: false, requests: 2 });
    expect(result.reason).toMatch(/500/);
    expect(logs).toHaveLength(1);
  });

  it('a dropped connection is retried like a 5xx', async () => {
    script = [dropConnection];
    const { result } = await publish(reportInput({ findings: findings(3) }));
    expect(result).toMatchObject({ published: true, requests: 2 });
  });

  it('a connection refused → fallback, no throw', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { result, logs } = await publish(reportInput({ findings: findings(3) }), { apiUrl: `http://127.0.0.1:${port}` });
    expect(result).toMatchObject({ published: false, requests: 2 });
    expect(logs).toHaveLength(1);
  });

  it('403 secondary rate limit with retry-after is retried, not taken as "no permission"', async () => {
    script = [json(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '0' })];
    const { result } = await publish(reportInput({ findings: findings(3) }));
    expect(result).toMatchObject({ published: true, requests: 2 });
  });

  it('an update failing twice → the check run is completed anyway, then fallback', async () => {
    script = [defaultResponder, serverError, serverError];
    const { result, logs } = await publish(reportInput({ findings: findings(120) }));
    expect(result.published).toBe(false);
    expect(result.annotations).toBe(50);
    expect(result.reason).toMatch(/annotations incomplete after 50 of 120/);
    expect(recorded).toHaveLength(4); // create, update, retry, best-effort completion
    expect(recorded[3].body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(recorded[3].body.output.summary).toMatch(/Only 50 of 120 annotations/);
    expect(logs).toHaveLength(1);
  });

  it('no token → fallback, no request, no throw', async () => {
    const { result, logs } = await publish(reportInput({ findings: findings(1) }), { token: '' });
    expect(result).toMatchObject({ published: false, requests: 0 });
    expect(logs).toHaveLength(1);
    expect(recorded).toHaveLength(0);
  });

  it('a request that never answers times out and falls back', async () => {
    const hang: Responder = () => {};
    script = [hang, hang];
    const { result } = await publish(reportInput({ findings: findings(1) }), { timeoutMs: 200 });
    expect(result).toMatchObject({ published: false, requests: 2 });
  });
});
