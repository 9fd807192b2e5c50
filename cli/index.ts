/**
 * spectral-integration-ruleset — command-line program shipped with the package.
 *
 *   spectral-integration-ruleset catalog <files...> [--format markdown|json] [--output FILE] [--strict]
 *   spectral-integration-ruleset spec <files...>    [--format markdown|json] [--output FILE] [--strict] [--title TEXT]
 *
 * Exit codes: 0 ok; 1 conflicting declarations found and --strict given; 2 usage error;
 * 3 an input file could not be read, parsed or is not a supported document; 4 the output
 * file could not be written; 70 internal error (a bug: please report it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog, buildSpec, renderCatalogMarkdown, renderSpecMarkdown, type CatalogResult } from '../catalog/index';

export const EXIT = { ok: 0, conflicts: 1, usage: 2, input: 3, output: 4, internal: 70 } as const;

export const HELP = `Usage: spectral-integration-ruleset <command> <files...> [options]

Generates documentation from the OpenAPI and AsyncAPI documents the ruleset checks.

Commands:
  catalog <files...>   Event catalog: one entry per event (AsyncAPI 2.x/3.x messages,
                       OpenAPI 3.1 webhooks) with channel, producer, consumers, delivery
                       guarantee, dead-letter queue, retry policy, correlation id, payload
                       fields and where each was declared. Events declared in several
                       documents (same name and version) are merged; conflicts are reported.
  spec <files...>      Integration specification (Markdown): executive summary, Mermaid
                       overview diagram, synchronous contracts, event catalog, retries,
                       idempotency, dead-letter queues, rate limits, circuit breakers,
                       webhooks, third-party integrations, security, and the gaps.

Options:
  -f, --format <markdown|json>  Output format (default: markdown). JSON follows
                                schemas/catalog-output.schema.json / spec-output.schema.json.
  -o, --output <file>           Write to a file instead of standard output.
      --strict                  Exit with 1 when declarations conflict.
      --title <text>            Title of the specification (spec only).
  -h, --help                    Show this help.
  -v, --version                 Show the version.

Exit codes:
  0   success (conflicts, if any, are reported in the output and on stderr)
  1   conflicting declarations found and --strict given
  2   usage error (unknown command or option, no files)
  3   an input file could not be read or parsed, or is not a supported document
      (OpenAPI 3.x, AsyncAPI 2.x/3.x); the output still covers the other files
  4   the output file could not be written
  70  internal error (please report it)

Examples:
  npx spectral-integration-ruleset catalog asyncapi/*.yaml -o docs/event-catalog.md
  npx spectral-integration-ruleset spec openapi.yaml asyncapi.yaml --strict -o docs/integration-spec.md
`;

declare const __PACKAGE_VERSION__: string | undefined;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

class UsageError extends Error {}

function report(catalog: CatalogResult, io: CliIO): void {
  for (const e of catalog.errors) io.stderr(`error: ${e.file}: ${e.message}\n`);
  for (const c of catalog.conflicts) {
    io.stderr(`conflict: ${c.message}\n`);
    for (const v of c.values) io.stderr(`  ${v.value}  at ${v.source.file}${v.source.line !== undefined ? `:${v.source.line}` : ''} (${v.source.pointer || '/'})\n`);
  }
  for (const w of catalog.warnings) io.stderr(`warning: ${w}\n`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        strict: { type: 'boolean' },
        title: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`error: ${(error as Error).message.split('\n')[0]}\nRun with --help for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : 'development'}\n`);
    return EXIT.ok;
  }
  try {
    const [command, ...files] = positionals;
    if (!command) throw new UsageError('no command given: use `catalog` or `spec`');
    if (command !== 'catalog' && command !== 'spec') throw new UsageError(`unknown command \`${command}\`: use \`catalog\` or \`spec\``);
    if (files.length === 0) throw new UsageError(`\`${command}\` needs at least one OpenAPI or AsyncAPI file`);
    const format = values.format ?? 'markdown';
    if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be \`markdown\` or \`json\`, not \`${format}\``);
    if (values.title !== undefined && command !== 'spec') throw new UsageError('--title applies to `spec` only');

    let output: string;
    let catalog: CatalogResult;
    if (command === 'catalog') {
      catalog = await buildCatalog(files, { cwd: io.cwd });
      output = format === 'json' ? JSON.stringify(catalog, null, 2) + '\n' : renderCatalogMarkdown(catalog);
    } else {
      const spec = await buildSpec(files, { cwd: io.cwd, title: values.title });
      catalog = spec.catalog;
      output = format === 'json' ? JSON.stringify(spec, null, 2) + '\n' : renderSpecMarkdown(spec);
    }
    report(catalog, io);
    if (values.output) {
      const target = resolve(io.cwd, values.output);
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, output);
      } catch (error) {
        io.stderr(`error: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (check the directory exists and is writable)\n`);
        return EXIT.output;
      }
    } else io.stdout(output);
    if (catalog.errors.length) return EXIT.input;
    if (values.strict && catalog.conflicts.length) {
      io.stderr(`${catalog.conflicts.length} conflicting declaration${catalog.conflicts.length === 1 ? '' : 's'} (--strict)\n`);
      return EXIT.conflicts;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\nRun with --help for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`internal error: ${(error as Error).message}\n${process.env.DEBUG ? `${(error as Error).stack}\n` : 'Set DEBUG=1 for the stack trace, and please report it.\n'}`);
    return EXIT.internal;
  }
}

// Run when executed directly (lib/cli.js, or `tsx cli/index.ts`), not when imported by tests.
if (require.main === module) {
  run(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${String(error)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
