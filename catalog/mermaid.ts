/**
 * Mermaid flowchart of services, channels, HTTP APIs, webhooks and third-party integrations.
 * Node ids are stable (a prefix, a slug and a hash of the name), labels are quoted and
 * entity-escaped so any name renders.
 */
import type { CatalogEntry, HttpApi, IntegrationInfo } from './types';

/** Escapes text for a quoted Mermaid label (`"..."`). */
export function mermaidLabel(value: string): string {
  return value
    .replace(/\r?\n+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .trim();
}

function fnv(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** A stable node id: `prefix_slug_hash`. */
export function nodeId(prefix: string, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 32);
  return `${prefix}_${slug ? slug + '_' : ''}${fnv(name)}`;
}

export interface DiagramInput {
  events: CatalogEntry[];
  httpApis: HttpApi[];
  integrations: IntegrationInfo[];
}

export function renderMermaid(input: DiagramInput): string {
  const nodes = new Map<string, string>();
  const edges = new Map<string, { from: string; to: string; arrow: string; labels: Set<string> }>();
  const service = (name: string) => {
    const id = nodeId('svc', name);
    nodes.set(id, `${id}("${mermaidLabel(name)}")`);
    return id;
  };
  const edge = (from: string, to: string, label: string, arrow = '-->') => {
    const key = `${from} ${arrow} ${to}`;
    const e = edges.get(key) ?? { from, to, arrow, labels: new Set<string>() };
    if (label) e.labels.add(label);
    edges.set(key, e);
  };
  for (const e of input.events) {
    for (const ch of e.channels) {
      const webhook = e.origins.includes('openapi-webhook') && ch.value.startsWith('webhook ');
      const id = nodeId(webhook ? 'wh' : 'ch', ch.value);
      nodes.set(id, webhook ? `${id}[/"${mermaidLabel(ch.value)}"/]` : `${id}[("${mermaidLabel(ch.value)}")]`);
      for (const p of new Set(e.producers.map((x) => x.value))) edge(service(p), id, e.name);
      for (const c of new Set(e.consumers.map((x) => x.value))) edge(id, service(c), e.name);
    }
  }
  for (const api of input.httpApis) {
    const label = `HTTP API: ${api.title ?? api.file}${api.version ? ` ${api.version}` : ''}`;
    const id = nodeId('api', `${api.file} ${label}`);
    nodes.set(id, `${id}{{"${mermaidLabel(label)}"}}`);
    if (api.service) edge(id, service(api.service), 'served by', '---');
  }
  for (const i of input.integrations) {
    const v = i.integration.value;
    const name = typeof v.name === 'string' ? v.name : 'unnamed integration';
    const label = typeof v.kind === 'string' ? `${name} (${v.kind})` : name;
    const id = nodeId('ext', name);
    nodes.set(id, `${id}>"${mermaidLabel(label)}"]`);
    if (i.service) edge(service(i.service), id, 'calls', '-.->');
  }
  const lines = ['flowchart LR'];
  for (const id of [...nodes.keys()].sort()) lines.push(`  ${nodes.get(id)}`);
  for (const key of [...edges.keys()].sort()) {
    const e = edges.get(key)!;
    const labels = [...e.labels];
    const label = labels.length > 4 ? `${labels.slice(0, 4).join(', ')} +${labels.length - 4}` : labels.join(', ');
    lines.push(`  ${e.from} ${e.arrow}${label ? `|"${mermaidLabel(label)}"|` : ''} ${e.to}`);
  }
  return lines.join('\n');
}
