/** The event catalog as Markdown. */
import { anchor, at, code, declared, fullAt, NOT_DECLARED, table, text, values } from './md';
import type { CatalogEntry, CatalogResult, DeadLetterQueue, Payload, RetryPolicy, Sourced } from './types';

export interface CatalogMarkdownOptions {
  /** Level of the top heading (default 1; the specification embeds the catalog at 2). */
  headingLevel?: number;
  /** Title of the top heading (default "Event catalog"). */
  title?: string;
}

/** "name (vN)", or just the name when it already ends with its version (`order.placed.v1`). */
export function eventTitle(e: CatalogEntry): string {
  if (!e.version || e.name.toLowerCase().endsWith(`v${e.version}`.toLowerCase())) return e.name;
  return `${e.name} (v${e.version})`;
}

export function eventAnchor(e: CatalogEntry): string {
  return anchor('event', eventTitle(e));
}

export function dlqText(d: DeadLetterQueue): string {
  const parts = [d.target ? code(d.target) : `${d.kind} (no target named)`];
  const extra: string[] = [];
  if (d.kind !== 'x-dlq') extra.push(`${d.kind} redrive`);
  if (d.retention) extra.push(`retention ${d.retention}`);
  if (d.alertThreshold !== undefined) extra.push(`alert at ${d.alertThreshold}`);
  if (d.maxReceiveCount !== undefined) extra.push(`after ${d.maxReceiveCount} receives`);
  if (d.service) extra.push(text(d.service));
  return parts.join('') + (extra.length ? ` (${extra.join(', ')})` : '');
}

export function retryText(r: RetryPolicy): string {
  const { service, ...policy } = r;
  return declared(policy) + (service ? ` (${text(service)})` : '');
}

function list<T>(items: Sourced<T>[], show: (v: T) => string, withSource: boolean): string {
  if (items.length === 0) return NOT_DECLARED;
  if (!withSource) return values(items, show).join(', ');
  return items.map((i) => `${show(i.value)} — ${at(i.source)}`).join('<br>');
}

function payloadTable(p: Payload, multi: boolean): string {
  const lines: string[] = [];
  const kind = p.format === 'avro' ? 'Avro' : p.format === 'json-schema' ? 'JSON Schema' : `${p.schemaFormat ?? 'unknown'} (not read)`;
  if (p.fields.length === 0) {
    lines.push(p.format === 'unknown' ? `Payload: ${text(kind)}; fields not listed.` : `Payload: ${NOT_DECLARED} (no fields).`);
  } else {
    lines.push(`Payload (${kind}, ${p.fields.length} field${p.fields.length === 1 ? '' : 's'}):`, '');
    const header = ['Field', 'Type', 'Required', 'Notes'];
    if (multi) header.push('Declared in');
    lines.push(
      table(
        header,
        p.fields.map((f) => {
          const notes: string[] = [];
          if (f.values) notes.push(`${f.values.length === 1 ? 'const' : 'one of'} ${f.values.map((v) => code(JSON.stringify(v))).join(', ')}`);
          if (f.description) notes.push(text(f.description.length > 160 ? `${f.description.slice(0, 157)}...` : f.description));
          const row = [code(f.name), text(f.format ? `${f.type} (${f.format})` : f.type), f.required ? 'yes' : 'no', notes.join('; ')];
          if (multi) row.push((f.declaredIn ?? []).map(code).join(', '));
          return row;
        }),
      ),
    );
  }
  if (p.truncated) lines.push('', '*Field list cut at the depth or size limit, or at a circular schema.*');
  if (p.unresolvedRefs?.length) lines.push('', `Unresolved: ${p.unresolvedRefs.map(code).join(', ')} (their fields are missing).`);
  return lines.join('\n');
}

export function renderEntry(e: CatalogEntry, level: number): string {
  const h = '#'.repeat(level);
  const lines = [`<a id="${eventAnchor(e)}"></a>`, '', `${h} ${text(eventTitle(e))}`, ''];
  if (e.summary) lines.push(`> ${text(e.summary)}`, '');
  const multi = new Set(e.sources.map((s) => s.file)).size > 1;
  lines.push(
    table(
      ['Property', 'Value'],
      [
        ['Version', e.version ? `${code(e.version)}${e.versionSource ? ` — ${at(e.versionSource)}` : ''}` : NOT_DECLARED],
        ['Channel', list(e.channels, code, true)],
        ['Producer', list(e.producers, text, true)],
        ['Consumers', list(e.consumers, text, true)],
        ['Delivery guarantee', list(e.deliveryGuarantees, text, true)],
        ['Dead-letter queue', list(e.deadLetterQueues, dlqText, true)],
        ['Retry policy', list(e.retryPolicies, retryText, true)],
        ['Correlation id', list(e.correlationIds, (c) => code(c.location) + (c.description ? ` (${text(c.description)})` : ''), true)],
      ],
    ),
    '',
    payloadTable(e.payload, multi),
    '',
    'Declared in:',
    '',
    ...e.sources.map((s) => `- ${fullAt(s)}`),
    '',
  );
  return lines.join('\n');
}

/** Renders the catalog (or just its entries) as Markdown. */
export function renderCatalogMarkdown(input: CatalogResult | CatalogEntry[], options: CatalogMarkdownOptions = {}): string {
  const catalog: CatalogResult = Array.isArray(input) ? { documents: [], events: input, conflicts: [], errors: [], warnings: [] } : input;
  const level = options.headingLevel ?? 1;
  const h = (n: number) => '#'.repeat(level + n);
  const out: string[] = [`${h(0)} ${options.title ?? 'Event catalog'}`, ''];
  if (catalog.documents.length) {
    out.push(
      `Generated by \`spectral-integration-ruleset catalog\` from ${catalog.documents.length} document${catalog.documents.length === 1 ? '' : 's'}; edit the documents, not this file.`,
      '',
      table(
        ['Document', 'Format', 'Title', 'Version', 'Service'],
        catalog.documents.map((d) => [
          code(d.file),
          `${d.kind === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${text(d.specVersion)}`,
          d.title ? text(d.title) : NOT_DECLARED,
          d.version ? text(d.version) : NOT_DECLARED,
          d.service ? text(d.service) : NOT_DECLARED,
        ]),
      ),
      '',
    );
  }
  if (catalog.errors.length) {
    out.push(`${h(1)} Documents that could not be read`, '', ...catalog.errors.map((e) => `- ${code(e.file)} (${e.kind}): ${text(e.message)}`), '');
  }
  out.push(`${h(1)} Events`, '');
  if (catalog.events.length === 0) out.push('No events are declared in these documents.', '');
  else {
    out.push(
      table(
        ['Event', 'Version', 'Channel', 'Producer', 'Consumers', 'Delivery guarantee', 'Dead-letter queue'],
        catalog.events.map((e) => [
          `[${text(e.name)}](#${eventAnchor(e)})`,
          e.version ? text(e.version) : NOT_DECLARED,
          list(e.channels, code, false),
          list(e.producers, text, false),
          list(e.consumers, text, false),
          list(e.deliveryGuarantees, text, false),
          e.deadLetterQueues.length ? values(e.deadLetterQueues, (d) => (d.target ? code(d.target) : d.kind)).join(', ') : NOT_DECLARED,
        ]),
      ),
      '',
    );
  }
  if (catalog.conflicts.length) {
    out.push(`${h(1)} Conflicts (${catalog.conflicts.length})`, '');
    for (const c of catalog.conflicts) {
      const ev = catalog.events.find((e) => e.key === c.event);
      out.push(`- **${ev ? `[${text(eventTitle(ev))}](#${eventAnchor(ev)})` : text(c.event)}** (${c.aspect}): ${text(c.message)}`);
      for (const v of c.values) out.push(`  - ${code(v.value)} — ${fullAt(v.source)}`);
    }
    out.push('');
  }
  if (catalog.events.length) {
    out.push(`${h(1)} Event details`, '');
    for (const e of catalog.events) out.push(renderEntry(e, level + 2));
  }
  if (catalog.warnings.length) out.push(`${h(1)} Notes`, '', ...catalog.warnings.map((w) => `- ${text(w)}`), '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
