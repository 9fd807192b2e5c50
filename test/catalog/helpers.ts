import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export const ROOT = resolve(__dirname, '..', '..');
export const FIXTURES = ['fixtures/catalog/order-service.asyncapi.yaml', 'fixtures/catalog/payments.asyncapi.yaml', 'fixtures/catalog/orders.openapi.yaml'];
export const GOLDEN = join(__dirname, 'golden');

/** The shared read-only corpus (../shared/corpus from the repo root). */
export function corpusDir(kind: 'asyncapi' | 'openapi'): string {
  const dir = resolve(ROOT, '..', 'shared', 'corpus', kind);
  if (!existsSync(dir)) {
    throw new Error(`corpus not found at ${dir}: these tests need the shared corpus checked out next to the repository (../shared/corpus/${kind})`);
  }
  return dir;
}

export function corpusFiles(kind: 'asyncapi' | 'openapi'): string[] {
  const dir = corpusDir(kind);
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

let ajv: Ajv | undefined;
function validator(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const name of ['catalog-output.schema.json', 'spec-output.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')));
  }
  return ajv;
}

/** Validates output JSON against a published schema; returns the errors ([] when valid). */
export function schemaErrors(schema: 'catalog-output.schema.json' | 'spec-output.schema.json', data: unknown): string[] {
  const a = validator();
  const id = (JSON.parse(readFileSync(join(ROOT, 'schemas', schema), 'utf8')) as { $id: string }).$id;
  const validate = a.getSchema(id)!;
  // Round-trip through JSON, exactly as the CLI prints it.
  return validate(JSON.parse(JSON.stringify(data))) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Mermaid's real parser, running headless on a jsdom window (mermaid needs DOMPurify, which needs a DOM). */
export async function mermaidParse(source: string): Promise<void> {
  const g = globalThis as unknown as { window?: unknown; document?: unknown };
  if (!g.window) {
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    g.window = dom.window;
    g.document = dom.window.document;
  }
  const { default: mermaid } = await import('mermaid');
  await mermaid.parse(source);
}
