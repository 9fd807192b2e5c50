/** The overview diagram: stable ids, escaped labels that Mermaid's real parser accepts. */
import { describe, expect, it } from 'vitest';
import { mermaidLabel, renderMermaid, type CatalogEntry } from '../../catalog/index';
import { nodeId } from '../../catalog/mermaid';
import { mermaidParse } from './helpers';

const src = { file: 'a.yaml', pointer: '/x' };
function entry(name: string, channel: string, producer: string, consumers: string[]): CatalogEntry {
  return {
    key: name,
    name,
    version: null,
    summary: null,
    origins: ['asyncapi-message'],
    channels: [{ value: channel, source: src }],
    producers: [{ value: producer, source: src }],
    consumers: consumers.map((c) => ({ value: c, source: src })),
    deliveryGuarantees: [],
    deadLetterQueues: [],
    retryPolicies: [],
    correlationIds: [],
    payload: { format: 'json-schema', fields: [] },
    sources: [src],
  };
}

describe('mermaid diagram', () => {
  it('node ids are stable and distinct for names with the same slug', () => {
    expect(nodeId('svc', 'Order Service')).toBe(nodeId('svc', 'Order Service'));
    expect(nodeId('svc', 'order-service')).not.toBe(nodeId('svc', 'order_service'));
    expect(nodeId('svc', 'end')).toMatch(/^svc_end_[0-9a-z]+$/);
  });

  it('escapes quotes, pipes, brackets, #, <, > and backticks', () => {
    expect(mermaidLabel('a "b" | <c> #1 `d` & e')).toBe('a #quot;b#quot; #124; #lt;c#gt; #35;1 #96;d#96; #amp; e');
  });

  it('hostile names still parse', async () => {
    const diagram = renderMermaid({
      events: [
        entry('Order "Placed" | v1', 'orders/{id}/events [main]', 'svc (A) <b>', ['end', 'graph', 'click', 'x --> y', 'subgraph']),
        entry('a;b%%c', '#hash & ampersand', 'style', ['classDef', '`md`']),
      ],
      httpApis: [{ file: 'api.yaml', title: 'API {v2} "beta"', version: '1.0', service: 'svc (A) <b>', servers: [], operations: [] }],
      integrations: [{ file: 'api.yaml', service: 'style', integration: { value: { name: 'Stripe ]>', kind: 'payment' }, source: src } }],
    });
    await expect(mermaidParse(diagram)).resolves.toBeUndefined();
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
  });

  it('the same input renders the same diagram', () => {
    const input = { events: [entry('A', 'c', 'p', ['q'])], httpApis: [], integrations: [] };
    expect(renderMermaid(input)).toBe(renderMermaid(input));
  });
});
