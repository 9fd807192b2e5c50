/**
 * The fast $ref resolver (action/fast-resolver.ts) must change nothing but speed. On every
 * corpus document, and on the multi-file fixture, Spectral is run three times with the same
 * ruleset (ours, plus spectral:oas below 1 MB or spectral:asyncapi, so that much of the
 * resolved document is read):
 *  A. Spectral's default resolver (createHttpAndFileResolver, what `spectral lint` uses), its
 *     http(s) reader stubbed offline;
 *  B. the action's configuration: createFastResolver({ root, allowRemote: false, maxBytes })
 *     inside withContext(), as DocumentLinter runs ConfinedResolver;
 *  C. the fast engine alone (FastResolver) with A's very readers and immer's auto-freeze on.
 * C must give exactly A's results (code, path, message, severity, source, range), and B too
 * except for the reason a remote $ref fails (refused here, offline there: see normalize).
 * Below the results, the resolver's own output is compared: C's and A's `resolve()` return
 * the same `result` (same values, key order, property descriptors, frozen objects, the same
 * sharing of resolved targets, the same objects kept from the parsed document), the same
 * `refMap`, `errors` (order, codes, messages, paths, uri stacks) and `graph` (nodes, edges,
 * refMaps, data); B's the same, but not frozen (its `freeze: false`).
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver, Resolver } from '@stoplight/spectral-ref-resolver';
import { truthy } from '@stoplight/spectral-functions';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFastResolver, FastConfinedResolver, FastResolver } from '../../action/fast-resolver';
import { DEFAULT_LIMITS } from '../../action/limits';
import { ConfinedResolver, type ResolveContext } from '../../action/resolver';
import { createIntegrationRuleset } from '../../rulesets/create';
import { corpusDir } from '../support/paths';
import { REPO_ROOT, startServer, type LocalServer } from './helpers/harness';

const OURS = createIntegrationRuleset();
const RULESETS = {
  ours: new Ruleset({ extends: [OURS as never] } as never),
  oas: new Ruleset({ extends: [OURS as never, oas as never] } as never),
  asyncapi: new Ruleset({ extends: [OURS as never, asyncapi as never] } as never),
};
const OAS_MAX_BYTES = 1_000_000;
/** For the multi-file fixture: also a result on every property, wherever ($ref'd files, cycles). */
const FIXTURE_RULESET = new Ruleset({
  extends: [OURS as never, oas as never],
  rules: { 'property-description': { given: '$..properties[*]', severity: 'info', then: { field: 'description', function: truthy } } },
} as never);

type Result = { code: string | number; path: (string | number)[]; message: string; severity: number; range: any; source?: string | null };

const OFFLINE = 'offline: no request is made by this test';

/** One line per result; `remote` masks why a remote $ref failed (refused vs offline). */
function normalize(results: Result[], remote: 'refused' | 'offline' | 'keep' = 'keep'): string[] {
  return results
    .map((r) => {
      let message = r.message;
      if (remote !== 'keep' && r.code === 'invalid-ref' && /https?:\/\//.test(message) && !/ENOENT/.test(message)) {
        if (remote === 'refused') expect(message).toMatch(/^Refused to fetch "https?:\/\/.*": remote \$refs are disabled/);
        else expect(message).toContain(OFFLINE);
        message = '<remote $ref not resolved>';
      }
      const { start, end } = r.range;
      return `${r.code}|${r.source ?? ''}|${JSON.stringify(r.path)}|${r.severity}|${start.line}:${start.character}-${end.line}:${end.character}|${message}`;
    })
    .sort();
}

/** The default resolver's readers, http(s) offline (the URL in the message, like the real one). */
function offlineReaders(): Record<string, any> {
  const readers = { ...(createHttpAndFileResolver() as unknown as { resolvers: Record<string, unknown> }).resolvers };
  const reject = { resolve: (ref: { href(): string }) => Promise.reject(new Error(`${OFFLINE}: ${ref.href()}`)) };
  return { ...readers, http: reject, https: reject };
}

/** Readers that answer in a fixed order (sync reads): json-ref-resolver's output then depends on nothing else. */
function deterministicReaders(): Record<string, any> {
  const reject = { resolve: (ref: { href(): string }) => Promise.reject(new Error(`${OFFLINE}: ${ref.href()}`)) };
  const file = {
    resolve: (ref: { href(): string }) => {
      try {
        return Promise.resolve(readFileSync(ref.href(), 'utf8'));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
  return { file, http: reject, https: reject };
}

/** Every object of the parsed document, by path: which objects the result keeps as they are. */
function originals(root: unknown): Map<object, string> {
  const out = new Map<object, string>();
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [any, string];
    if (value === null || typeof value !== 'object' || out.has(value)) continue;
    out.set(value, path);
    for (const key of Object.keys(value)) stack.push([value[key], `${path}/${key}`]);
  }
  return out;
}

interface Captured {
  output?: any;
  originals?: Map<object, string>;
}

/** Wraps a resolver so that Spectral's resolve() call and its output are kept. */
function capturing(resolver: { resolve(source: unknown, opts?: any): Promise<any>; uriCache: unknown }): { resolver: any; captured: Captured } {
  const captured: Captured = {};
  return {
    captured,
    resolver: {
      uriCache: resolver.uriCache,
      async resolve(source: unknown, opts: unknown) {
        captured.originals = originals(source);
        captured.output = await resolver.resolve(source, opts);
        return captured.output;
      },
    },
  };
}

/**
 * Structural equality of two resolver outputs: walks both results (and graph node data) in
 * step, giving each object an id on first sight, so that sharing must match too.
 */
function compareOutputs(a: Captured, b: Captured, options: { frozen: boolean; remote?: boolean }): string[] {
  const diffs: string[] = [];
  const ids = [new Map<object, number>(), new Map<object, number>()];
  let next = 0;
  const walk = (x0: unknown, y0: unknown, at: string) => {
    const stack: [any, any, string][] = [[x0, y0, at]];
    while (stack.length > 0 && diffs.length < 20) {
      const [x, y, path] = stack.pop() as [any, any, string];
      if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') {
        if (!Object.is(x, y)) diffs.push(`${path}: ${String(x)} vs ${String(y)}`);
        continue;
      }
      const ix = ids[0].get(x);
      const iy = ids[1].get(y);
      if (ix !== undefined || iy !== undefined) {
        if (ix !== iy) diffs.push(`${path}: shared differently (${ix} vs ${iy})`);
        continue;
      }
      ids[0].set(x, next);
      ids[1].set(y, next++);
      if (a.originals?.get(x) !== b.originals?.get(y)) diffs.push(`${path}: parsed object ${a.originals?.get(x)} vs ${b.originals?.get(y)}`);
      if (Array.isArray(x) !== Array.isArray(y)) diffs.push(`${path}: array vs object`);
      if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) diffs.push(`${path}: prototype`);
      if (options.frozen && Object.isFrozen(x) !== Object.isFrozen(y)) diffs.push(`${path}: frozen ${Object.isFrozen(x)} vs ${Object.isFrozen(y)}`);
      const kx = Reflect.ownKeys(x);
      const ky = Reflect.ownKeys(y);
      if (kx.map(String).join('\n') !== ky.map(String).join('\n')) {
        diffs.push(`${path}: keys [${kx.map(String).join(', ').slice(0, 300)}] vs [${ky.map(String).join(', ').slice(0, 300)}]`);
        continue;
      }
      for (const key of kx) {
        const dx = Object.getOwnPropertyDescriptor(x, key) as PropertyDescriptor;
        const dy = Object.getOwnPropertyDescriptor(y, key) as PropertyDescriptor;
        if (dx.enumerable !== dy.enumerable || (options.frozen && (dx.writable !== dy.writable || dx.configurable !== dy.configurable))) {
          diffs.push(`${path}/${String(key)}: property descriptor`);
        }
        stack.push([x[key], y[key], `${path}/${String(key)}`]);
      }
    }
  };
  const oa = a.output;
  const ob = b.output;
  walk(oa.result, ob.result, '$');
  const errors = (list: any[]) =>
    list.map((e) => {
      let message = e.message;
      if (options.remote && /https?:\/\//.test(message) && !/ENOENT/.test(message)) message = '<remote>';
      return JSON.stringify([e.code, message, e.path, e.uriStack, e.pointerStack, String(e.uri)]);
    });
  expect(errors(ob.errors), 'errors').toEqual(errors(oa.errors));
  expect(JSON.stringify(ob.refMap), 'refMap').toBe(JSON.stringify(oa.refMap));
  const ga = oa.graph;
  const gb = ob.graph;
  expect(Object.keys(gb.nodes), 'graph nodes').toEqual(Object.keys(ga.nodes));
  expect(JSON.stringify(gb.outgoingEdges), 'graph edges').toBe(JSON.stringify(ga.outgoingEdges));
  // Incoming edges are recorded as concurrent file reads complete: their order varies from run
  // to run with Spectral's own resolver too (seen on a busy machine), so compare them as sets.
  const sortedEdges = (edges: Record<string, string[]>) => JSON.stringify(Object.fromEntries(Object.entries(edges).map(([k, v]) => [k, [...v].sort()])));
  expect(sortedEdges(gb.incomingEdges), 'graph edges').toBe(sortedEdges(ga.incomingEdges));
  for (const node of Object.keys(ga.nodes)) {
    expect(JSON.stringify(gb.getNodeData(node)?.refMap), `refMap of ${node}`).toBe(JSON.stringify(ga.getNodeData(node)?.refMap));
    // Pointer nodes ('#/…', documents without a source) hold immer drafts revoked after resolve().
    if (!node.startsWith('#')) walk(ga.getNodeData(node)?.data, gb.getNodeData(node)?.data, `graph ${node}`);
  }
  return diffs;
}

async function lint(file: string, ruleset: Ruleset, resolver: any, around?: (run: () => Promise<Result[]>) => Promise<Result[]>): Promise<Result[]> {
  const spectral = new Spectral({ resolver });
  spectral.setRuleset(ruleset);
  const document = new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file);
  const run = () => spectral.run(document, { ignoreUnknownFormat: false }) as Promise<Result[]>;
  return around ? around(run) : run();
}

/** A, B and C on one document; returns A's normalized results (for further checks). */
async function checkDocument(file: string, root: string, ruleset: Ruleset, readers: () => Record<string, any>, compareBOutput = true): Promise<string[]> {
  const a = capturing(new Resolver({ resolvers: readers() }));
  const resultsA = await lint(file, ruleset, a.resolver);

  const fast = createFastResolver({ root, allowRemote: false, maxBytes: DEFAULT_LIMITS.maxBytes });
  const b = capturing(fast);
  const deps = new Set<string>();
  const resultsB = await lint(file, ruleset, b.resolver, (run) => fast.withContext({ root, deps }, run));

  const c = capturing(new FastResolver({ resolvers: readers(), freeze: true }));
  const resultsC = await lint(file, ruleset, c.resolver);

  expect(normalize(resultsC), 'C: the engine, same readers').toEqual(normalize(resultsA));
  expect(normalize(resultsB, 'refused'), 'B: the action configuration').toEqual(normalize(resultsA, 'offline'));
  expect(compareOutputs(a.captured, c.captured, { frozen: true }), 'C: resolve() output').toEqual([]);
  if (compareBOutput) expect(compareOutputs(a.captured, b.captured, { frozen: false, remote: true }), 'B: resolve() output').toEqual([]);
  return normalize(resultsA);
}

describe('the fast resolver yields what Spectral\'s default resolver yields', () => {
  const corpus = corpusDir();
  const docs = ['openapi', 'asyncapi'].flatMap((kind) =>
    readdirSync(join(corpus, kind))
      .sort()
      .map((f) => join(kind, f)),
  );

  it('covers the whole corpus', () => expect(docs.length).toBeGreaterThanOrEqual(60));

  it.each(docs)('%s', async (doc) => {
    const file = join(corpus, doc);
    const ruleset = doc.startsWith('asyncapi') ? RULESETS.asyncapi : statSync(file).size < OAS_MAX_BYTES ? RULESETS.oas : RULESETS.ours;
    const expected = await checkDocument(file, corpus, ruleset, offlineReaders);
    expect(expected.length).toBeGreaterThan(0);
  }, 120_000);

  it('on a multi-file fixture: $refs across folders, cycles and a missing file, results in $ref\'d files', async () => {
    const root = join(REPO_ROOT, 'fixtures', 'action', 'multifile-malformed-refs');
    const file = join(root, 'openapi.yaml');
    // With the real (asynchronous) file reader, json-ref-resolver's result depends on the order
    // in which reads complete (runners are shared between $refs to one file): the results
    // Spectral reports do not, and are compared with it; the resolve() outputs are compared
    // with readers that answer in a fixed order.
    const expected = await checkResults(file, root);
    expect(expected.some((r) => r.includes('does-not-exist.yaml'))).toBe(true);
    expect(expected.some((r) => r.includes(`|${join(root, 'shared', 'paths.yaml')}|`))).toBe(true);
    expect(expected.some((r) => r.includes(`|${join(root, 'schemas', 'pet.yaml')}|`))).toBe(true);
    expect(expected.some((r) => r.includes(`|${join(root, 'schemas', 'owner.yaml')}|`))).toBe(true);
    // B reads files with the action's own asynchronous reader, so its resolve() output (key
    // order, which $refs share one object, even graph nodes) depends on the order reads complete,
    // as Spectral's does: CI saw "shared differently (6 vs 53)". B's results are compared; the
    // resolve() output is compared for C, which has A's fixed-order readers.
    await checkDocument(file, root, FIXTURE_RULESET, deterministicReaders, false);
  });

  /** A vs B only (the real asynchronous readers), and the dependencies B records. */
  async function checkResults(file: string, root: string): Promise<string[]> {
    const resultsA = await lint(file, FIXTURE_RULESET, new Resolver({ resolvers: offlineReaders() }));
    const fast = createFastResolver({ root, allowRemote: false });
    const deps = new Set<string>();
    const resultsB = await lint(file, FIXTURE_RULESET, fast, (run) => fast.withContext({ root, deps }, run));
    expect(normalize(resultsB, 'refused')).toEqual(normalize(resultsA, 'offline'));
    expect([...deps].map((d) => d.slice(root.length + 1)).sort()).toEqual(['schemas/owner.yaml', 'schemas/pet.yaml', 'shared/paths.yaml']);
    return normalize(resultsA);
  }
});

describe('the fast resolver is the confined resolver: same refusals, same messages', () => {
  let dir: string;
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer(() => ({ status: 200, body: 'type: string\n', contentType: 'application/yaml' }));
    dir = mkdtempSync(join(tmpdir(), 'sir-fast-resolver-'));
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
        '    Missing: { $ref: "./missing.yaml" }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  for (const allowRemote of [false, true]) {
    it(`allow-remote-refs: ${allowRemote}`, async () => {
      const root = join(dir, 'ws');
      const file = join(root, 'openapi.yaml');
      const run = async (resolver: ConfinedResolver) => {
        const deps = new Set<string>();
        const results = await lint(file, RULESETS.ours, resolver, (go) => resolver.withContext({ root, deps } satisfies ResolveContext, go));
        return { results: normalize(results), deps: [...deps].sort() };
      };
      const before = server.requests.length;
      const confined = await run(new ConfinedResolver({ root, allowRemote }));
      const fast = await run(createFastResolver({ root, allowRemote }));
      expect(fast).toEqual(confined);
      const refs = fast.results.filter((r) => r.startsWith('invalid-ref|'));
      if (allowRemote) {
        expect(refs).toHaveLength(1); // missing.yaml
        expect(server.requests.length - before).toBe(2); // once per resolver
      } else {
        expect(refs.some((r) => /Refused to read ".*outside\.yaml": it is outside the workspace/.test(r))).toBe(true);
        expect(refs.some((r) => /Refused to read ".*link\.yaml": it is a symbolic link to/.test(r))).toBe(true);
        expect(refs.some((r) => /Refused to fetch "http:\/\/127\.0\.0\.1:\d+\/remote\.yaml": remote \$refs are disabled/.test(r))).toBe(true);
        expect(server.requests.length).toBe(before);
      }
    });
  }

  it('is a ConfinedResolver with the same options and a fresh uri cache per document', async () => {
    const root = join(dir, 'ws');
    const fast = createFastResolver({ root, allowRemote: false, maxBytes: 10 });
    expect(fast).toBeInstanceOf(FastConfinedResolver);
    expect(fast).toBeInstanceOf(ConfinedResolver);
    expect(fast.options).toEqual({ root, allowRemote: false, maxBytes: 10 });
    const results = normalize(await lint(join(root, 'openapi.yaml'), RULESETS.ours, fast, (go) => fast.withContext({ root }, go)));
    // maxBytes applies to $ref'd files as in ConfinedResolver.
    expect(results.filter((r) => r.startsWith('invalid-ref|') && r.includes('inside.yaml'))).toHaveLength(1);
    expect((fast.uriCache as unknown as { _data: object })._data).toEqual({});
  });
});
