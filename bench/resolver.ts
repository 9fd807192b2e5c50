/**
 * $ref resolution, in process: the action's resolver today (ConfinedResolver, i.e.
 * @stoplight/json-ref-resolver with confined readers) against action/fast-resolver.ts.
 *
 *   npx tsx bench/resolver.ts [--runs N] [--lint] [--all] [document...]
 *   node --expose-gc --import tsx bench/resolver.ts ...     (collects garbage between runs)
 *
 * Each measurement resolves a freshly parsed document (json-ref-resolver freezes its input)
 * the way Spectral's DocumentInventory calls the resolver (baseUri + parseResolveResult).
 * Columns (median of the runs, wall ms and, in brackets, CPU ms of the process):
 *  - old: ConfinedResolver (what action/lint.ts uses now; Spectral's default engine);
 *  - fast: createFastResolver(...) (freeze off, what the action would use);
 *  - fast+freeze: the same, deep-freezing the result like json-ref-resolver (bit-exact).
 * With --lint, also Spectral#run with our default ruleset (parse + resolve + rules), old vs
 * fast. Default documents: the seven large ones of ../shared/corpus/openapi (--all: every
 * corpus document).
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { createFastResolver } from '../action/fast-resolver';
import { ConfinedResolver } from '../action/resolver';
import { createIntegrationRuleset } from '../rulesets/create';
import { corpusDir } from '../test/support/paths';

const LARGE = [
  'stripe-spec3-2023-09.yaml',
  'github-rest-2023-oxide.json',
  'github-rest-2020.json',
  'openai.yaml',
  'box-platform.json',
  'twilio-api-v2010.yaml',
  'kubernetes-swagger2.json',
];

type AnyDocument = Document<unknown, any>;
type AnyResolver = { resolve(source: unknown, opts: Record<string, unknown>): Promise<{ errors: unknown[]; refMap: object }> };

const gc = (globalThis as { gc?: () => void }).gc;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times fn() on a fresh input each run: wall and CPU milliseconds (medians). */
async function time<T>(runs: number, prepare: () => T, fn: (input: T) => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare();
    gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn(input);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** What Spectral's DocumentInventory passes to resolve(). */
function resolveOptions(document: AnyDocument) {
  return {
    baseUri: document.source,
    parseResolveResult: (opts: { targetAuthority: { href(): string }; result: unknown }) => {
      const source = opts.targetAuthority.href().replace(/\/$/, '');
      const parsed = new Document(String(opts.result), (extname(source) === '.json' ? Parsers.Json : Parsers.Yaml) as typeof Parsers.Yaml, source);
      opts.result = parsed.data;
      return Promise.resolve(opts);
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const withLint = args.includes('--lint');
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const corpus = corpusDir();
  const files = positional.length
    ? positional
    : args.includes('--all')
      ? ['openapi', 'asyncapi'].flatMap((k) => readdirSync(join(corpus, k)).sort().map((f) => join(corpus, k, f)))
      : LARGE.map((f) => join(corpus, 'openapi', f));

  const old = (root: string): AnyResolver => new ConfinedResolver({ root, allowRemote: false }) as unknown as AnyResolver;
  const fast = (root: string, freeze: boolean): AnyResolver => createFastResolver({ root, allowRemote: false, freeze }) as unknown as AnyResolver;

  const rows: string[][] = [];
  const header = ['document', 'MB', '$refs', 'old ms', 'fast ms', 'speed-up', 'fast+freeze ms', ...(withLint ? ['lint old ms', 'lint fast ms', 'lint speed-up'] : [])];
  console.log(`runs: ${runs}${gc ? '' : ' (run with node --expose-gc --import tsx for steadier numbers)'}\n`);
  let sumOld = 0;
  let sumFast = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const root = join(file, '..');
    const parse = (): AnyDocument => new Document(text, Parsers.Yaml, file);
    const resolveWith = (make: () => AnyResolver) => (document: AnyDocument) => make().resolve(document.data, resolveOptions(document));
    const refs = Object.keys((await resolveWith(() => fast(root, false))(parse())).refMap).length;
    const tOld = await time(runs, parse, resolveWith(() => old(root)));
    const tFast = await time(runs, parse, resolveWith(() => fast(root, false)));
    const tFrozen = await time(runs, parse, resolveWith(() => fast(root, true)));
    sumOld += tOld.wall;
    sumFast += tFast.wall;
    const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} (${t.cpu.toFixed(0)})`;
    const row = [basename(file), (statSync(file).size / 1e6).toFixed(2), String(refs), fmt(tOld), fmt(tFast), `${(tOld.wall / tFast.wall).toFixed(1)}×`, fmt(tFrozen)];
    if (withLint) {
      const ruleset = createIntegrationRuleset();
      const lintWith = (make: () => unknown) => async (document: AnyDocument) => {
        const spectral = new Spectral({ resolver: make() as never });
        spectral.setRuleset(ruleset as never);
        await spectral.run(document, { ignoreUnknownFormat: false });
      };
      const lOld = await time(runs, parse, lintWith(() => old(root)));
      const lFast = await time(runs, parse, lintWith(() => fast(root, false)));
      row.push(fmt(lOld), fmt(lFast), `${(lOld.wall / lFast.wall).toFixed(1)}×`);
    }
    rows.push(row);
    console.error(`  ${row.join('  ')}`);
  }
  rows.push(['**total**', '', '', sumOld.toFixed(0), sumFast.toFixed(0), `${(sumOld / sumFast).toFixed(1)}×`, '', ...(withLint ? ['', '', ''] : [])]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? ':---' : '---:')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
