/**
 * Event catalog and specification on the fixtures: golden Markdown, JSON against the
 * published schemas, producer/consumer logic for AsyncAPI 2.x and 3.x, merging and conflicts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildSpec, renderCatalogMarkdown, renderSpecMarkdown, type CatalogResult, type SpecResult } from '../../catalog/index';
import { FIXTURES, GOLDEN, ROOT, mermaidParse, schemaErrors } from './helpers';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

let catalog: CatalogResult;
let spec: SpecResult;
beforeAll(async () => {
  catalog = await buildCatalog(FIXTURES, { cwd: ROOT });
  spec = await buildSpec(FIXTURES, { cwd: ROOT });
});

const event = (name: string) => {
  const e = catalog.events.find((x) => x.name === name);
  if (!e) throw new Error(`no event ${name}`);
  return e;
};
const vals = (list: { value: unknown }[]) => [...new Set(list.map((x) => x.value))];

describe('catalog on the fixtures', () => {
  it('reads every fixture', () => {
    expect(catalog.errors).toEqual([]);
    expect(catalog.documents.map((d) => [d.kind, d.specVersion, d.service])).toEqual([
      ['asyncapi', '3.0.0', 'order-service'],
      ['asyncapi', '2.6.0', 'payments-service'],
      ['openapi', '3.1.0', 'order-service'],
    ]);
  });

  it('golden Markdown (catalog)', () => golden('catalog.md', renderCatalogMarkdown(catalog)));
  it('golden Markdown (spec)', () => golden('spec.md', renderSpecMarkdown(spec)));

  it('JSON output matches the published schemas', () => {
    expect(schemaErrors('catalog-output.schema.json', catalog)).toEqual([]);
    expect(schemaErrors('spec-output.schema.json', spec)).toEqual([]);
  });

  it('3.x send produces, receive consumes; 2.x subscribe produces, publish consumes', () => {
    expect(vals(event('OrderPlaced').producers)).toEqual(['order-service']);
    // x-consumers (3.0 doc) plus the 2.6 publish operation of the payments service.
    expect(vals(event('OrderPlaced').consumers)).toEqual(['fulfillment-service', 'analytics-service', 'payments-service']);
    expect(vals(event('PaymentCompleted').producers)).toEqual(['payments-service']);
    expect(vals(event('PaymentCompleted').consumers)).toEqual(['order-service', 'ledger-service']);
  });

  it('x-producer replaces the producer', () => {
    expect(vals(event('refund.requested.v1').producers)).toEqual(['support-portal']);
    expect(vals(event('refund.requested.v1').consumers)).toEqual(['payments-service']);
  });

  it('merges an event declared in two documents into one entry with both sources', () => {
    const e = event('OrderPlaced');
    expect(catalog.events.filter((x) => x.name === 'OrderPlaced')).toHaveLength(1);
    expect(e.version).toBe('1');
    expect(e.sources.map((s) => s.file)).toEqual(['fixtures/catalog/order-service.asyncapi.yaml', 'fixtures/catalog/payments.asyncapi.yaml']);
    expect(e.sources[0]).toEqual({ file: 'fixtures/catalog/order-service.asyncapi.yaml', pointer: '/components/messages/OrderPlaced', line: expect.any(Number) });
  });

  it('reads payload fields through $ref and allOf, nested with dotted names', () => {
    const fields = Object.fromEntries(event('OrderPlaced').payload.fields.map((f) => [f.name, f]));
    expect(fields['event_id']).toMatchObject({ type: 'string', format: 'uuid', required: true });
    expect(fields['data.customer.email']).toMatchObject({ type: 'string', format: 'email', required: false });
    expect(fields['data.items']).toMatchObject({ type: 'array<object>', required: true });
    expect(fields['data.items[].quantity']).toMatchObject({ type: 'integer', required: true });
    expect(fields['data.total.currency']).toMatchObject({ type: 'string', required: true });
  });

  it('reports conflicting payload field types (in the output and per value source)', () => {
    expect(catalog.conflicts).toHaveLength(1);
    expect(catalog.conflicts[0]).toMatchObject({ event: 'OrderPlaced@1', aspect: 'payload-field-type', field: 'data.total.amount' });
    expect(catalog.conflicts[0].values.map((v) => [v.value, v.source.file])).toEqual([
      ['number', 'fixtures/catalog/order-service.asyncapi.yaml'],
      ['string', 'fixtures/catalog/payments.asyncapi.yaml'],
    ]);
  });

  it('delivery guarantees and DLQs from extensions and SQS bindings', () => {
    expect(vals(event('OrderCancelled').deliveryGuarantees)).toEqual(['at-most-once']);
    expect(vals(event('refund.requested.v1').deliveryGuarantees)).toEqual(['at-least-once']);
    expect(event('refund.requested.v1').deadLetterQueues[0].value).toEqual({ kind: 'sqs', target: 'refund-requests-dlq', maxReceiveCount: 5, service: 'payments-service' });
    expect(event('PaymentCompleted').deadLetterQueues[0].value).toMatchObject({ kind: 'x-dlq', target: 'payments.completed.v1.order-service.dlq', retention: 'P14D', alertThreshold: 5 });
  });

  it('OpenAPI 3.1 webhooks are events produced by the API service', () => {
    const e = event('order.shipped.v1');
    expect(e.origins).toEqual(['openapi-webhook']);
    expect(vals(e.producers)).toEqual(['order-service']);
    expect(vals(e.consumers)).toEqual(['partner-portal']);
    expect(e.payload.fields.find((f) => f.name === 'data.tracking_url')).toMatchObject({ type: 'string|null', format: 'uri', required: false });
    expect(vals(event('order.delivered.v1').retryPolicies).map((r) => (r as { maxAttempts: number }).maxAttempts)).toEqual([3]);
  });

  it('renders entries passed as a plain array (for the action)', () => {
    const md = renderCatalogMarkdown(catalog.events);
    expect(md).toContain('# Event catalog');
    expect(md).toContain('[OrderPlaced](#event-orderplaced-v1)');
  });

  it('the specification marks what the documents leave out', () => {
    const md = renderSpecMarkdown(spec);
    for (const section of ['1. Executive summary', '2. Overview diagram', '3. Synchronous contracts', '4. Event catalog', '5. Error handling and retries', '6. Idempotency', '7. Dead-letter queues', '8. Rate limits', '9. Circuit breakers', '10. Webhooks', '11. Third-party integrations', '12. Security', '13. Gaps']) {
      expect(md).toContain(`## ${section}`);
    }
    expect(spec.gaps).toContain('integration SendGrid (fixtures/catalog/orders.openapi.yaml) does not declare rateLimit, retryPolicy, circuitBreaker, timeout, fallback');
    expect(spec.gaps).toContain('Order API: POST /orders/{orderId}/cancellations declares no idempotency (Idempotency-Key header or x-idempotency)');
  });

  it('the overview diagram parses with Mermaid', async () => {
    await expect(mermaidParse(spec.diagram)).resolves.toBeUndefined();
  });
});

describe('Avro payloads, MQTT qos and SNS redrive', () => {
  it('reads an Avro record, qos 1 as at-least-once and the SNS dead-letter queue', async () => {
    const c = await buildCatalog(['fixtures/catalog/telemetry.asyncapi.yaml'], { cwd: ROOT });
    expect(c.errors).toEqual([]);
    expect(schemaErrors('catalog-output.schema.json', c)).toEqual([]);
    const reading = c.events.find((e) => e.name === 'DeviceReadingRecorded')!;
    expect(reading.payload.format).toBe('avro');
    expect(reading.payload.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['deviceId', 'string', true],
      ['recordedAt', 'long (timestamp-millis)', true],
      ['temperature', 'double', false],
      ['location', 'Location', true],
      ['location.lat', 'double', true],
      ['location.lon', 'double', true],
    ]);
    expect(vals(reading.deliveryGuarantees)).toEqual(['at-least-once']);
    expect(vals(reading.producers)).toEqual(['device-firmware']);
    expect(vals(reading.consumers)).toEqual(['Telemetry Gateway']);
    const alert = c.events.find((e) => e.name === 'ThresholdExceeded')!;
    expect(alert.deadLetterQueues.map((d) => d.value)).toEqual([{ kind: 'sns', target: 'alerts-dlq', maxReceiveCount: 3, service: 'Telemetry Gateway' }]);
    expect(vals(alert.deliveryGuarantees)).toEqual(['at-least-once']);
  });
});
