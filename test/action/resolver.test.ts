/**
 * The action's $ref resolver (action/resolver.ts) must change nothing but safety: on every
 * corpus document it yields exactly the results and locations of Spectral's default resolver
 * (createHttpAndFileResolver, what `spectral lint` uses), including the documents with
 * dangling or external $refs; on a multi-file fixture ($refs across folders, cycles, a missing
 * file) too. And it refuses what leaves the workspace: remote URLs, files outside it, symlinks
 * leading out of it.
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import { truthy } from '@stoplight/spectral-functions';
import * as Parsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentLinter } from '../../action/lint';
import { corpusDir } from '../support/paths';
import { REPO_ROOT, startServer, type LocalServer } from './helpers/harness';

/** Rules whose results land inside resolved ($ref'd) nodes, and on unresolved ones. */
const RULESET = new Ruleset(
  {
    rules: {
      'response-description': { given: '$.paths[*][*].responses[*]', severity: 'warn', then: { field: 'description', function: truthy } },
      'schema-type': { given: '$.components.schemas[*]', severity: 'info', then: { field: 'type', function: truthy } },
      'definition-type': { given: '$.definitions[*]', severity: 'info', then: { field: 'type', function: truthy } },
      'channel-description': { given: '$.channels[*]', severity: 'hint', then: { field: 'description', function: truthy } },
      'message-payload': { given: '$.components.messages[*]', severity: 'warn', then: { field: 'x-never', function: truthy } },
      'operation-message': { given: '$.channels[*][publish,subscribe]', severity: 'warn', then: { field: 'message.name', function: truthy } },
      'unresolved-ref-key': { given: '$..$ref', resolved: false, severity: 'hint', then: { function: truthy } },
    },
  },
  { severity: 'recommended' },
);

type Result = { code: string | number; path: (string | number)[]; message: string; severity: number; range: any; source?: string | null };

/**
 * One line per result. Remote $refs (a few corpus documents have them) fail either way here:
 * the default resolver's request is replaced by an offline stub (no traffic leaves the
 * machine), ours refuses it; the result is the same invalid-ref at the same place, and only
 * the reason differs, so `remote` masks it (and checks ours says why).
 */
function normalize(results: Result[], remote: 'ours' | 'default' | 'keep' = 'keep') {
  return results
    .map((r) => {
      let message = r.message;
      if (remote !== 'keep' && r.code === 'invalid-ref' && /https?:\/\//.test(message) && !/ENOENT/.test(message)) {
        if (remote === 'ours') expect(message).toMatch(/^Refused to fetch "https?:\/\/.*": remote \$refs are disabled/);
        else expect(message).toContain(OFFLINE);
        message = '<remote $ref not resolved>';
      }
      return `${r.code}|${r.source ?? ''}|${JSON.stringify(r.path)}|${r.severity}|${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}|${message}`;
    })
    .sort();
}

const OFFLINE = 'offline: no request is made by this test';

/** Spectral's default resolver (createHttpAndFileResolver), its http(s) reader stubbed offline. */
function defaultResolver(offline: boolean) {
  const resolver = createHttpAndFileResolver();
  if (offline) {
    // The URL in the message, like the real reader's ("request to <url> failed"): Spectral
    // keeps one invalid-ref per distinct message.
    const reject = { resolve: (ref: { href(): string }) => Promise.reject(new Error(`${OFFLINE}: ${ref.href()}`)) };
    Object.assign((resolver as unknown as { resolvers: Record<string, unknown> }).resolvers, { http: reject, https: reject });
  }
  return resolver;
}

async function withDefaultResolver(file: string, offline = true, remote: 'default' | 'keep' = 'default') {
  const spectral = new Spectral({ resolver: defaultResolver(offline) });
  spectral.setRuleset(RULESET);
  const document = new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file);
  return normalize(await spectral.run(document, { ignoreUnknownFormat: false }), remote);
}

async function withOurResolver(linter: DocumentLinter, file: string, root: string, remote: 'ours' | 'keep' = 'ours') {
  const response = await linter.lint({ file, root });
  expect(response.error).toBeUndefined();
  return { results: normalize(response.results, remote), deps: response.deps };
}

describe('the confined resolver yields what Spectral\'s default resolver yields', () => {
  const corpus = corpusDir();
  const docs = ['openapi', 'asyncapi'].flatMap((kind) =>
    readdirSync(join(corpus, kind))
      .sort()
      .map((f) => join(kind, f)),
  );
  const linter = new DocumentLinter({ spec: { kind: 'preset', preset: 'default' }, allowRemote: false, root: corpus }, RULESET);

  it('covers the whole corpus', () => expect(docs.length).toBeGreaterThanOrEqual(60));

  it.each(docs)('%s', async (doc) => {
    const file = join(corpus, doc);
    const expected = await withDefaultResolver(file);
    const ours = await withOurResolver(linter, file, corpus);
    expect(ours.results).toEqual(expected);
    if (/MULTIFILE|forsakringskassan/.test(doc)) {
      // Not self-contained: the missing sibling files give Spectral's own "could not resolve" results.
      expect(expected.some((r) => r.startsWith('invalid-ref|') && /ENOENT|no such file/.test(r))).toBe(true);
    }
  }, 120_000);

  it('on a multi-file fixture: $refs across folders, cycles and a missing file, results in $ref\'d files', async () => {
    const root = join(REPO_ROOT, 'fixtures', 'action', 'multifile-malformed-refs');
    const file = join(root, 'openapi.yaml');
    const expected = await withDefaultResolver(file);
    const ours = await withOurResolver(new DocumentLinter({ spec: { kind: 'preset', preset: 'default' }, allowRemote: false, root }, RULESET), file, root);
    expect(ours.results).toEqual(expected);
    expect(expected.some((r) => r.includes('does-not-exist.yaml'))).toBe(true);
    expect(ours.deps.map((d) => d.slice(root.length + 1)).sort()).toEqual(['schemas/owner.yaml', 'schemas/pet.yaml', 'shared/paths.yaml']);
  });
});

describe('the confined resolver refuses what leaves the workspace', () => {
  let dir: string;
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer(() => ({ status: 200, body: 'type: string\n', contentType: 'application/yaml' }));
    dir = mkdtempSync(join(tmpdir(), 'sir-resolver-'));
    mkdirSync(join(dir, 'ws'));
    writeFileSync(join(dir, 'outside.yaml'), 'type: string\n');
    symlinkSync(join(dir, 'outside.yaml'), join(dir, 'ws', 'link.yaml'));
    writeFileSync(join(dir, 'ws', 'inside.yaml'), 'type: integer\n');
    writeFileSync(
      join(dir, 'ws', 'openapi.yaml'),
      [
        'openapi: 3.0.3',
        'info: { title: T, version: "1" }',
        'paths: {}',
        'components:',
        '  schemas:',
        '    Inside: { $ref: "./inside.yaml" }',
        '    Outside: { $ref: "../outside.yaml" }',
        '    Link: { $ref: "./link.yaml" }',
        `    Remote: { $ref: "${server.url}/remote.yaml" }`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('by default: invalid-ref results that say why and what to do, and no request', async () => {
    const root = join(dir, 'ws');
    const linter = new DocumentLinter({ spec: { kind: 'preset', preset: 'default' }, allowRemote: false, root }, RULESET);
    const response = await linter.lint({ file: join(root, 'openapi.yaml'), root });
    const refs = response.results.filter((r) => r.code === 'invalid-ref').map((r) => `${r.path.join('.')}: ${r.message}`).sort();
    expect(refs).toHaveLength(3);
    expect(refs[0]).toMatch(/^components\.schemas\.Link\.\$ref: Refused to read ".*link\.yaml": it is a symbolic link to ".*outside\.yaml", outside the workspace/);
    expect(refs[1]).toMatch(/^components\.schemas\.Outside\.\$ref: Refused to read ".*outside\.yaml": it is outside the workspace .*allow-remote-refs: true/);
    expect(refs[2]).toMatch(/^components\.schemas\.Remote\.\$ref: Refused to fetch "http:\/\/127\.0\.0\.1:\d+\/remote\.yaml": remote \$refs are disabled/);
    expect(server.requests).toEqual([]);
    expect(response.deps).toEqual([join(root, 'inside.yaml')]);
  });

  it('with allow-remote-refs: followed, like the default resolver', async () => {
    const root = join(dir, 'ws');
    const file = join(root, 'openapi.yaml');
    const linter = new DocumentLinter({ spec: { kind: 'preset', preset: 'default' }, allowRemote: true, root }, RULESET);
    const ours = await withOurResolver(linter, file, root, 'keep');
    expect(ours.results).toEqual(await withDefaultResolver(file, false, 'keep'));
    expect(ours.results.filter((r) => r.startsWith('invalid-ref'))).toEqual([]);
    expect(server.requests.map((r) => r.url)).toEqual(['/remote.yaml', '/remote.yaml']); // once per resolver
  });
});
