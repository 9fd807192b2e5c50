/**
 * `npm run fuzz -- [--cases N] [--minutes M] [--seed S]`: a long fuzz campaign over the full
 * ruleset (both presets) through the real Spectral engine. Runs in a child process watched by
 * a watchdog, so a hanging case is reported (and the campaign goes on) instead of stalling.
 * Prints cases run and failures found; failing documents are written to .tmp/fuzz-failures/.
 *
 * Three kinds of case, interleaved: (1) a random mutation sequence of a fixture document through
 * the engine; (2) a direct call of one custom function with an arbitrary JS value (fc.anything)
 * as its target, the root being a fixture document or another arbitrary value; (3) every custom
 * function called directly on every node of a mutated document (cheap, many calls per case).
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';

const ROOT = resolve(__dirname, '..');
const HANG_MS = 30_000;

interface Progress { type: 'progress'; cases: number }
interface Failure { type: 'failure'; cases: number; file: string; error: string; doc: unknown }
interface Done { type: 'done'; cases: number }
type Message = Progress | Failure | Done;

const send = (m: Message) => {
  try {
    process.send!(m);
  } catch {
    // Not serializable (a cycle): report it without the document.
    process.send!({ ...m, doc: m.type === 'failure' ? '(not serializable)' : undefined } as Message);
  }
};

async function workerMain(): Promise<void> {
  const seed = Number(process.env.FUZZ_WORKER_SEED);
  const cases = Number(process.env.FUZZ_WORKER_CASES);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { allPaths, anythingArb, applyMutations, builtFunctions, callFunction, lintBoth, mutationArb, seedDocuments } =
    require('../test/fuzz/harness') as typeof import('../test/fuzz/harness');
  const seeds = seedDocuments();
  const functions = builtFunctions();
  const gen = fc.tuple(
    fc.nat(seeds.length - 1),
    fc.array(mutationArb, { minLength: 1, maxLength: 10 }),
    fc.nat(functions.length - 1),
    anythingArb,
    fc.option(anythingArb, { nil: undefined }),
  );
  const samples = fc.sample(gen, { numRuns: cases, seed });
  let n = 0;
  for (const [i, mutations, f, value, root] of samples) {
    n++;
    send({ type: 'progress', cases: n } satisfies Progress);
    const kind = n % 3;
    const doc = kind === 1 ? undefined : applyMutations(seeds[i].data, mutations);
    try {
      if (kind === 0) await lintBoth(doc as never);
      else if (kind === 1) await callFunction(functions[f], value, root === undefined ? seeds[i].data : root);
      else {
        // Every function on every node of the mutated document (as target), the document as root.
        const getAt = (p: (string | number)[]) => p.reduce<unknown>((c, k) => (c as Record<string, unknown>)?.[k as string], doc);
        const paths = allPaths(doc as never);
        for (const b of functions) await callFunction(b, getAt(paths[(f + n) % Math.max(paths.length, 1)] ?? []), doc);
      }
    } catch (error) {
      let shown: unknown = doc;
      if (kind === 1) {
        try {
          shown = { function: functions[f].rule, target: JSON.parse(JSON.stringify(value) ?? 'null'), root: root === undefined ? seeds[i].file : JSON.parse(JSON.stringify(root) ?? 'null') };
        } catch {
          shown = { function: functions[f].rule, target: String(value) };
        }
      }
      send({ type: 'failure', cases: n, file: seeds[i].file, error: String((error as Error)?.stack ?? error), doc: shown } satisfies Failure);
    }
  }
  send({ type: 'done', cases: n } satisfies Done);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: '5000' }, minutes: { type: 'string', default: '0' }, seed: { type: 'string' } },
  });
  const total = Number(values.cases);
  const deadline = Number(values.minutes) > 0 ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
  let seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
  const outDir = join(ROOT, '.tmp', 'fuzz-failures');
  let casesRun = 0;
  let failures = 0;
  let hangs = 0;
  const started = Date.now();
  console.log(`fuzz campaign: up to ${total} cases${deadline < Infinity ? `, ${values.minutes} min` : ''}, seed ${seed}`);
  while (casesRun < total && Date.now() < deadline) {
    const batch = Math.min(500, total - casesRun);
    const result = await new Promise<{ cases: number; hung: boolean }>((done) => {
      const worker = fork(__filename, [], {
        execArgv: process.execArgv,
        env: { ...process.env, FUZZ_WORKER: '1', FUZZ_WORKER_SEED: String(seed), FUZZ_WORKER_CASES: String(batch) },
      });
      let last = 0;
      let timer = setTimeout(onHang, HANG_MS);
      function onHang() {
        hangs++;
        console.log(`HANG: case ${casesRun + last + 1} (seed ${seed}) ran over ${HANG_MS / 1000}s`);
        worker.kill('SIGKILL');
        done({ cases: last + 1, hung: true });
      }
      worker.on('message', (m: Message) => {
        clearTimeout(timer);
        timer = setTimeout(onHang, HANG_MS);
        if (m.type === 'progress') last = m.cases;
        if (m.type === 'failure') {
          failures++;
          mkdirSync(outDir, { recursive: true });
          const file = join(outDir, `seed-${seed}-case-${m.cases}.json`);
          writeFileSync(file, JSON.stringify({ seedFile: m.file, error: m.error, document: m.doc }, null, 2));
          console.log(`FAILURE: ${m.error.split('\n')[0]} (document in ${file})`);
        }
        if (m.type === 'done') last = m.cases;
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0 && code !== null) {
          failures++;
          console.log(`WORKER CRASHED (exit ${code}) after case ${casesRun + last}`);
        }
        done({ cases: last, hung: false });
      });
    });
    if (result.cases === 0) {
      console.log('the fuzz worker made no progress: stopping');
      failures++;
      break;
    }
    casesRun += result.cases;
    seed = (seed + 1) % 2 ** 31;
    process.stdout.write(`  ${casesRun} cases, ${failures} failures, ${hangs} hangs, ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  }
  console.log(`\ncases run: ${casesRun}\nfailures found: ${failures}\nhangs found: ${hangs}\nseconds: ${((Date.now() - started) / 1000).toFixed(1)}`);
  process.exit(failures + hangs > 0 ? 1 : 0);
}

if (process.env.FUZZ_WORKER === '1') void workerMain().then(() => process.exit(0));
else void main();
