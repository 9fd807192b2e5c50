/**
 * In-process per-rule profile (run by bench/run.mjs through tsx, or alone):
 *
 *   tsx bench/profile.ts [--src] [--runs N] [--json out.json] <document>...
 *
 * For each document, exactly as `spectral lint` does it (a Document parsed with the YAML
 * parser, the file+http resolver, @stoplight/spectral-core's Spectral#run):
 *  - an empty ruleset: parsing + $ref resolution + Spectral's fixed cost, the baseline;
 *  - createIntegrationRuleset() with every rule's `then.function` wrapped in a timer (sync and
 *    async), giving per rule: calls, milliseconds inside the function (incl. Spectral's option
 *    validation wrapper), results, and exceptions.
 * `ours - empty` minus the sum of function time is what Spectral spends on our rules outside
 * their functions: matching the `given` paths and turning results into ranges.
 * With --givens, also each rule's `given` alone (see givenCosts).
 *
 * The ruleset comes from lib/index.js (the built package, what the CLI runs) unless --src is
 * given or lib/ is missing; then from rulesets/create.ts (the working tree).
 */
import { Document, Ruleset, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(__dirname, '..');

interface RuleStat {
  id: string;
  calls: number;
  /** Wall time inside the rule's functions. */
  ms: number;
  /** CPU time (user + system, whole process) inside the rule's functions: robust to a busy machine. */
  cpuMs: number;
  results: number;
  errors: number;
  firstError?: string;
}

export interface DocProfile {
  doc: string;
  bytes: number;
  /** Median over runs, milliseconds (wall; *Cpu: CPU time of the process). */
  parseMs: number;
  emptyMs: number;
  emptyCpuMs: number;
  /** Our rules with every function replaced by a no-op: the cost of matching our `given`s. */
  noopMs: number;
  noopCpuMs: number;
  oursMs: number;
  oursCpuMs: number;
  /** Sum over rules of time inside rule functions (mean over runs). */
  functionsMs: number;
  functionsCpuMs: number;
  results: number;
  rules: RuleStat[];
  /**
   * With --givens: each rule alone, function replaced by a no-op, run by Spectral's Runner on
   * the already-resolved document: the CPU cost of matching that rule's `given` (what every
   * rule pays before its function is called). Sorted, costliest first.
   */
  givens?: { id: string; given: string[]; resolved: boolean; cpuMs: number; matches: number }[];
  /** With --givens: the same Runner with every rule together (no-op functions), and with the real functions. */
  runnerAllNoopCpuMs?: number;
  runnerAllCpuMs?: number;
}

export interface ProfileOutput {
  source: 'lib' | 'sources';
  runs: number;
  rules: number;
  docs: DocProfile[];
}

type AnyFn = ((...args: unknown[]) => unknown) & Record<string, unknown>;
type CreateFn = (options?: Record<string, unknown>) => RulesetDefinition & { rules: Record<string, any> };

async function loadCreate(fromSources: boolean): Promise<{ create: CreateFn; source: 'lib' | 'sources' }> {
  const lib = join(ROOT, 'lib', 'index.js');
  if (!fromSources && existsSync(lib)) {
    const mod = require(lib) as { createIntegrationRuleset?: CreateFn };
    if (typeof mod.createIntegrationRuleset === 'function') return { create: mod.createIntegrationRuleset, source: 'lib' };
  }
  const mod = require(join(ROOT, 'rulesets', 'create.ts')) as { createIntegrationRuleset: CreateFn };
  return { create: mod.createIntegrationRuleset, source: 'sources' };
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Replaces every then.function of the ruleset with a timed wrapper recording into `stats`
 * (or, with `noop`, with a function that does nothing).
 */
function instrument(ruleset: ReturnType<CreateFn>, stats: Map<string, RuleStat>, noop = false): void {
  for (const [id, rule] of Object.entries(ruleset.rules)) {
    const stat: RuleStat = { id, calls: 0, ms: 0, cpuMs: 0, results: 0, errors: 0 };
    stats.set(id, stat);
    const thens = Array.isArray(rule.then) ? rule.then : [rule.then];
    for (const then of thens) {
      const fn = then.function as AnyFn;
      if (typeof fn !== 'function') continue;
      const fail = (error: unknown) => {
        stat.errors++;
        stat.firstError ??= error instanceof Error ? error.message : String(error);
      };
      const timed = function (this: unknown, ...args: unknown[]) {
        stat.calls++;
        if (noop) return undefined;
        const t0 = performance.now();
        const c0 = cpuNow();
        const stop = () => {
          stat.ms += performance.now() - t0;
          stat.cpuMs += cpuNow() - c0;
        };
        let out: unknown;
        try {
          out = fn.apply(this, args);
        } catch (error) {
          stop();
          fail(error);
          throw error;
        }
        if (out && typeof (out as Promise<unknown>).then === 'function') {
          return (out as Promise<unknown>).then(
            (v) => (stop(), v),
            (error) => {
              stop();
              fail(error);
              throw error;
            },
          );
        }
        stop();
        return out;
      } as AnyFn;
      // Keep what Spectral reads from the function (validator, name, schemas).
      for (const key of Reflect.ownKeys(fn)) {
        if (key === 'length' || key === 'prototype') continue;
        const desc = Reflect.getOwnPropertyDescriptor(fn, key)!;
        try {
          Reflect.defineProperty(timed, key, desc);
        } catch {
          /* non-configurable: skip */
        }
      }
      then.function = timed;
    }
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function lint(
  path: string,
  text: string,
  ruleset: RulesetDefinition,
): Promise<{ ms: number; cpuMs: number; results: { code: string | number }[] }> {
  (globalThis as { gc?: () => void }).gc?.();
  const spectral = new Spectral({ resolver: createHttpAndFileResolver() });
  spectral.setRuleset(ruleset);
  const t0 = performance.now();
  const c0 = cpuNow();
  const document = new Document(text, Parsers.Yaml, path);
  const results = await spectral.run(document, { ignoreUnknownFormat: false });
  return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, results };
}

/**
 * Per-rule cost of `given` matching. Uses Spectral's internal Runner and DocumentInventory
 * (not exported by the package, so required by file path) to resolve the document once and
 * traverse it once per rule.
 */
async function givenCosts(path: string, text: string, create: CreateFn): Promise<Pick<DocProfile, 'givens' | 'runnerAllNoopCpuMs' | 'runnerAllCpuMs'>> {
  const coreDist = dirname(require.resolve('@stoplight/spectral-core'));
  const { Runner } = require(join(coreDist, 'runner', 'runner.js')) as { Runner: new (inv: unknown) => { run(r: Ruleset): Promise<void>; results: unknown[] } };
  const { DocumentInventory } = require(join(coreDist, 'documentInventory.js')) as {
    DocumentInventory: new (doc: unknown, resolver: unknown) => { resolve(): Promise<void>; resolved: unknown };
  };
  const document = new Document(text, Parsers.Yaml, path);
  const inventory = new DocumentInventory(document, createHttpAndFileResolver());
  await inventory.resolve();
  const all = create();
  const formats = new Ruleset(all as RulesetDefinition).formats;
  (document as unknown as { formats: Set<unknown> }).formats = new Set([...formats].filter((f) => f(inventory.resolved, document.source)));
  const gc = (globalThis as { gc?: () => void }).gc;
  const time = async (def: RulesetDefinition): Promise<number> => {
    const ruleset = new Ruleset(def);
    gc?.();
    const c0 = cpuNow();
    await new Runner(inventory).run(ruleset);
    return cpuNow() - c0;
  };
  const base = await time({ rules: {} });
  const givens: NonNullable<DocProfile['givens']> = [];
  for (const id of Object.keys(all.rules)) {
    const one = create();
    const stats = new Map<string, RuleStat>();
    instrument(one, stats, true);
    const rule = one.rules[id];
    const cpuMs = (await time({ formats: one.formats, rules: { [id]: rule } } as RulesetDefinition)) - base;
    givens.push({
      id,
      given: Array.isArray(rule.given) ? rule.given : [rule.given],
      resolved: rule.resolved !== false,
      cpuMs: +cpuMs.toFixed(1),
      matches: stats.get(id)?.calls ?? 0,
    });
  }
  givens.sort((a, b) => b.cpuMs - a.cpuMs || a.id.localeCompare(b.id));
  const noop = create();
  instrument(noop, new Map(), true);
  const runnerAllNoopCpuMs = +((await time(noop as RulesetDefinition)) - base).toFixed(1);
  const runnerAllCpuMs = +((await time(create() as RulesetDefinition)) - base).toFixed(1);
  return { givens, runnerAllNoopCpuMs, runnerAllCpuMs };
}

export async function profile(
  docs: string[],
  opts: { fromSources?: boolean; runs?: number; givens?: boolean; log?: (s: string) => void } = {},
): Promise<ProfileOutput> {
  const runs = Math.max(1, opts.runs ?? 1);
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const { create, source } = await loadCreate(!!opts.fromSources);
  const gc = (globalThis as { gc?: () => void }).gc;
  const out: ProfileOutput = { source, runs, rules: Object.keys(create().rules).length, docs: [] };
  for (const path of docs) {
    const text = readFileSync(path, 'utf8');
    const m: Record<'parse' | 'empty' | 'emptyCpu' | 'noop' | 'noopCpu' | 'ours' | 'oursCpu', number[]> = {
      parse: [], empty: [], emptyCpu: [], noop: [], noopCpu: [], ours: [], oursCpu: [],
    };
    const totals = new Map<string, RuleStat>();
    let results = 0;
    for (let r = 0; r < runs; r++) {
      gc?.();
      const t0 = performance.now();
      void new Document(text, Parsers.Yaml, path).data;
      m.parse.push(performance.now() - t0);
      const empty = await lint(path, text, { rules: {} });
      m.empty.push(empty.ms);
      m.emptyCpu.push(empty.cpuMs);
      const noopRuleset = create();
      instrument(noopRuleset, new Map(), true);
      const noop = await lint(path, text, noopRuleset as RulesetDefinition);
      m.noop.push(noop.ms);
      m.noopCpu.push(noop.cpuMs);
      const ruleset = create();
      const stats = new Map<string, RuleStat>();
      instrument(ruleset, stats);
      const run = await lint(path, text, ruleset as RulesetDefinition);
      m.ours.push(run.ms);
      m.oursCpu.push(run.cpuMs);
      results = run.results.length;
      for (const res of run.results) {
        const s = stats.get(String(res.code));
        if (s) s.results++;
      }
      for (const s of stats.values()) {
        const t = totals.get(s.id) ?? { id: s.id, calls: 0, ms: 0, cpuMs: 0, results: 0, errors: 0 };
        t.calls += s.calls;
        t.ms += s.ms;
        t.cpuMs += s.cpuMs;
        t.results += s.results;
        t.errors += s.errors;
        t.firstError ??= s.firstError;
        totals.set(s.id, t);
      }
    }
    const round = (n: number, d = 1) => +n.toFixed(d);
    const rules = [...totals.values()]
      .map((t) => ({
        ...t,
        calls: Math.round(t.calls / runs),
        ms: round(t.ms / runs, 2),
        cpuMs: round(t.cpuMs / runs, 2),
        results: Math.round(t.results / runs),
        errors: Math.round(t.errors / runs),
      }))
      .sort((a, b) => b.cpuMs - a.cpuMs || a.id.localeCompare(b.id));
    const doc: DocProfile = {
      doc: basename(path),
      bytes: statSync(path).size,
      parseMs: round(median(m.parse)),
      emptyMs: round(median(m.empty)),
      emptyCpuMs: round(median(m.emptyCpu)),
      noopMs: round(median(m.noop)),
      noopCpuMs: round(median(m.noopCpu)),
      oursMs: round(median(m.ours)),
      oursCpuMs: round(median(m.oursCpu)),
      functionsMs: round(rules.reduce((a, r) => a + r.ms, 0)),
      functionsCpuMs: round(rules.reduce((a, r) => a + r.cpuMs, 0)),
      results,
      rules,
    };
    if (opts.givens) Object.assign(doc, await givenCosts(path, text, create));
    out.docs.push(doc);
    const hot = rules
      .filter((r) => r.cpuMs >= 1)
      .slice(0, 5)
      .map((r) => `${r.id} ${r.cpuMs.toFixed(0)}`)
      .join(', ');
    const throws = rules.filter((r) => r.errors);
    log(
      `  profile ${doc.doc} (CPU ms): empty ${doc.emptyCpuMs.toFixed(0)}, our givens (no-op functions) +${(doc.noopCpuMs - doc.emptyCpuMs).toFixed(0)}, ` +
        `ours +${(doc.oursCpuMs - doc.emptyCpuMs).toFixed(0)} of which in functions ${doc.functionsCpuMs.toFixed(0)}` +
        (hot ? `; hottest: ${hot}` : '') +
        (throws.length ? `; THROWS: ${throws.map((r) => `${r.id} (${r.errors}x "${r.firstError}")`).join(', ')}` : ''),
    );
    if (doc.givens) {
      log(
        `    givens alone (CPU ms, Runner on the resolved document): all together ${doc.runnerAllNoopCpuMs}, with functions ${doc.runnerAllCpuMs}; ` +
          doc.givens
            .filter((g) => g.cpuMs >= 5)
            .slice(0, 8)
            .map((g) => `${g.id} ${g.cpuMs.toFixed(0)}`)
            .join(', '),
      );
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let json: string | undefined;
  let runs = 1;
  let fromSources = false;
  let givens = false;
  const docs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = args[++i];
    else if (args[i] === '--runs') runs = Number(args[++i]);
    else if (args[i] === '--src') fromSources = true;
    else if (args[i] === '--givens') givens = true;
    else docs.push(resolve(args[i]));
  }
  if (!docs.length) {
    console.error('usage: tsx bench/profile.ts [--src] [--givens] [--runs N] [--json out.json] <document>...');
    process.exit(2);
  }
  const result = await profile(docs, { fromSources, runs, givens });
  if (json) writeFileSync(json, JSON.stringify(result, null, 2) + '\n');
  else {
    for (const d of result.docs) {
      console.log(
        `\n${d.doc} (${(d.bytes / 1e6).toFixed(2)} MB, ruleset from ${result.source}), CPU ms: ` +
          `empty ${d.emptyCpuMs}, no-op functions ${d.noopCpuMs}, ours ${d.oursCpuMs}, in functions ${d.functionsCpuMs}`,
      );
      for (const r of d.rules.filter((r) => r.cpuMs >= 0.5 || r.errors)) {
        console.log(
          `  ${r.id.padEnd(36)} ${r.cpuMs.toFixed(1).padStart(8)} CPU ms ${r.ms.toFixed(1).padStart(8)} wall ms ${String(r.calls).padStart(7)} calls ` +
            `${String(r.results).padStart(6)} results${r.errors ? `  ${r.errors} throws: ${r.firstError}` : ''}`,
        );
      }
    }
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
