/**
 * OpenAPI 3.x: events from 3.1 `webhooks` (for the catalog), and the synchronous contract,
 * webhook, integration and security facts for the specification. Local and relative-file
 * `$ref`s are followed; remote ones are reported as unresolved.
 */
import { eventVersion, serviceOf } from './asyncapi';
import { payloadFields } from './fields';
import { isObject, str, toPointer, type LoadedDocument } from './load';
import type { CatalogEntry, Declared, DocumentInfo, HttpApi, HttpOperation, RetryPolicy, Sourced, WebhookInfo } from './types';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const RATE_LIMIT_HEADER = /^(x-ratelimit-.*|ratelimit|ratelimit-policy|ratelimit-.*|retry-after)$/i;

export interface OpenApiExtract {
  info: DocumentInfo;
  events: CatalogEntry[];
  api: HttpApi;
  webhooks: WebhookInfo[];
  warnings: string[];
}

interface Op {
  pointer: string;
  method: string;
  op: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  pathItemPointer: string;
}

function resolvedAt(doc: LoadedDocument, node: unknown, pointer: string): { node: Record<string, unknown>; pointer: string } | undefined {
  const r = doc.deref(node, pointer);
  return isObject(r.node) ? { node: r.node, pointer: r.pointer ?? pointer } : undefined;
}

function operationsOf(doc: LoadedDocument, container: unknown, containerPointer: string): { key: string; ops: Op[] }[] {
  if (!isObject(container)) return [];
  return Object.entries(container).map(([key, raw]) => {
    const item = resolvedAt(doc, raw, toPointer([...containerPointer.split('/').slice(1), key]));
    const ops: Op[] = [];
    if (item) {
      for (const method of METHODS) {
        const op = item.node[method];
        if (isObject(op)) ops.push({ pointer: `${item.pointer}/${method}`, method, op, pathItem: item.node, pathItemPointer: item.pointer });
      }
    }
    return { key, ops };
  });
}

function effective<T>(doc: LoadedDocument, name: string, levels: [unknown, string][], accept: (v: unknown) => v is T): Sourced<T> | null {
  for (const [node, pointer] of levels) {
    if (isObject(node) && node[name] !== undefined && accept(node[name])) return { value: node[name] as T, source: doc.at(`${pointer}/${name}`) };
  }
  return null;
}

const isDeclared = (v: unknown): v is Declared => isObject(v);
const isRateLimit = (v: unknown): v is Declared | false => isObject(v) || v === false;
const isString = (v: unknown): v is string => typeof v === 'string';

/** Parameters of an operation (path-level ones included, the operation's win), resolved. */
function parameters(doc: LoadedDocument, o: Op): { name: string; in: string; required: boolean; pointer: string }[] {
  const out = new Map<string, { name: string; in: string; required: boolean; pointer: string }>();
  for (const [list, base] of [
    [o.pathItem.parameters, `${o.pathItemPointer}/parameters`],
    [o.op.parameters, `${o.pointer}/parameters`],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const p = resolvedAt(doc, raw, `${base}/${i}`);
      if (!p || typeof p.node.name !== 'string' || typeof p.node.in !== 'string') return;
      out.set(`${p.node.in}:${p.node.name.toLowerCase()}`, { name: p.node.name, in: p.node.in, required: p.node.required === true, pointer: p.pointer });
    });
  }
  return [...out.values()];
}

function securityNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return [...new Set(v.flatMap((req) => (isObject(req) ? (Object.keys(req).length ? [Object.keys(req).join(' + ')] : ['(anonymous)']) : [])))];
}

function httpOperation(doc: LoadedDocument, o: Op, path: string): HttpOperation {
  const root = doc.data;
  const params = parameters(doc, o);
  const key = params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const responses = isObject(o.op.responses) ? o.op.responses : {};
  const headers = new Set<string>();
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^(2\d\d|429|503)$/.test(status)) continue;
    const r = resolvedAt(doc, raw, `${o.pointer}/responses/${status}`);
    if (r && isObject(r.node.headers)) Object.keys(r.node.headers).forEach((h) => RATE_LIMIT_HEADER.test(h) && headers.add(h));
  }
  const securityLevel: Sourced<unknown> | null = effective(doc, 'security', [[o.op, o.pointer], [root, '']], (v): v is unknown => Array.isArray(v));
  return {
    method: o.method.toUpperCase(),
    path,
    operationId: str(o.op.operationId) ?? null,
    summary: str(o.op.summary) ?? null,
    source: doc.at(o.pointer),
    security: securityLevel ? { value: securityNames(securityLevel.value), source: securityLevel.source } : null,
    rateLimit: effective(doc, 'x-rate-limit', [[o.op, o.pointer], [o.pathItem, o.pathItemPointer], [root, '']], isRateLimit),
    idempotencyKey: key ? { value: { header: key.name, required: key.required }, source: doc.at(key.pointer) } : null,
    idempotency: effective(doc, 'x-idempotency', [[o.op, o.pointer], [root, '']], isDeclared),
    retryPolicy: effective(doc, 'x-retry-policy', [[o.op, o.pointer], [root, '']], isDeclared),
    circuitBreaker: effective(doc, 'x-circuit-breaker', [[o.op, o.pointer], [root, '']], isDeclared),
    timeout: effective(doc, 'x-timeout', [[o.op, o.pointer], [root, '']], isString),
    responses: Object.keys(responses),
    rateLimitHeaders: [...headers].sort((a, b) => a.localeCompare(b)),
  };
}

function webhookInfo(doc: LoadedDocument, o: Op, kind: 'webhook' | 'callback', name: string, service: string | null): WebhookInfo {
  const root = doc.data;
  return {
    file: doc.file,
    service,
    kind,
    name,
    method: o.method.toUpperCase(),
    operationId: str(o.op.operationId) ?? null,
    summary: str(o.op.summary) ?? null,
    source: doc.at(o.pointer),
    signature: effective(doc, 'x-webhook-signature', [[o.op, o.pointer], [root, '']], isDeclared),
    headers: parameters(doc, o)
      .filter((p) => p.in === 'header')
      .map((p) => ({ name: p.name, required: p.required })),
    delivery: effective(doc, 'x-webhook-delivery', [[o.op, o.pointer], [root, '']], isDeclared),
  };
}

function requestSchema(doc: LoadedDocument, o: Op): { schema: unknown; pointer: string } | undefined {
  const body = resolvedAt(doc, o.op.requestBody, `${o.pointer}/requestBody`);
  if (!body || !isObject(body.node.content)) return undefined;
  const types = Object.keys(body.node.content);
  const chosen = types.find((t) => /^application\/(.+\+)?json/i.test(t)) ?? types[0];
  const media = chosen === undefined ? undefined : body.node.content[chosen];
  if (!isObject(media) || media.schema === undefined) return undefined;
  return { schema: media.schema, pointer: toPointer([...body.pointer.split('/').slice(1), 'content', chosen, 'schema']) };
}

export function extractOpenApi(doc: LoadedDocument): OpenApiExtract {
  const { title, version, service } = serviceOf(doc);
  const info: DocumentInfo = { file: doc.file, kind: 'openapi', specVersion: doc.specVersion, title, version, service };
  const warnings: string[] = [];
  const deref = (node: unknown) => doc.deref(node);

  const api: HttpApi = {
    file: doc.file,
    title,
    version,
    service,
    servers: Array.isArray(doc.data.servers) ? doc.data.servers.flatMap((s) => (isObject(s) && typeof s.url === 'string' ? [s.url] : [])) : [],
    operations: [],
  };
  const webhooks: WebhookInfo[] = [];
  for (const { key: path, ops } of operationsOf(doc, doc.data.paths, '/paths')) {
    for (const o of ops) {
      api.operations.push(httpOperation(doc, o, path));
      if (!isObject(o.op.callbacks)) continue;
      for (const [cbName, rawCb] of Object.entries(o.op.callbacks)) {
        const cb = resolvedAt(doc, rawCb, `${o.pointer}/callbacks/${cbName}`);
        if (!cb) continue;
        for (const { key: expression, ops: cbOps } of operationsOf(doc, cb.node, cb.pointer)) {
          const opName = str(o.op.operationId) ?? `${o.method.toUpperCase()} ${path}`;
          for (const c of cbOps) webhooks.push(webhookInfo(doc, c, 'callback', `${opName} callback ${cbName} ${expression}`, service));
        }
      }
    }
  }

  const events: CatalogEntry[] = [];
  for (const { key: name, ops } of operationsOf(doc, doc.data.webhooks, '/webhooks')) {
    for (const o of ops) {
      const wh = webhookInfo(doc, o, 'webhook', name, service);
      webhooks.push(wh);
      const body = requestSchema(doc, o);
      const payload = body ? payloadFields(body.schema, undefined, deref) : { format: 'json-schema' as const, fields: [] };
      if (payload.unresolvedRefs?.length) warnings.push(`${doc.file}: webhook ${name}: unresolved $ref ${payload.unresolvedRefs.join(', ')} (its fields are not listed)`);
      const ver = eventVersion(name, payload.fields);
      const xProducer = str(o.op['x-producer']);
      const entry: CatalogEntry = {
        key: ver ? `${name}@${ver.version}` : name,
        name,
        version: ver?.version ?? null,
        summary: str(o.op.summary) ?? str(o.op.description)?.split('\n')[0] ?? null,
        origins: ['openapi-webhook'],
        channels: [{ value: `webhook ${name} (${o.method.toUpperCase()})`, source: doc.at(o.pointer) }],
        producers: xProducer ? [{ value: xProducer, source: doc.at(`${o.pointer}/x-producer`) }] : service ? [{ value: service, source: doc.at(o.pointer) }] : [],
        consumers: Array.isArray(o.op['x-consumers'])
          ? (o.op['x-consumers'] as unknown[]).flatMap((c, i) => (typeof c === 'string' ? [{ value: c, source: doc.at(`${o.pointer}/x-consumers/${i}`) }] : []))
          : [],
        deliveryGuarantees:
          typeof o.op['x-delivery-guarantee'] === 'string' ? [{ value: o.op['x-delivery-guarantee'], source: doc.at(`${o.pointer}/x-delivery-guarantee`) }] : [],
        deadLetterQueues: [],
        retryPolicies: [],
        correlationIds: [],
        payload,
        sources: [doc.at(o.pointer)],
      };
      if (ver) entry.versionSource = ver.from === 'payload' && body ? doc.at(body.pointer) : doc.at(o.pointer);
      const retry = effective(doc, 'x-retry-policy', [[o.op, o.pointer]], isDeclared);
      if (retry) entry.retryPolicies.push({ value: { ...(retry.value as RetryPolicy), service }, source: retry.source });
      if (wh.delivery && isObject(wh.delivery.value.retry)) {
        entry.retryPolicies.push({ value: { ...(wh.delivery.value.retry as RetryPolicy), service }, source: { ...doc.at(`${wh.delivery.source.pointer}/retry`) } });
      }
      events.push(entry);
    }
  }
  return { info, events, api, webhooks, warnings };
}
