/**
 * Event catalog and integration specification generated from OpenAPI and AsyncAPI documents.
 * Public API for the CLI and the GitHub Action:
 *   const catalog = await buildCatalog(['asyncapi.yaml']);
 *   const markdown = renderCatalogMarkdown(catalog);
 */
import { collect, type BuildOptions } from './collect';
import type { CatalogResult } from './types';

export * from './types';
export { collect, type BuildOptions, type Collected } from './collect';
export { renderCatalogMarkdown } from './markdown';
export { buildSpec, renderSpecMarkdown } from './spec';
export { renderMermaid, mermaidLabel } from './mermaid';

/** Reads the documents and builds the event catalog (documents that cannot be read are listed in `errors`). */
export async function buildCatalog(files: string[], options: BuildOptions = {}): Promise<CatalogResult> {
  return (await collect(files, options)).catalog;
}
