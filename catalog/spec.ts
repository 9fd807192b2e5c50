/**
 * The integration specification: the sections the conventions ask for, each filled from the
 * documents, with "not declared" wherever they are silent. Nothing is inferred beyond what a
 * document states.
 */
import { collect, type BuildOptions, type Collected } from './collect';
import { isObject, str, toPointer, type LoadedDocument } from './load';
import { dlqText, eventTitle, renderCatalogMarkdown } from './markdown';
import { at, code, declared, NOT_DECLARED, table, text } from './md';
import { renderMermaid } from './mermaid';
import { METHODS } from './openapi';
import type { Declared, IntegrationInfo, PolicyRow, SecurityScheme, SpecResult } from './types';

function docName(doc: LoadedDocument): string {
  const info = isObject(doc.data.info) ? doc.data.info : {};
  return str(info.title) ?? doc.file;
}

interface Level {
  scope: string;
  node: Record<string, unknown>;
  pointer: string;
}

/** Root, path items, operations and webhook operations of an OpenAPI document; root of an AsyncAPI one. */
function levels(doc: LoadedDocument): Level[] {
  const name = docName(doc);
  const out: Level[] = [{ scope: `${name} (document)`, node: doc.data, pointer: '' }];
  if (doc.kind !== 'openapi') return out;
  for (const [container, label] of [
    ['paths', ''],
    ['webhooks', 'webhook '],
  ] as const) {
    const c = doc.data[container];
    if (!isObject(c)) continue;
    for (const [key, item] of Object.entries(c)) {
      if (!isObject(item)) continue;
      const base = toPointer([container, key]);
      if (container === 'paths') out.push({ scope: `${name}: ${key} (path)`, node: item, pointer: base });
      for (const m of METHODS) {
        if (isObject(item[m])) out.push({ scope: `${name}: ${label}${m.toUpperCase()} ${key}`, node: item[m] as Record<string, unknown>, pointer: `${base}/${m}` });
      }
    }
  }
  return out;
}

function rows<T>(c: Collected, name: string, accept: (v: unknown) => v is T, kinds: ('openapi' | 'asyncapi')[] = ['openapi', 'asyncapi']): PolicyRow<T>[] {
  const out: PolicyRow<T>[] = [];
  for (const doc of c.loaded) {
    if (!kinds.includes(doc.kind)) continue;
    for (const l of levels(doc)) {
      if (l.node[name] !== undefined && accept(l.node[name])) out.push({ scope: l.scope, value: l.node[name] as T, source: doc.at(`${l.pointer}/${name}`) });
    }
  }
  return out;
}

const isDeclared = (v: unknown): v is Declared => isObject(v);

/** Source location of a pointer in one of the loaded documents (with its line). */
function locate(c: Collected, file: string, pointer: string) {
  const doc = c.loaded.find((d) => d.file === file);
  return doc ? doc.at(pointer) : { file, pointer };
}

function integrations(c: Collected): IntegrationInfo[] {
  const out: IntegrationInfo[] = [];
  for (const doc of c.loaded) {
    const list = doc.data['x-integrations'];
    if (!Array.isArray(list)) continue;
    const info = c.catalog.documents.find((d) => d.file === doc.file);
    list.forEach((item, i) => {
      if (isObject(item)) out.push({ file: doc.file, service: info?.service ?? null, integration: { value: item, source: doc.at(`/x-integrations/${i}`) } });
    });
  }
  return out;
}

function schemes(c: Collected): SecurityScheme[] {
  const out: SecurityScheme[] = [];
  for (const doc of c.loaded) {
    const comps = isObject(doc.data.components) ? doc.data.components : {};
    const all = isObject(comps.securitySchemes) ? comps.securitySchemes : {};
    for (const [name, raw] of Object.entries(all)) {
      const r = doc.deref(raw, toPointer(['components', 'securitySchemes', name]));
      const s = isObject(r.node) ? r.node : {};
      const details: string[] = [];
      for (const k of ['scheme', 'bearerFormat', 'in', 'name', 'openIdConnectUrl']) if (typeof s[k] === 'string') details.push(`${k}: ${s[k] as string}`);
      if (isObject(s.flows)) {
        for (const [flow, f] of Object.entries(s.flows)) {
          if (!isObject(f)) continue;
          const scopes = isObject(f.scopes) ? Object.keys(f.scopes) : isObject(f.availableScopes) ? Object.keys(f.availableScopes) : [];
          details.push(`${flow}${typeof f.tokenUrl === 'string' ? ` (token URL ${f.tokenUrl})` : ''}${scopes.length ? `, scopes: ${scopes.join(', ')}` : ''}`);
        }
      }
      out.push({ file: doc.file, name, type: str(s.type) ?? null, details, description: str(s.description) ?? null, source: doc.at(r.pointer ?? toPointer(['components', 'securitySchemes', name])) });
    }
  }
  return out;
}

/** Reads the documents and builds the integration specification. */
export async function buildSpec(files: string[], options: BuildOptions & { title?: string } = {}): Promise<SpecResult> {
  const c = await collect(files, options);
  const catalog = c.catalog;
  const ints = integrations(c);
  const gaps: string[] = [];
  const gap = (s: string) => gaps.push(s);

  const retries = rows(c, 'x-retry-policy', isDeclared);
  for (const op of c.asyncOperations) {
    for (const r of op.retryPolicies) {
      const { service, ...value } = r.value;
      void service;
      retries.push({ scope: `${op.service ?? op.file}: ${op.action} ${op.id}`, value: value as Declared, source: r.source });
    }
  }
  for (const d of rows(c, 'x-webhook-delivery', isDeclared, ['openapi'])) {
    if (isObject(d.value.retry)) retries.push({ scope: `${d.scope} — webhook delivery`, value: d.value.retry, source: locate(c, d.source.file, `${d.source.pointer}/retry`) });
  }
  const timeouts = rows(c, 'x-timeout', (v): v is string => typeof v === 'string');
  for (const d of rows(c, 'x-webhook-delivery', isDeclared, ['openapi'])) {
    if (d.value.timeout !== undefined) timeouts.push({ scope: `${d.scope} — webhook delivery`, value: String(d.value.timeout), source: locate(c, d.source.file, `${d.source.pointer}/timeout`) });
  }
  const circuitBreakers = rows(c, 'x-circuit-breaker', isDeclared);
  const rateLimits = rows(c, 'x-rate-limit', (v): v is Declared | false => isObject(v) || v === false, ['openapi']);
  for (const i of ints) {
    const v = i.integration.value;
    const scope = `integration ${typeof v.name === 'string' ? v.name : '(unnamed)'}`;
    const src = i.integration.source;
    if (isObject(v.retryPolicy)) retries.push({ scope, value: v.retryPolicy, source: locate(c, src.file, `${src.pointer}/retryPolicy`) });
    if (v.timeout !== undefined) timeouts.push({ scope, value: String(v.timeout), source: locate(c, src.file, `${src.pointer}/timeout`) });
    if (isObject(v.circuitBreaker)) circuitBreakers.push({ scope, value: v.circuitBreaker, source: locate(c, src.file, `${src.pointer}/circuitBreaker`) });
    if (isObject(v.rateLimit)) rateLimits.push({ scope, value: v.rateLimit, source: locate(c, src.file, `${src.pointer}/rateLimit`) });
    const missing = ['purpose', 'auth', 'rateLimit', 'retryPolicy', 'circuitBreaker', 'timeout', 'fallback'].filter((k) => v[k] === undefined);
    if (missing.length) gap(`${scope} (${i.file}) does not declare ${missing.join(', ')}`);
  }
  const idempotency = rows(c, 'x-idempotency', isDeclared, ['openapi']);

  for (const api of c.httpApis) {
    for (const op of api.operations) {
      const name = `${api.title ?? api.file}: ${op.method} ${op.path}`;
      if (!op.security) gap(`${name} declares no security requirement`);
      if (!op.rateLimit) gap(`${name} declares no rate limit (x-rate-limit)`);
      if ((op.method === 'POST' || op.method === 'PATCH') && !op.idempotencyKey && !op.idempotency) gap(`${name} declares no idempotency (Idempotency-Key header or x-idempotency)`);
    }
  }
  for (const e of catalog.events) {
    const name = `event ${eventTitle(e)}`;
    const missing: string[] = [];
    if (!e.version) missing.push('version');
    if (!e.producers.length) missing.push('producer');
    if (!e.consumers.length) missing.push('consumers');
    if (!e.deliveryGuarantees.length) missing.push('delivery guarantee');
    if (e.origins.includes('asyncapi-message') && !e.correlationIds.length) missing.push('correlation id');
    if (!e.payload.fields.length) missing.push('payload fields');
    if (missing.length) gap(`${name} declares no ${missing.join(', ')}`);
  }
  const consumers = c.asyncOperations
    .filter((o) => o.role === 'receive')
    .map((o) => ({
      file: o.file,
      service: o.service,
      operation: o.id,
      action: o.action,
      channels: o.channels,
      messages: o.messages,
      deliveryGuarantees: [...new Set(o.deliveryGuarantees.map((g) => g.value))],
      deadLetterQueues: o.deadLetterQueues,
      source: o.source,
    }));
  for (const o of consumers) if (!o.deadLetterQueues.length) gap(`${o.service ?? o.file}: consuming operation ${o.operation} declares no dead-letter queue`);
  for (const w of c.webhooks) {
    const name = `${w.kind} ${w.name} (${w.method}, ${w.file})`;
    if (!w.signature) gap(`${name} declares no x-webhook-signature`);
    if (!w.delivery) gap(`${name} declares no x-webhook-delivery`);
  }
  if (c.loaded.length && !circuitBreakers.length) gap('no circuit breaker (x-circuit-breaker) is declared in any document');
  const securitySchemes = schemes(c);
  for (const doc of c.loaded) if (!securitySchemes.some((s) => s.file === doc.file)) gap(`${doc.file} declares no security scheme`);

  const services = [
    ...new Set([
      ...catalog.documents.flatMap((d) => (d.service ? [d.service] : [])),
      ...catalog.events.flatMap((e) => [...e.producers, ...e.consumers].map((p) => p.value)),
    ]),
  ].sort((a, b) => a.localeCompare(b, 'en'));
  return {
    title: options.title ?? 'Integration specification',
    documents: catalog.documents,
    summary: {
      services,
      httpApis: c.httpApis.length,
      httpOperations: c.httpApis.reduce((n, a) => n + a.operations.length, 0),
      events: catalog.events.length,
      webhooks: c.webhooks.length,
      integrations: ints.length,
      conflicts: catalog.conflicts.length,
      gaps: gaps.length,
    },
    diagram: renderMermaid({ events: catalog.events, httpApis: c.httpApis, integrations: ints }),
    httpApis: c.httpApis,
    catalog,
    retries,
    timeouts,
    circuitBreakers,
    rateLimits,
    idempotency,
    consumers,
    webhooks: c.webhooks,
    integrations: ints,
    securitySchemes,
    gaps,
  };
}

function policyTable<T>(list: PolicyRow<T>[], show: (v: T) => string, empty: string): string {
  if (!list.length) return empty;
  return table(
    ['Applies to', 'Declared', 'Source'],
    list.map((r) => [text(r.scope), show(r.value), at(r.source)]),
  );
}

const src = (s: { source: Parameters<typeof at>[0] } | null) => (s ? ` — ${at(s.source)}` : '');

/** Renders the specification as Markdown. */
export function renderSpecMarkdown(spec: SpecResult): string {
  const s = spec.summary;
  const out: string[] = [`# ${text(spec.title)}`, ''];
  out.push(
    `Generated by \`spectral-integration-ruleset spec\` from ${spec.documents.length} document${spec.documents.length === 1 ? '' : 's'}; every value below is read from them, and *not declared* marks what they leave out. Edit the documents, not this file.`,
    '',
  );

  out.push('## 1. Executive summary', '');
  out.push(
    `- Services: ${s.services.length ? s.services.map(text).join(', ') : NOT_DECLARED}`,
    `- HTTP APIs: ${s.httpApis} (${s.httpOperations} operation${s.httpOperations === 1 ? '' : 's'})`,
    `- Events: ${s.events}; webhooks and callbacks: ${s.webhooks}`,
    `- Third-party integrations: ${s.integrations}`,
    `- Conflicting declarations: ${s.conflicts}${s.conflicts ? ' (see [Event catalog](#4-event-catalog))' : ''}`,
    `- Gaps (not declared): ${s.gaps}${s.gaps ? ' (see [Gaps](#13-gaps))' : ''}`,
    '',
  );
  if (spec.documents.length) {
    out.push(
      table(
        ['Document', 'Format', 'Title', 'Version', 'Service'],
        spec.documents.map((d) => [code(d.file), `${d.kind === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${text(d.specVersion)}`, d.title ? text(d.title) : NOT_DECLARED, d.version ? text(d.version) : NOT_DECLARED, d.service ? text(d.service) : NOT_DECLARED]),
      ),
      '',
    );
  }
  if (spec.catalog.errors.length) {
    out.push('Documents that could not be read:', '', ...spec.catalog.errors.map((e) => `- ${code(e.file)} (${e.kind}): ${text(e.message)}`), '');
  }

  out.push('## 2. Overview diagram', '', '```mermaid', spec.diagram, '```', '');

  out.push('## 3. Synchronous contracts', '');
  if (!spec.httpApis.length) out.push(`No OpenAPI document: synchronous contracts are ${NOT_DECLARED}.`, '');
  for (const api of spec.httpApis) {
    out.push(`### ${text(api.title ?? api.file)}${api.version ? ` ${text(api.version)}` : ''}`, '');
    out.push(`Source: ${code(api.file)}; service: ${api.service ? text(api.service) : NOT_DECLARED}; servers: ${api.servers.length ? api.servers.map(code).join(', ') : NOT_DECLARED}.`, '');
    if (!api.operations.length) out.push(`Operations: ${NOT_DECLARED}.`, '');
    else {
      out.push(
        table(
          ['Operation', 'operationId', 'Summary', 'Security', 'Rate limit', 'Idempotency', 'Timeout', 'Responses'],
          api.operations.map((o) => [
            `${code(`${o.method} ${o.path}`)}`,
            o.operationId ? code(o.operationId) : NOT_DECLARED,
            o.summary ? text(o.summary) : '',
            o.security ? (o.security.value.length ? o.security.value.map(text).join(', ') : 'none (explicit)') : NOT_DECLARED,
            o.rateLimit ? (o.rateLimit.value === false ? 'exempt' : declared(o.rateLimit.value)) : NOT_DECLARED,
            o.idempotencyKey || o.idempotency
              ? [o.idempotencyKey ? `${code(o.idempotencyKey.value.header)} ${o.idempotencyKey.value.required ? 'required' : 'optional'}` : '', o.idempotency ? declared(o.idempotency.value) : '']
                  .filter(Boolean)
                  .join('; ')
              : NOT_DECLARED,
            o.timeout ? code(o.timeout.value) : NOT_DECLARED,
            o.responses.map(text).join(', '),
          ]),
        ),
        '',
      );
    }
  }

  out.push(renderCatalogMarkdown({ ...spec.catalog, documents: [], errors: [] }, { headingLevel: 2, title: '4. Event catalog' }), '');

  out.push('## 5. Error handling and retries', '', '### Retry policies', '', policyTable(spec.retries, (v) => declared(v), `Retry policies: ${NOT_DECLARED}.`), '');
  out.push('### Timeouts', '', policyTable(spec.timeouts, code, `Timeouts: ${NOT_DECLARED}.`), '');

  out.push('## 6. Idempotency', '');
  const idemOps = spec.httpApis.flatMap((api) =>
    api.operations.filter((o) => o.idempotencyKey || o.idempotency || o.method === 'POST' || o.method === 'PATCH').map((o) => ({ api, o })),
  );
  if (!idemOps.length) out.push(`No POST/PATCH operation and no idempotency declaration: ${NOT_DECLARED}.`, '');
  else {
    out.push(
      table(
        ['Operation', 'Idempotency key', 'Policy (x-idempotency)'],
        idemOps.map(({ api, o }) => [
          `${text(api.title ?? api.file)}: ${code(`${o.method} ${o.path}`)}`,
          o.idempotencyKey ? `${code(o.idempotencyKey.value.header)} header, ${o.idempotencyKey.value.required ? 'required' : 'optional'}${src(o.idempotencyKey)}` : NOT_DECLARED,
          o.idempotency ? `${declared(o.idempotency.value)}${src(o.idempotency)}` : NOT_DECLARED,
        ]),
      ),
      '',
    );
  }

  out.push('## 7. Dead-letter queues', '');
  if (!spec.consumers.length) out.push(`No consuming operation (AsyncAPI \`receive\` / 2.x \`publish\`): ${NOT_DECLARED}.`, '');
  else {
    out.push(
      table(
        ['Consumer', 'Operation', 'Channel', 'Messages', 'Delivery guarantee', 'Dead-letter queue'],
        spec.consumers.map((o) => [
          o.service ? text(o.service) : NOT_DECLARED,
          `${code(o.operation)} (${o.action})${' — ' + at(o.source)}`,
          o.channels.map(code).join(', '),
          o.messages.map(text).join(', '),
          o.deliveryGuarantees.length ? o.deliveryGuarantees.map(text).join(', ') : NOT_DECLARED,
          o.deadLetterQueues.length ? o.deadLetterQueues.map((d) => `${dlqText(d.value)} — ${at(d.source)}`).join('<br>') : NOT_DECLARED,
        ]),
      ),
      '',
    );
  }

  out.push('## 8. Rate limits', '', '### Tiers', '', policyTable(spec.rateLimits, (v) => declared(v), `Rate limits (x-rate-limit): ${NOT_DECLARED}.`), '');
  const headerOps = spec.httpApis.flatMap((api) => api.operations.map((o) => ({ api, o })));
  out.push('### Rate-limit headers', '');
  if (!headerOps.length) out.push(`No HTTP operation: ${NOT_DECLARED}.`, '');
  else {
    out.push(
      table(
        ['Operation', 'Headers on 2xx / 429 / 503 responses'],
        headerOps.map(({ api, o }) => [`${text(api.title ?? api.file)}: ${code(`${o.method} ${o.path}`)}`, o.rateLimitHeaders.length ? o.rateLimitHeaders.map(code).join(', ') : NOT_DECLARED]),
      ),
      '',
    );
  }

  out.push('## 9. Circuit breakers', '', policyTable(spec.circuitBreakers, (v) => declared(v), `Circuit breakers (x-circuit-breaker): ${NOT_DECLARED}.`), '');

  out.push('## 10. Webhooks', '');
  if (!spec.webhooks.length) out.push(`Webhooks and callbacks: ${NOT_DECLARED}.`, '');
  else {
    out.push(
      table(
        ['Webhook', 'Signature (x-webhook-signature)', 'Header parameters', 'Delivery (x-webhook-delivery)'],
        spec.webhooks.map((w) => [
          `${w.kind === 'callback' ? 'callback ' : ''}${code(w.name)} ${w.method}${w.operationId ? ` (${code(w.operationId)})` : ''} — ${at(w.source)}`,
          w.signature ? `${declared(w.signature.value)}${src(w.signature)}` : NOT_DECLARED,
          w.headers.length ? w.headers.map((h) => `${code(h.name)}${h.required ? ' (required)' : ''}`).join(', ') : NOT_DECLARED,
          w.delivery ? `${declared(w.delivery.value)}${src(w.delivery)}` : NOT_DECLARED,
        ]),
      ),
      '',
    );
  }

  out.push('## 11. Third-party integrations', '');
  if (!spec.integrations.length) out.push(`Third-party integrations (x-integrations): ${NOT_DECLARED}.`, '');
  else {
    const cell = (v: unknown) => (v === undefined ? NOT_DECLARED : isObject(v) ? declared(v) : text(v));
    out.push(
      table(
        ['Integration', 'Kind', 'Used by', 'Purpose', 'Auth', 'Rate limit', 'Retry policy', 'Circuit breaker', 'Timeout', 'Fallback'],
        spec.integrations.map((i) => {
          const v = i.integration.value;
          return [
            `${cell(v.name)} — ${at(i.integration.source)}`,
            cell(v.kind),
            i.service ? text(i.service) : NOT_DECLARED,
            cell(v.purpose),
            cell(v.auth),
            cell(v.rateLimit),
            cell(v.retryPolicy),
            cell(v.circuitBreaker),
            v.timeout === undefined ? NOT_DECLARED : code(v.timeout),
            cell(v.fallback),
          ];
        }),
      ),
      '',
    );
  }

  out.push('## 12. Security', '', '### Security schemes', '');
  if (!spec.securitySchemes.length) out.push(`Security schemes: ${NOT_DECLARED}.`, '');
  else {
    out.push(
      table(
        ['Scheme', 'Document', 'Type', 'Details', 'Description'],
        spec.securitySchemes.map((sc) => [code(sc.name), at(sc.source), sc.type ? text(sc.type) : NOT_DECLARED, sc.details.map(text).join('; '), sc.description ? text(sc.description) : '']),
      ),
      '',
    );
  }
  const unsecured = spec.httpApis.flatMap((api) => api.operations.filter((o) => !o.security || o.security.value.length === 0).map((o) => ({ api, o })));
  out.push('### HTTP operations without a security requirement', '');
  out.push(
    unsecured.length
      ? unsecured.map(({ api, o }) => `- ${text(api.title ?? api.file)}: ${code(`${o.method} ${o.path}`)} — ${o.security ? 'explicitly none (`security: []`)' : NOT_DECLARED}`).join('\n')
      : 'None: every HTTP operation has a security requirement.',
    '',
  );
  const signed = spec.webhooks.filter((w) => w.signature);
  out.push('### Webhook signatures', '');
  out.push(
    spec.webhooks.length
      ? `${signed.length} of ${spec.webhooks.length} webhook/callback operation${spec.webhooks.length === 1 ? '' : 's'} declare a signature (see [Webhooks](#10-webhooks)).`
      : `Webhooks: ${NOT_DECLARED}.`,
    '',
  );

  out.push('## 13. Gaps', '');
  out.push(spec.gaps.length ? spec.gaps.map((g) => `- ${text(g)}`).join('\n') : 'None: every section is declared.', '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
