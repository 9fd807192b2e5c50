/** Reads every document once and extracts what the catalog and the specification need. */
import { extractAsyncApi, type AsyncOperationFacts } from './asyncapi';
import { InputError, loadDocument, type LoadedDocument } from './load';
import { mergeEntries } from './merge';
import { extractOpenApi } from './openapi';
import type { CatalogEntry, CatalogResult, HttpApi, InputProblem, WebhookInfo } from './types';

export interface BuildOptions {
  /** Paths are read and shown relative to this directory (default: process.cwd()). */
  cwd?: string;
}

/** Everything read from the documents, before rendering. */
export interface Collected {
  catalog: CatalogResult;
  loaded: LoadedDocument[];
  asyncOperations: AsyncOperationFacts[];
  httpApis: HttpApi[];
  webhooks: WebhookInfo[];
}

export async function collect(files: string[], options: BuildOptions = {}): Promise<Collected> {
  const cwd = options.cwd ?? process.cwd();
  const errors: InputProblem[] = [];
  const warnings: string[] = [];
  const entries: CatalogEntry[] = [];
  const out: Collected = {
    catalog: { documents: [], events: [], conflicts: [], errors, warnings },
    loaded: [],
    asyncOperations: [],
    httpApis: [],
    webhooks: [],
  };
  for (const path of files) {
    try {
      const doc = loadDocument(path, cwd);
      if (doc.kind === 'asyncapi') {
        const x = await extractAsyncApi(doc);
        out.catalog.documents.push(x.info);
        entries.push(...x.events);
        out.asyncOperations.push(...x.operations);
        warnings.push(...x.warnings);
      } else {
        const x = extractOpenApi(doc);
        out.catalog.documents.push(x.info);
        entries.push(...x.events);
        out.httpApis.push(x.api);
        out.webhooks.push(...x.webhooks);
        warnings.push(...x.warnings);
      }
      out.loaded.push(doc);
    } catch (error) {
      if (error instanceof InputError) errors.push(error.problem);
      else throw error;
    }
  }
  const { events, conflicts } = mergeEntries(entries);
  out.catalog.events = events;
  out.catalog.conflicts = conflicts;
  return out;
}

