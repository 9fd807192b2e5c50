/**
 * action.yml is the action's public contract: every input documented with the specified
 * default, the outputs listed, runs.using node24 on the committed bundle; the defaults the code
 * falls back to (outside the runner) are the same; and the repository's workflows parse and use
 * only inputs and outputs that exist.
 */
import { Yaml } from '@stoplight/spectral-parsers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../action/inputs';
import { REPO_ROOT } from './helpers/harness';

function parseYaml(file: string): any {
  const result = Yaml.parse(readFileSync(file, 'utf8'));
  const errors = result.diagnostics.filter((d) => d.severity === 0);
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors.map((e) => `${e.message} (line ${e.range.start.line + 1})`).join('; ')}`);
  return result.data;
}

const action = parseYaml(join(REPO_ROOT, 'action.yml'));

const SPECIFIED_DEFAULTS: Record<string, string> = {
  files: '',
  ruleset: '',
  preset: 'default',
  'fail-severity': 'error',
  report: '',
  'base-ref': '',
  annotations: 'auto',
  summary: 'true',
  'sarif-file': '',
  'github-token': '${{ github.token }}',
  'allow-remote-refs': 'false',
  'working-directory': '.',
  shard: '',
  catalog: 'false',
  'document-timeout': '60',
  'max-document-size': '30MB',
  'max-memory': '1024',
};

const OUTPUTS = ['errors', 'warnings', 'infos', 'hints', 'new-findings', 'files-linted', 'sarif-file', 'result'];

describe('action.yml', () => {
  it('has a name, a description and branding', () => {
    expect(typeof action.name).toBe('string');
    expect(action.description.length).toBeGreaterThan(20);
  });

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(join(REPO_ROOT, 'dist', 'index.js')), 'dist/index.js is committed (npm run build:action)').toBe(true);
  });

  it('declares exactly the specified inputs, each with a description and its default', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(SPECIFIED_DEFAULTS).sort());
    for (const [name, input] of Object.entries<any>(action.inputs)) {
      expect(typeof input.description, `${name}.description`).toBe('string');
      expect(input.description.trim().length, `${name}.description`).toBeGreaterThan(15);
      expect(input.required ?? false, `${name} is optional`).toBe(false);
      expect(String(input.default ?? ''), `${name}.default`).toBe(SPECIFIED_DEFAULTS[name]);
    }
  });

  it('the code falls back to the same defaults as action.yml', () => {
    expect(Object.keys(DEFAULTS).sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, value] of Object.entries(DEFAULTS)) expect(value, name).toBe(String(action.inputs[name].default ?? ''));
  });

  it('documents the allowed values of the enumerated inputs', () => {
    const mentions = (name: string, values: string[]) => {
      for (const v of values) expect(action.inputs[name].description, `${name} mentions ${v}`).toContain(v);
    };
    mentions('fail-severity', ['error', 'warn', 'info', 'hint', 'never']);
    mentions('report', ['all', 'changed-files', 'changed-lines', 'new']);
    mentions('annotations', ['auto', 'checks', 'commands', 'none']);
    mentions('preset', ['default', 'standards']);
    mentions('shard', ['k/n']);
  });

  it('lists the outputs, each with a description', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const [name, output] of Object.entries<any>(action.outputs)) {
      expect(output.description?.length ?? 0, `${name}.description`).toBeGreaterThan(5);
    }
  });
});

describe('.github/workflows', () => {
  const dir = join(REPO_ROOT, '.github', 'workflows');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];

  it('exist', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(`${file} parses and uses only existing inputs and outputs of the action`, () => {
      const workflow = parseYaml(join(dir, file));
      expect(workflow.jobs, 'jobs').toBeTypeOf('object');
      for (const [jobId, job] of Object.entries<any>(workflow.jobs)) {
        expect(Array.isArray(job.steps), `${jobId}.steps`).toBe(true);
        const selfSteps = new Set<string>();
        for (const step of job.steps) {
          if (step.uses !== './') continue;
          if (step.id) selfSteps.add(step.id);
          for (const key of Object.keys(step.with ?? {})) expect(action.inputs, `${jobId}: input "${key}" exists in action.yml`).toHaveProperty([key]);
        }
        const text = JSON.stringify(job);
        for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (!selfSteps.has(m[1])) continue;
          expect(OUTPUTS, `${jobId}: output "${m[2]}" exists in action.yml`).toContain(m[2]);
        }
      }
    });
  }

  it('run the action on itself on pull requests, with minimal permissions and a SARIF upload', () => {
    const all = files.map((f) => parseYaml(join(dir, f)));
    const selfJobs = all.flatMap((w) =>
      Object.values<any>(w.jobs)
        .filter((job) => job.steps.some((s: any) => s.uses === './'))
        .map((job) => ({ workflow: w, job })),
    );
    expect(selfJobs.length).toBeGreaterThan(0);
    const { workflow, job } = selfJobs[0];
    const on = workflow.on ?? workflow.true; // YAML 1.1 parsers read `on` as true
    expect(Object.keys(typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((e: string) => [e, null])) : on)).toContain('pull_request');
    expect(job.permissions).toEqual({ contents: 'read', checks: 'write', 'security-events': 'write' });
    expect(job.steps.some((s: any) => String(s.uses).startsWith('github/codeql-action/upload-sarif'))).toBe(true);
  });

  it('check that the committed dist/ is current', () => {
    const commands = files.flatMap((f) => Object.values<any>(parseYaml(join(dir, f)).jobs).flatMap((job) => job.steps.map((s: any) => String(s.run ?? ''))));
    expect(commands.some((c) => c.includes('npm ci') && c.includes('npm run build:action') && c.includes('git diff --exit-code dist/'))).toBe(true);
  });
});
