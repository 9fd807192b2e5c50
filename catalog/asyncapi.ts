/**
 * Events of an AsyncAPI 2.x / 3.x document, read with the real @asyncapi/parser model.
 *
 * Producer / consumer: 3.x `send` operations produce and `receive` operations consume (an
 * operation carries its `messages`, or every message of its channel when omitted); 2.x
 * `subscribe` = the application sends, `publish` = it receives. The application is the
 * document's service (`x-service`, else `info.title`). A message's `x-producer` replaces the
 * producer, its `x-consumers` are added to the consumers.
 */
import { Parser } from '@asyncapi/parser';
import type { AsyncAPIDocumentInterface, ChannelInterface, MessageInterface, OperationInterface } from '@asyncapi/parser';
import { payloadFields } from './fields';
import { InputError, isObject, str, type LoadedDocument } from './load';
import type { CatalogEntry, CorrelationId, DeadLetterQueue, DocumentInfo, RetryPolicy, Sourced } from './types';

let parser: Parser | undefined;

/** Facts about one AsyncAPI operation, for the specification's DLQ and retry sections. */
export interface AsyncOperationFacts {
  file: string;
  service: string | null;
  id: string;
  role: 'send' | 'receive';
  /** The keyword as written: send/receive (3.x), subscribe/publish (2.x). */
  action: string;
  channels: string[];
  messages: string[];
  deliveryGuarantees: Sourced<string>[];
  deadLetterQueues: Sourced<DeadLetterQueue>[];
  retryPolicies: Sourced<RetryPolicy>[];
  source: Sourced<null>['source'];
}

export interface AsyncApiExtract {
  info: DocumentInfo;
  events: CatalogEntry[];
  operations: AsyncOperationFacts[];
  warnings: string[];
}

const GUARANTEES = new Set(['at-most-once', 'at-least-once', 'exactly-once']);
const QOS: Record<string, string> = { '0': 'at-most-once', '1': 'at-least-once', '2': 'exactly-once' };

export function serviceOf(doc: LoadedDocument): { title: string | null; version: string | null; service: string | null } {
  const info = isObject(doc.data.info) ? doc.data.info : {};
  const title = str(info.title) ?? null;
  const service = str(info['x-service']) ?? str(doc.data['x-service']) ?? title;
  return { title, version: info.version === undefined ? null : String(info.version), service };
}

async function parse(doc: LoadedDocument): Promise<AsyncAPIDocumentInterface> {
  parser ??= new Parser();
  let output;
  try {
    output = await parser.parse(doc.text, { source: doc.absPath });
  } catch (error) {
    throw new InputError({ file: doc.file, kind: 'invalid', message: `the AsyncAPI parser failed: ${(error as Error).message}` });
  }
  if (!output.document) {
    const errors = output.diagnostics.filter((d) => d.severity === 0);
    const shown = errors.slice(0, 3).map((d) => `${d.path.length ? d.path.join('.') : '(root)'}: ${d.message}`);
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    const refs = errors.some((d) => d.code === 'invalid-ref');
    throw new InputError({
      file: doc.file,
      kind: 'invalid',
      message:
        `not a valid AsyncAPI ${doc.specVersion} document: ${shown.join('; ')}${more}. ` +
        (refs ? 'Make every referenced file available (relative to the document) or fix the $ref, then run again.' : 'Fix the document (`spectral lint` or `asyncapi validate` show every problem), then run again.'),
    });
  }
  return output.document;
}

function extension(json: unknown, name: string): unknown {
  return isObject(json) ? json[name] : undefined;
}

function guaranteesFromBindings(bindings: unknown, pointer: string, doc: LoadedDocument, level: 'operation' | 'channel'): Sourced<string>[] {
  const out: Sourced<string>[] = [];
  if (!isObject(bindings)) return out;
  if (level === 'operation' && isObject(bindings.mqtt) && bindings.mqtt.qos !== undefined && QOS[String(bindings.mqtt.qos)]) {
    out.push({ value: QOS[String(bindings.mqtt.qos)], source: doc.at(`${pointer}/bindings/mqtt/qos`) });
  }
  for (const proto of ['sqs', 'sns']) {
    if (isObject(bindings[proto])) out.push({ value: 'at-least-once', source: doc.at(`${pointer}/bindings/${proto}`) });
  }
  return out;
}

function dlqName(dlq: unknown): string | null {
  if (!isObject(dlq)) return null;
  return str(dlq.name) ?? str(dlq.arn) ?? null;
}

/** Dead-letter queues declared on an operation or channel (x-dlq, SQS/SNS bindings). */
function deadLetterQueues(json: unknown, pointer: string, doc: LoadedDocument, service: string | null): Sourced<DeadLetterQueue>[] {
  const out: Sourced<DeadLetterQueue>[] = [];
  if (!isObject(json)) return out;
  const x = json['x-dlq'];
  if (isObject(x)) {
    const value: DeadLetterQueue = { kind: 'x-dlq', target: str(x.channel) ?? str(x.queue) ?? null, service };
    if (x.retention !== undefined) value.retention = String(x.retention);
    if (typeof x.alertThreshold === 'number') value.alertThreshold = x.alertThreshold;
    out.push({ value, source: doc.at(`${pointer}/x-dlq`) });
  }
  const b = isObject(json.bindings) ? json.bindings : {};
  const sqs = isObject(b.sqs) ? b.sqs : undefined;
  if (sqs) {
    const redrive = (queue: unknown, at: string) => {
      if (!isObject(queue) || !isObject(queue.redrivePolicy)) return;
      const value: DeadLetterQueue = { kind: 'sqs', target: dlqName(queue.redrivePolicy.deadLetterQueue), service };
      if (typeof queue.redrivePolicy.maxReceiveCount === 'number') value.maxReceiveCount = queue.redrivePolicy.maxReceiveCount;
      out.push({ value, source: doc.at(`${at}/redrivePolicy`) });
    };
    redrive(sqs.queue, `${pointer}/bindings/sqs/queue`);
    if (isObject(sqs.deadLetterQueue)) {
      out.push({ value: { kind: 'sqs', target: dlqName(sqs.deadLetterQueue), service }, source: doc.at(`${pointer}/bindings/sqs/deadLetterQueue`) });
    }
    if (Array.isArray(sqs.queues)) sqs.queues.forEach((q, i) => redrive(q, `${pointer}/bindings/sqs/queues/${i}`));
  }
  const sns = isObject(b.sns) ? b.sns : undefined;
  if (sns && Array.isArray(sns.consumers)) {
    sns.consumers.forEach((c, i) => {
      if (!isObject(c) || !isObject(c.redrivePolicy)) return;
      const value: DeadLetterQueue = { kind: 'sns', target: dlqName(c.redrivePolicy.deadLetterQueue), service };
      if (typeof c.redrivePolicy.maxReceiveCount === 'number') value.maxReceiveCount = c.redrivePolicy.maxReceiveCount;
      out.push({ value, source: doc.at(`${pointer}/bindings/sns/consumers/${i}/redrivePolicy`) });
    });
  }
  return out;
}

function retryPolicy(json: unknown, pointer: string, doc: LoadedDocument, service: string | null): Sourced<RetryPolicy>[] {
  const x = extension(json, 'x-retry-policy');
  if (!isObject(x)) return [];
  return [{ value: { ...x, service }, source: doc.at(`${pointer}/x-retry-policy`) }];
}

function guaranteeExt(json: unknown, pointer: string, doc: LoadedDocument): Sourced<string>[] {
  const g = extension(json, 'x-delivery-guarantee');
  return typeof g === 'string' && GUARANTEES.has(g) ? [{ value: g, source: doc.at(`${pointer}/x-delivery-guarantee`) }] : [];
}

interface MessageUse {
  model: MessageInterface;
  ops: OperationInterface[];
  channels: ChannelInterface[];
  componentKey?: string;
}

function uniqueBy<T>(items: Sourced<T>[]): Sourced<T>[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify([i.value, i.source.file, i.source.pointer]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Version of an event: `event_version` const/enum, a `.vN` name suffix, or a CloudEvents `type`/`dataschema` with a version. */
export function eventVersion(name: string, fields: { name: string; values?: unknown[] }[]): { version: string; from: 'payload' | 'name' } | null {
  const ev = fields.find((f) => f.name === 'event_version' || f.name === 'eventVersion');
  if (ev?.values?.length === 1 && ev.values[0] !== null) return { version: String(ev.values[0]), from: 'payload' };
  const m = /(?:^|[._-])v(\d+(?:\.\d+)*)$/i.exec(name);
  if (m) return { version: m[1], from: 'name' };
  for (const f of fields.filter((f) => f.name === 'type' || f.name === 'dataschema')) {
    const v = f.values?.length === 1 ? /[./:-]v(\d+(?:\.\d+)*)(?:$|[/.#])/i.exec(String(f.values[0])) : null;
    if (v) return { version: v[1], from: 'payload' };
  }
  return null;
}

export async function extractAsyncApi(doc: LoadedDocument): Promise<AsyncApiExtract> {
  const model = await parse(doc);
  const { title, version, service } = serviceOf(doc);
  const info: DocumentInfo = { file: doc.file, kind: 'asyncapi', specVersion: doc.specVersion, title, version, service };
  const isV3 = doc.specVersion.startsWith('3.');
  const warnings: string[] = [];

  // Every message, keyed by its (resolved) object, with the operations and channels carrying it.
  const uses = new Map<unknown, MessageUse>();
  const use = (m: MessageInterface): MessageUse => {
    const key = m.json();
    let u = uses.get(key);
    if (!u) uses.set(key, (u = { model: m, ops: [], channels: [] }));
    return u;
  };
  const operations: AsyncOperationFacts[] = [];
  for (const op of model.operations().all()) {
    const channels = op.channels().all();
    const msgs = op.messages().all();
    for (const m of msgs) {
      const u = use(m);
      if (!u.ops.includes(op)) u.ops.push(op);
      for (const c of channels) if (!u.channels.some((x) => x.json() === c.json())) u.channels.push(c);
    }
    const opPointer = op.meta().pointer;
    const facts: AsyncOperationFacts = {
      file: doc.file,
      service,
      id: op.id() ?? opPointer,
      role: op.isSend() ? 'send' : 'receive',
      action: op.action(),
      channels: channels.map((c) => c.address() ?? c.id()),
      messages: [],
      deliveryGuarantees: [...guaranteeExt(op.json(), opPointer, doc), ...guaranteesFromBindings(extension(op.json(), 'bindings'), opPointer, doc, 'operation')],
      deadLetterQueues: deadLetterQueues(op.json(), opPointer, doc, service),
      retryPolicies: retryPolicy(op.json(), opPointer, doc, service),
      source: doc.at(opPointer),
    };
    for (const c of channels) {
      const cp = c.meta().pointer;
      if (facts.deliveryGuarantees.length === 0) facts.deliveryGuarantees.push(...guaranteeExt(c.json(), cp, doc), ...guaranteesFromBindings(c.json().bindings, cp, doc, 'channel'));
      facts.deadLetterQueues.push(...deadLetterQueues(c.json(), cp, doc, service));
      facts.retryPolicies.push(...retryPolicy(c.json(), cp, doc, service));
    }
    operations.push(facts);
    (facts as { _msgs?: MessageInterface[] })._msgs = msgs;
  }
  for (const c of model.channels().all()) {
    for (const m of c.messages().all()) {
      const u = use(m);
      if (!u.channels.some((x) => x.json() === c.json())) u.channels.push(c);
    }
  }
  const components = model.components().messages();
  for (const m of components.all()) {
    const u = use(m);
    u.componentKey ??= m.id();
  }

  const events: CatalogEntry[] = [];
  const names = new Map<unknown, string>();
  for (const [key, u] of uses) {
    const m = u.model;
    const json = m.json() as Record<string, unknown>;
    const usePointer = m.meta().pointer;
    const def = doc.deref(doc.get(usePointer), usePointer);
    const defPointer = def.pointer ?? usePointer;
    const componentKey = /^\/components\/messages\/([^/]+)$/.exec(defPointer)?.[1];
    const parserName = str(json['x-parser-message-name']);
    const name = isV3
      ? (m.id() ?? componentKey ?? parserName ?? defPointer)
      : (m.name() ?? str(json.messageId) ?? componentKey?.replace(/~1/g, '/').replace(/~0/g, '~') ?? (parserName && !parserName.startsWith('<anonymous') ? parserName : undefined) ?? defPointer);
    names.set(key, name);

    // Payload.
    const rawPayload = json.payload;
    const multi = isV3 && isObject(rawPayload) && typeof rawPayload.schemaFormat === 'string' && rawPayload.schema !== undefined;
    const schema = multi ? (rawPayload as Record<string, unknown>).schema : rawPayload;
    const schemaFormat = multi ? str((rawPayload as Record<string, unknown>).schemaFormat) : str(json.schemaFormat);
    const payload = rawPayload === undefined ? { format: 'json-schema' as const, fields: [] } : payloadFields(schema, schemaFormat);
    if (payload.format === 'unknown') warnings.push(`${doc.file}: message ${name}: payload schema format ${schemaFormat} is not read (fields not listed)`);

    const at = (p: string) => doc.at(defPointer + p);
    const ver = eventVersion(name, payload.fields);
    const entry: CatalogEntry = {
      key: '',
      name,
      version: ver?.version ?? null,
      summary: m.summary() ?? m.title() ?? m.description()?.split('\n')[0] ?? null,
      origins: ['asyncapi-message'],
      channels: u.channels.map((c) => ({ value: c.address() ?? c.id(), source: doc.at(c.meta().pointer) })),
      producers: [],
      consumers: [],
      deliveryGuarantees: [],
      deadLetterQueues: [],
      retryPolicies: [],
      correlationIds: [],
      payload,
      sources: [doc.at(defPointer)],
    };
    if (ver) entry.versionSource = ver.from === 'payload' ? at('/payload') : at('');
    entry.key = entry.version === null ? name : `${name}@${entry.version}`;

    // Producers and consumers.
    const xProducer = json['x-producer'];
    if (typeof xProducer === 'string') entry.producers.push({ value: xProducer, source: at('/x-producer') });
    else {
      for (const op of u.ops.filter((o) => o.isSend())) if (service) entry.producers.push({ value: service, source: doc.at(op.meta().pointer) });
    }
    for (const op of u.ops.filter((o) => o.isReceive())) if (service) entry.consumers.push({ value: service, source: doc.at(op.meta().pointer) });
    const xConsumers = json['x-consumers'];
    if (Array.isArray(xConsumers)) xConsumers.forEach((c, i) => typeof c === 'string' && entry.consumers.push({ value: c, source: at(`/x-consumers/${i}`) }));

    // Delivery guarantee: the most specific level that declares one (message, operations, channels, bindings).
    const fromMessage = guaranteeExt(json, defPointer, doc);
    const fromOps = u.ops.flatMap((o) => guaranteeExt(o.json(), o.meta().pointer, doc));
    const fromChannels = u.channels.flatMap((c) => guaranteeExt(c.json(), c.meta().pointer, doc));
    const fromBindings = [
      ...u.ops.flatMap((o) => guaranteesFromBindings(extension(o.json(), 'bindings'), o.meta().pointer, doc, 'operation')),
      ...u.channels.flatMap((c) => guaranteesFromBindings(c.json().bindings, c.meta().pointer, doc, 'channel')),
    ];
    entry.deliveryGuarantees = [fromMessage, fromOps, fromChannels, fromBindings].find((l) => l.length > 0) ?? [];

    // DLQs and retry policies: operations carrying the message and their channels.
    for (const o of u.ops) {
      entry.deadLetterQueues.push(...deadLetterQueues(o.json(), o.meta().pointer, doc, service));
      entry.retryPolicies.push(...retryPolicy(o.json(), o.meta().pointer, doc, service));
    }
    for (const c of u.channels) {
      entry.deadLetterQueues.push(...deadLetterQueues(c.json(), c.meta().pointer, doc, service));
      entry.retryPolicies.push(...retryPolicy(c.json(), c.meta().pointer, doc, service));
    }

    const cid = m.correlationId();
    if (cid?.location()) {
      const value: CorrelationId = { location: cid.location() as string };
      if (cid.description()) value.description = cid.description();
      entry.correlationIds.push({ value, source: at('/correlationId') });
    }
    for (const k of ['channels', 'producers', 'consumers', 'deliveryGuarantees', 'deadLetterQueues', 'retryPolicies'] as const) {
      (entry[k] as Sourced<unknown>[]) = uniqueBy(entry[k] as Sourced<unknown>[]);
    }
    events.push(entry);
  }
  for (const facts of operations) {
    const msgs = (facts as { _msgs?: MessageInterface[] })._msgs ?? [];
    facts.messages = msgs.map((m) => names.get(m.json()) ?? String(m.id()));
    delete (facts as { _msgs?: MessageInterface[] })._msgs;
  }
  return { info, events, operations, warnings };
}
