/**
 * createIntegrationRuleset and the composition every preset goes through: option handling,
 * presets, and the safety net that keeps one rule from aborting Spectral's whole run.
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import { Yaml } from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { dedupeResults, expandingFunction, guardFunction, targetGivens } from '../rulesets/compose';
import { ALL_RULES, createIntegrationRuleset } from '../rulesets/create';
import defaultPreset from '../rulesets/index';
import standardsPreset from '../rulesets/standards';
import { DOMAINS } from '../rulesets/types';

const catalogIds = [
  'rest-openapi-3', 'rest-resource-plural', 'rest-no-verbs-in-path', 'rest-path-kebab-case', 'rest-max-nesting', 'rest-security-declared',
  'http-no-body-on-get-head-delete', 'http-put-patch-body', 'http-post-create-201', 'http-delete-success', 'http-status-codes', 'http-auth-responses', 'http-error-schema',
  'rate-limit-429', 'rate-limit-retry-after', 'rate-limit-headers', 'rate-limit-error-body', 'rate-limit-policy',
  'idempotency-key-required', 'idempotency-key-schema', 'idempotency-responses', 'idempotency-key-on-safe-method', 'idempotency-policy',
  'webhook-signature-header', 'webhook-signature-algorithm', 'webhook-timestamp', 'webhook-payload-envelope', 'webhook-delivery-policy', 'webhook-2xx-response',
  'event-envelope', 'event-envelope-types', 'event-name', 'event-versioned', 'event-documented', 'event-producer', 'event-consumers', 'event-delivery-guarantee', 'event-correlation-id', 'event-dlq',
  'resilience-retry-bounded', 'resilience-retry-backoff', 'resilience-circuit-breaker', 'resilience-retry-needs-idempotency', 'resilience-timeout', 'integration-third-party',
];

describe('the catalog', () => {
  it('every catalog id is a rule, and every rule is in the catalog', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...catalogIds].sort());
  });
  it('the default and /standards presets have every rule, each with a docs anchor', () => {
    for (const preset of [defaultPreset, standardsPreset]) {
      expect(Object.keys(preset.rules).sort()).toEqual([...catalogIds].sort());
      for (const [id, rule] of Object.entries(preset.rules)) expect(rule.documentationUrl).toMatch(new RegExp(`#${id}$`));
    }
  });
});

describe('createIntegrationRuleset options', () => {
  it('picks domains', () => {
    const rules = Object.keys(createIntegrationRuleset({ domains: ['webhooks'] }).rules);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((id) => id.startsWith('webhook-'))).toBe(true);
  });
  it('sets severities and turns rules off', () => {
    const r = createIntegrationRuleset({ 'rest-max-nesting': 'error', 'rest-openapi-3': false, 'rate-limit-429': { severity: 'off' } });
    expect(r.rules['rest-max-nesting'].severity).toBe('error');
    expect(r.rules['rest-openapi-3'].severity).toBe('off');
    expect(r.rules['rate-limit-429'].severity).toBe('off');
  });
  it.each([
    [{ 'no-such-rule': true }, /unknown option "no-such-rule"/],
    [{ domains: ['rest', 'soap'] }, /option "domains" must be a list of/],
    [{ errorFormat: 'xml' }, /option "errorFormat" must be one of "seed", "problem-json", "either"/],
    [{ 'rest-max-nesting': 'loud' }, /severity "loud" is not one of/],
    [{ 'rest-max-nesting': { max: 'three' } }, /invalid options for rule "rest-max-nesting"/],
    [{ 'rest-max-nesting': { maximum: 3 } }, /invalid options for rule "rest-max-nesting"/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => createIntegrationRuleset(options as never)).toThrow(message);
  });
  it('every domain has rules', () => {
    for (const domain of DOMAINS) expect(ALL_RULES.some((r) => r.domain === domain), domain).toBe(true);
  });
});

describe('the safety net around rule functions', () => {
  const doc = () => new Document('openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n', Yaml, 'api.yaml');
  it('turns a throwing function into one result instead of aborting the run', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({
      rules: {
        boom: { given: '$.info', severity: 'error', then: { function: guardFunction('boom', () => { throw new Error('kaput'); }) } },
        async: { given: '$.info', severity: 'error', then: { function: guardFunction('async', async () => { throw new Error('later'); }) } },
      },
    } as never);
    const results = await spectral.run(doc());
    expect(results.map((r) => [r.code, r.path.join('.'), r.message]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['async', 'info', 'Internal error in rule async (please report it with this document): later'],
      ['boom', 'info', 'Internal error in rule boom (please report it with this document): kaput'],
    ]);
  });
  it('without it, Spectral would abort the run (so the net is needed)', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ rules: { boom: { given: '$.info', then: { function: () => { throw new Error('kaput'); } } } } } as never);
    await expect(spectral.run(doc())).rejects.toThrow(/Error running|threw an exception/);
  });
  it('skips unresolved $ref placeholders and drops results that run through them', async () => {
    const seen: unknown[] = [];
    const fn = guardFunction('probe', (input: unknown) => {
      seen.push(input);
      return [{ message: 'through a broken ref', path: ['components', 'schemas', 'A', 'properties', 'x'] }];
    });
    const spectral = new Spectral();
    spectral.setRuleset({ rules: { probe: { given: '$.components.schemas[*]', then: { function: fn } } } } as never);
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: "#/nowhere"}\n    B: {type: object}\n';
    const results = await spectral.run(new Document(text, Yaml, 'api.yaml'));
    expect(seen).toEqual([{ type: 'object' }]);
    expect(results.filter((r) => r.code === 'probe')).toEqual([]);
  });
});

describe('rule options', () => {
  it("every option a rule's function accepts has a documented default, and vice versa", () => {
    for (const rule of ALL_RULES) {
      const factory = rule as unknown as { defaults: object; build: (o: object) => { then: unknown } };
      const built = factory.build(factory.defaults);
      const thens = (Array.isArray(built.then) ? built.then : [built.then]) as { function: { schemas?: { options?: { properties?: object } | null } } }[];
      const accepted = new Set(thens.flatMap((t) => Object.keys(t.function.schemas?.options?.properties ?? {})));
      const documented = new Set(Object.keys(factory.defaults));
      for (const key of documented) expect(accepted.has(key), `${rule.id}: default "${key}" is not an option of its function`).toBe(true);
      for (const key of accepted) expect(documented.has(key), `${rule.id}: option "${key}" has no default in rulesets/`).toBe(true);
    }
  });
});

describe('targeted givens', () => {
  it('splits wildcard givens into fixed prefixes that Spectral looks up directly', async () => {
    const t = targetGivens(["$['x-rate-limit']", "$.paths[*]['x-rate-limit']", '$.paths[*][get,post].responses'], true)!;
    expect(t.given).toEqual(["$['x-rate-limit']", '$.paths']);
    expect(targetGivens('$.paths', true)).toBeUndefined();
    expect(targetGivens('$..responses', true)).toBeUndefined();
  });
  it('visits exactly the nodes Spectral would, with their full paths', async () => {
    const seen: string[] = [];
    const t = targetGivens(['$.paths[*][get,post]', '$.webhooks[*].post'], true)!;
    const fn = expandingFunction(t.patterns, (_input: unknown, _o: unknown, ctx: { path: (string | number)[] }) => {
      seen.push(ctx.path.join('/'));
      return ctx.path[1] === '/a' ? [{ message: 'x' }] : [];
    }, 'probe');
    const spectral = new Spectral();
    spectral.setRuleset({ rules: { probe: { given: t.given, severity: 'error', then: { function: fn } } } } as never);
    const text = [
      'openapi: 3.1.0', 'info: {title: t, version: "1"}',
      'paths:', '  /a: {get: {responses: {"200": {description: ok}}}, put: {responses: {"200": {description: ok}}}}',
      '  /b: {$ref: "#/components/pathItems/B"}',
      'webhooks:', '  w: {post: {responses: {"200": {description: ok}}}}',
      'components:', '  pathItems:', '    B: {post: {responses: {"200": {description: ok}}}}', '',
    ].join('\n');
    const results = await spectral.run(new Document(text, Yaml, 'api.yaml'));
    expect(seen.sort()).toEqual(['paths//a/get', 'paths//b/post', 'webhooks/w/post']);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//a/get']);
  });
  it('a walk that throws (a broken proxy) gives the rule\'s internal-error result, never an exception', () => {
    const t = targetGivens(['$.paths[*].get'], true)!;
    let called = false;
    const fn = expandingFunction(t.patterns, () => {
      called = true;
      return [];
    }, 'probe-rule') as unknown as (input: unknown, options: unknown, context: unknown) => unknown;
    const broken = new Proxy({}, { ownKeys: () => { throw new TypeError('ownKeys trap failed'); } });
    const out = fn(broken, null, { path: ['paths'], documentInventory: {} });
    expect(out).toEqual([{ message: 'Internal error in rule probe-rule (please report it with this document): ownKeys trap failed', path: ['paths'] }]);
    expect(called).toBe(false);
  });
  it('rules with the same patterns share one walk, but each call gets its own path array', async () => {
    const calls: Record<string, { node: unknown; path: (string | number)[] }[]> = { one: [], two: [] };
    const t = targetGivens(['$.paths[*][get,post]'], true)!;
    const probe = (name: string) =>
      expandingFunction(t.patterns, (node: unknown, _o: unknown, ctx: { path: (string | number)[] }) => {
        calls[name].push({ node, path: ctx.path });
        return [{ message: name }];
      }, name);
    const spectral = new Spectral();
    spectral.setRuleset({
      rules: {
        one: { given: t.given, severity: 'error', then: { function: probe('one') } },
        two: { given: t.given, severity: 'error', then: { function: probe('two') } },
      },
    } as never);
    const text = ['openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths:', '  /a: {get: {responses: {}}, post: {responses: {}}}', '  /b: {get: {responses: {}}}', ''].join('\n');
    const results = await spectral.run(new Document(text, Yaml, 'api.yaml'));
    expect(calls.one.map((c) => c.path.join('/'))).toEqual(['paths//a/get', 'paths//a/post', 'paths//b/get']);
    expect(calls.two.map((c) => c.path.join('/'))).toEqual(calls.one.map((c) => c.path.join('/')));
    calls.one.forEach((c, i) => {
      expect(calls.two[i].node).toBe(c.node);
      expect(calls.two[i].path).not.toBe(c.path);
    });
    expect(results.map((r) => `${r.code} ${r.path.join('/')}`).sort()).toEqual(
      ['one paths//a/get', 'one paths//a/post', 'one paths//b/get', 'two paths//a/get', 'two paths//a/post', 'two paths//b/get'],
    );
  });
  it('each leaf gets Spectral\'s whole context (its own object), and keys Spectral may add are kept', async () => {
    const t = targetGivens(['$.paths[*].get'], true)!;
    const seen: Record<string, unknown>[] = [];
    const fn = expandingFunction(t.patterns, (_node: unknown, _o: unknown, ctx: Record<string, unknown>) => {
      seen.push(ctx);
      return [];
    }, 'probe') as unknown as (input: unknown, options: unknown, context: unknown) => unknown;
    const spectral = new Spectral();
    spectral.setRuleset({ rules: { probe: { given: t.given, severity: 'error', then: { function: fn } } } } as never);
    const text = ['openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths:', '  /a: {get: {responses: {}}}', '  /b: {get: {responses: {}}}', ''].join('\n');
    await spectral.run(new Document(text, Yaml, 'api.yaml'));
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    for (const ctx of seen) {
      expect(Object.keys(ctx).sort()).toEqual(['document', 'documentInventory', 'path', 'rule']);
      expect((ctx.rule as { name: string }).name).toBe('probe');
      expect(ctx.document).toBe(seen[0].document);
      expect(ctx.documentInventory).toBe(seen[0].documentInventory);
    }
    expect(seen.map((c) => (c.path as string[]).join('/'))).toEqual(['paths//a/get', 'paths//b/get']);
    // A context with more keys (a later Spectral) is passed on whole.
    const extra: Record<string, unknown>[] = [];
    const probe = expandingFunction(t.patterns, (_n: unknown, _o: unknown, ctx: Record<string, unknown>) => void extra.push(ctx), 'probe') as unknown as (
      input: unknown, options: unknown, context: unknown) => unknown;
    probe({ '/x': { get: {} } }, null, { path: ['paths'], document: 1, documentInventory: 2, rule: 3, extraKey: 4 });
    expect(extra).toEqual([{ path: ['paths', '/x', 'get'], document: 1, documentInventory: 2, rule: 3, extraKey: 4 }]);
  });
  it('de-duplication that cannot read a node keeps every result, never throws', () => {
    const broken = new Proxy({}, { get: () => { throw new TypeError('get trap failed'); } });
    const results = [{ message: 'a', path: ['x', 'y'] }, { message: 'a', path: ['x', 'y'] }];
    expect(dedupeResults(results, { x: broken })).toBe(results);
    expect(dedupeResults(results, { x: { y: {} } })).toEqual([results[0]]);
    expect(dedupeResults([results[0], { message: 'b', path: ['x', 'y'] }], { x: { y: {} } })).toHaveLength(2);
  });
  it('returns once the results Spectral would merge (a shared $ref), and Spectral reports exactly the same', async () => {
    const t = targetGivens(['$.paths[*].get'], true)!;
    const probe = (_node: unknown, _o: unknown, ctx: { path: (string | number)[] }) => [
      { message: 'no content', path: [...ctx.path, 'responses', '404', 'content'] },
      { message: 'described', path: [...ctx.path, 'responses', '404', 'description'] },
      { message: 'described', path: [...ctx.path, 'responses', '404', 'x-note'] },
    ];
    let returned = 0;
    const expanding = expandingFunction(t.patterns, guardFunction('probe', probe), 'probe') as unknown as (...a: unknown[]) => unknown[];
    const counted = (...args: unknown[]) => {
      const out = expanding(...args);
      returned += out.length;
      return out;
    };
    const text = [
      'openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths:',
      '  /a: {get: {responses: {"404": {$ref: "#/components/responses/NotFound"}}}}',
      '  /b: {get: {responses: {"404": {$ref: "#/components/responses/NotFound"}}}}',
      '  /c: {get: {responses: {"404": &nf {description: gone, x-note: n}}}}',
      '  /d: {get: {responses: {"404": *nf}}}',
      'components: {responses: {NotFound: {description: missing, x-note: n}}}', '',
    ].join('\n');
    const run = async (rule: Record<string, unknown>) => {
      const spectral = new Spectral();
      spectral.setRuleset({ rules: { probe: { severity: 'error', ...rule } } } as never);
      const results = await spectral.run(new Document(text, Yaml, 'api.yaml'));
      return results.map((r) => `${r.path.join('/')} ${r.range.start.line}:${r.range.start.character} ${r.message}`).sort();
    };
    const shipped = await run({ given: t.given, then: { function: counted } });
    // /b's two results are /a's (both at components/responses/NotFound); a YAML alias is a copy, kept.
    expect(returned).toBe(9);
    const written = await run({ given: '$.paths[*].get', then: { function: guardFunction('probe', probe) } });
    expect(shipped).toEqual(written);
    expect(shipped).toHaveLength(9);
    expect(shipped.filter((r) => r.startsWith('components/responses/NotFound'))).toHaveLength(3);
  });
});
