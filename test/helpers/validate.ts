/**
 * Validates a test document with the real tools: OpenAPI with Spectral's own `oas2-schema` /
 * `oas3-schema` rules, AsyncAPI 2.x/3.x with the real @asyncapi/parser. A rule must never be
 * tested on a document that no real tool would accept (except deliberately malformed cases).
 */
import { Parser } from '@asyncapi/parser';
import { Spectral } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { DiagnosticSeverity } from '@stoplight/types';
import { toDocument } from './testRule';

let oasSpectral: Spectral | undefined;
let asyncParser: Parser | undefined;

function kindOf(data: unknown): 'openapi' | 'asyncapi' | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  if ('openapi' in data || 'swagger' in data) return 'openapi';
  if ('asyncapi' in data) return 'asyncapi';
  return undefined;
}

/** Error-level problems real tools report for the document; [] when it is valid. */
export async function validationErrors(document: string | object): Promise<string[]> {
  const doc = toDocument(document);
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const kind = kindOf(doc.data);
  if (kind === 'openapi') {
    if (!oasSpectral) {
      oasSpectral = new Spectral();
      oasSpectral.setRuleset({
        extends: [[oas as never, 'off']],
        rules: { 'oas2-schema': 'error', 'oas3-schema': 'error', 'oas3-valid-schema-example': 'off' },
      } as never);
    }
    const results = await oasSpectral.run(doc);
    return results
      .filter((r) => r.severity === DiagnosticSeverity.Error)
      .map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
  }
  if (kind === 'asyncapi') {
    asyncParser ??= new Parser();
    const { diagnostics } = await asyncParser.parse(text);
    return diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${String(d.code)} at ${d.path.join('.')}: ${d.message}`);
  }
  return ['neither an OpenAPI nor an AsyncAPI document'];
}
