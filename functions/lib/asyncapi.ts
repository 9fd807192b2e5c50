/**
 * AsyncAPI helpers for the events rules (functions/event*.ts): message enumeration for
 * AsyncAPI 2.x and 3.x, producers/consumers (operations that carry a message), payload and
 * header schemas (through traits and multi-format schemas), delivery guarantees from
 * `x-delivery-guarantee` and protocol bindings, and JSON Schema validation of the `x-`
 * extensions of the events vocabulary.
 *
 * Spectral hands rule functions the resolved document: a message reached through several
 * `$ref`s is the same object everywhere, so enumeration dedupes by identity, and Spectral
 * maps every result path through `$ref`s to the definition (e.g. `components/messages/X`).
 */
import type { ErrorObject } from 'ajv';
import { entries, get, has, isArray, isNonEmptyString, isObject, isString, type JsonObject } from './guards';
import { deref, pointerToPath } from './schema';

export type Path = (string | number)[];

/** Rule-function context as far as these helpers read it. */
export interface EventsContext {
  path: readonly (string | number)[];
  document: { data: unknown };
  documentInventory: { resolved: unknown };
}

// ---------------------------------------------------------------------------------------------
// Versions and message nodes

/** 2 or 3 for an AsyncAPI 2.x / 3.x document; undefined otherwise (1.x, OpenAPI, garbage). */
export function asyncapiMajor(root: unknown): 2 | 3 | undefined {
  const version = get(root, 'asyncapi');
  if (!isString(version)) return undefined;
  if (/^2\.\d+\.\d+/.test(version)) return 2;
  if (/^3\.\d+\.\d+/.test(version)) return 3;
  return undefined;
}

/**
 * Where messages live, as targeted JSONPaths: components, 2.x operation messages (single and
 * `oneOf` entries), 3.x channel messages, 3.x operation and reply message references.
 * A message reached through several of them is reported once (Spectral maps result paths
 * through `$ref`s and drops identical results).
 */
export const MESSAGE_GIVEN = [
  '$.components.messages[*]',
  '$.channels[*][publish,subscribe].message',
  '$.channels[*][publish,subscribe].message.oneOf[*]',
  '$.channels[*].messages[*]',
  '$.operations[*].messages[*]',
  '$.operations[*].reply.messages[*]',
];

/** A resolved message object: an object that is neither a `oneOf` wrapper nor an unresolved `$ref`. */
export function isMessage(node: unknown): node is JsonObject {
  return isObject(node) && !isArray(node.oneOf) && !isString(node.$ref);
}

/** The path of a node after following the local `$ref`s on the way (in the unresolved document). */
export interface CanonicalLocation {
  path: Path;
  /** The external `$ref` where following stopped, if any. */
  externalRef?: string;
}

/**
 * Follows local `$ref`s of the unresolved document along `path`, so a message reached via
 * `operations/x/messages/0` is located at `channels/c/messages/m` or `components/messages/M`.
 */
export function canonicalLocation(unresolved: unknown, path: readonly (string | number)[]): CanonicalLocation {
  let node: unknown = unresolved;
  let current: Path = [];
  let hops = 0;
  const follow = (): string | undefined => {
    while (isObject(node) && isString(node.$ref)) {
      if (++hops > 64) return undefined;
      const target = node.$ref.startsWith('#') ? pointerToPath(node.$ref) : undefined;
      if (!target) return node.$ref;
      current = target;
      node = get(unresolved, ...target);
    }
    return undefined;
  };
  for (const segment of path) {
    const external = follow();
    if (external !== undefined) return { path: current, externalRef: external };
    const key = isArray(node) && isString(segment) && /^\d+$/.test(segment) ? Number(segment) : segment;
    node = get(node, key);
    current = [...current, key];
  }
  const external = follow();
  return external !== undefined ? { path: current, externalRef: external } : { path: current };
}

/** The message a targeted rule was given, with its canonical location and document version. */
export interface MessageTarget {
  message: JsonObject;
  /** Path of the node the function was given (Spectral maps it through `$ref`s). */
  path: Path;
  canonical: CanonicalLocation;
  major: 2 | 3;
  root: unknown;
}

export function messageTarget(targetVal: unknown, context: EventsContext): MessageTarget | undefined {
  if (!isMessage(targetVal)) return undefined;
  const root = context.documentInventory.resolved;
  const major = asyncapiMajor(root);
  if (major === undefined) return undefined;
  const path = [...context.path];
  return { message: targetVal, path, canonical: canonicalLocation(context.document?.data, path), major, root };
}

/**
 * The message's name as event-name reads it: 3.x its key (the key of its definition, after
 * `$ref`s; for an external `$ref` the last token of its fragment), 2.x `name`, else `messageId`.
 */
export function messageName(
  target: Pick<MessageTarget, 'message' | 'path' | 'canonical' | 'major'>,
): { value: string; path: Path; source: 'key' | 'name' | 'messageId' } | undefined {
  if (target.major === 2) {
    for (const field of ['name', 'messageId'] as const) {
      const value = target.message[field];
      if (isNonEmptyString(value)) return { value, path: [...target.path, field], source: field };
    }
    return undefined;
  }
  const { path, externalRef } = target.canonical;
  if (externalRef !== undefined) {
    const hash = externalRef.indexOf('#');
    const tokens = hash >= 0 ? pointerToPath(externalRef.slice(hash)) : undefined;
    const last = tokens?.[tokens.length - 1];
    return isNonEmptyString(last) ? { value: last, path: target.path, source: 'key' } : undefined;
  }
  const n = path.length;
  if (n >= 2 && path[n - 2] === 'messages' && isNonEmptyString(path[n - 1])) {
    return { value: path[n - 1] as string, path: target.path, source: 'key' };
  }
  return undefined;
}

/** A readable label of a message for result texts. */
export function messageLabel(target: Pick<MessageTarget, 'message' | 'path' | 'canonical' | 'major'>): string {
  const name = messageName(target) ?? messageName({ ...target, major: target.major === 2 ? 3 : 2 });
  if (name) return `"${name.value}"`;
  return `at ${target.canonical.path.join('.')}`;
}

// ---------------------------------------------------------------------------------------------
// Message fields, traits, payload and headers

/** The message's (or operation's) own field, else the first trait that sets it (with the path to it). */
export function messageField(message: JsonObject, path: Path, field: string): { value: unknown; path: Path } | undefined {
  if (has(message, field)) return { value: message[field], path: [...path, field] };
  const traits = message.traits;
  if (isArray(traits)) {
    for (let i = 0; i < traits.length; i++) {
      const trait = traits[i];
      if (has(trait, field)) return { value: (trait as JsonObject)[field], path: [...path, 'traits', i, field] };
    }
  }
  return undefined;
}

const JSON_SCHEMA_FORMAT =
  /^application\/(vnd\.aai\.asyncapi(\+json|\+yaml)?|schema(\+json|\+yaml)?|vnd\.oai\.openapi(\+json|\+yaml)?)(;.*)?$/i;

/** True when a `schemaFormat` value denotes JSON Schema (AsyncAPI, JSON Schema, OpenAPI). */
export function isJsonSchemaFormat(format: unknown): boolean {
  if (format === undefined) return true;
  return isString(format) && JSON_SCHEMA_FORMAT.test(format.trim());
}

export type SchemaRead =
  | { kind: 'json'; schema: JsonObject; path: Path }
  /** Avro, Protobuf, RAML... or an unresolved `$ref`: cannot be read as JSON Schema. */
  | { kind: 'opaque'; path: Path }
  | { kind: 'missing' };

/**
 * Reads a schema slot of a message (`payload` or `headers`): a JSON Schema, a 3.x Multi
 * Format Schema Object (`{schemaFormat, schema}`), or a 2.x payload under `schemaFormat`.
 */
export function readSchemaSlot(value: unknown, path: Path, messageSchemaFormat?: unknown, root?: unknown): SchemaRead {
  if (value === undefined) return { kind: 'missing' };
  if (isObject(value) && has(value, 'schemaFormat') && has(value, 'schema')) {
    if (!isJsonSchemaFormat(value.schemaFormat)) return { kind: 'opaque', path: [...path, 'schema'] };
    return readSchemaSlot(value.schema, [...path, 'schema'], undefined, root);
  }
  if (!isJsonSchemaFormat(messageSchemaFormat)) return { kind: 'opaque', path };
  if (typeof value === 'boolean') return { kind: 'opaque', path };
  const target = deref(value, root);
  if (!isObject(target) || isString(target.$ref)) return { kind: 'opaque', path };
  return { kind: 'json', schema: target, path };
}

/** The payload schema of a message. */
export function messagePayload(message: JsonObject, path: Path, root?: unknown): SchemaRead {
  return readSchemaSlot(message.payload, [...path, 'payload'], message.schemaFormat, root);
}

/** The message's header schemas: its own `headers`, then every trait's `headers`. */
export function messageHeaders(message: JsonObject, path: Path, root?: unknown): SchemaRead[] {
  const out: SchemaRead[] = [];
  const own = readSchemaSlot(message.headers, [...path, 'headers'], undefined, root);
  if (own.kind !== 'missing') out.push(own);
  const traits = message.traits;
  if (isArray(traits)) {
    traits.forEach((trait, i) => {
      if (!isObject(trait)) return;
      const read = readSchemaSlot(trait.headers, [...path, 'traits', i, 'headers'], undefined, root);
      if (read.kind !== 'missing') out.push(read);
    });
  }
  return out;
}

/** A property of a schema with the path of its declaration (inside `allOf`/`oneOf` members). */
export interface PropertyLocation {
  schema: unknown;
  path: Path;
}

/**
 * A schema seen through `allOf`, `$ref` and `oneOf`/`anyOf`: a property exists when the schema
 * or any alternative declares it (first declaration wins, with its path); a field is required
 * when the schema requires it or every alternative does.
 */
export interface SchemaView {
  properties: Map<string, PropertyLocation>;
  /** Every declaration of each property (allOf members may each declare it). */
  declarations: Map<string, PropertyLocation[]>;
  required: Set<string>;
  types: Set<string>;
  /** Every schema node merged (the schema and its allOf members, resolved). */
  members: JsonObject[];
  /** True when some member could not be read (unresolved `$ref`, `true`): existence is unknown. */
  open: boolean;
}

export function schemaView(schema: unknown, path: Path, root?: unknown, depth = 0): SchemaView {
  const view: SchemaView = { properties: new Map(), declarations: new Map(), required: new Set(), types: new Set(), members: [], open: false };
  const declare = (name: string, location: PropertyLocation) => {
    if (!view.properties.has(name)) view.properties.set(name, location);
    const list = view.declarations.get(name) ?? [];
    list.push(location);
    view.declarations.set(name, list);
  };
  const visited = new Set<unknown>();
  const visit = (node: unknown, at: Path, level: number) => {
    const target = deref(node, root);
    if (!isObject(target) || isString(target.$ref) || level > 32) {
      view.open = true;
      return;
    }
    if (visited.has(target)) return;
    visited.add(target);
    view.members.push(target);
    for (const [name, value] of entries(target.properties)) declare(name, { schema: value, path: [...at, 'properties', name] });
    if (isArray(target.required)) for (const name of target.required) if (isString(name)) view.required.add(name);
    if (isString(target.type)) view.types.add(target.type);
    else if (isArray(target.type)) for (const t of target.type) if (isString(t)) view.types.add(t);
    if (isArray(target.allOf)) target.allOf.forEach((member, i) => visit(member, [...at, 'allOf', i], level + 1));
    if (depth > 6) return;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const alternatives = target[keyword];
      if (!isArray(alternatives) || alternatives.length === 0) continue;
      const views = alternatives.map((alt, i) => schemaView(alt, [...at, keyword, i], root, depth + 1));
      for (const alt of views) {
        if (alt.open) view.open = true;
        for (const [name, locations] of alt.declarations) for (const location of locations) declare(name, location);
      }
      for (const name of views[0].required) if (views.every((v) => v.required.has(name))) view.required.add(name);
    }
  };
  visit(schema, path, 0);
  return view;
}

/** Merges several views (e.g. a message's own headers and its traits' headers). */
export function mergeViews(views: SchemaView[]): SchemaView {
  const out: SchemaView = { properties: new Map(), declarations: new Map(), required: new Set(), types: new Set(), members: [], open: false };
  for (const v of views) {
    for (const [name, location] of v.properties) if (!out.properties.has(name)) out.properties.set(name, location);
    for (const [name, locations] of v.declarations) out.declarations.set(name, [...(out.declarations.get(name) ?? []), ...locations]);
    for (const name of v.required) out.required.add(name);
    for (const t of v.types) out.types.add(t);
    out.members.push(...v.members);
    if (v.open) out.open = true;
  }
  return out;
}

/** A property name of the view matching one of the candidates (case-insensitive when asked). */
export function findViewProperty(view: SchemaView, candidates: readonly string[], caseInsensitive = false): string | undefined {
  for (const candidate of candidates) {
    if (view.properties.has(candidate)) return candidate;
  }
  if (!caseInsensitive) return undefined;
  const wanted = new Set(candidates.map((c) => c.toLowerCase()));
  for (const name of view.properties.keys()) if (wanted.has(name.toLowerCase())) return name;
  return undefined;
}

/** True when one of the candidates is in the view's `required` list (case-insensitive when asked). */
export function viewRequires(view: SchemaView, candidates: readonly string[], caseInsensitive = false): boolean {
  if (candidates.some((c) => view.required.has(c))) return true;
  if (!caseInsensitive) return false;
  const wanted = new Set(candidates.map((c) => c.toLowerCase()));
  for (const name of view.required) if (wanted.has(name.toLowerCase())) return true;
  return false;
}

/** Values a schema pins a string to: `const`, `enum`, `default`, `examples` (through allOf). */
export function pinnedValues(schema: unknown, root?: unknown, keywords: readonly string[] = ['const', 'enum']): unknown[] {
  const out: unknown[] = [];
  for (const member of schemaView(schema, [], root).members) {
    for (const keyword of keywords) {
      if (!has(member, keyword)) continue;
      const value = member[keyword];
      if (keyword === 'enum' || keyword === 'examples') {
        if (isArray(value)) out.push(...value);
      } else out.push(value);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Enumeration of messages, operations and channels (for rules that need the whole picture)

export type Role = 'send' | 'receive';

export interface ChannelRef {
  channel: JsonObject;
  path: Path;
}

export interface OperationRef {
  operation: JsonObject;
  path: Path;
  /** What the application does with the operation's messages. */
  role: Role;
  channel?: ChannelRef;
  /** 3.x: true for the messages of an operation's `reply`. */
  reply: boolean;
}

export interface MessageInfo {
  message: JsonObject;
  /** First path the message was found at (Spectral maps it to the definition). */
  path: Path;
  major: 2 | 3;
  /** Operations that carry it, with the role of the application. */
  operations: OperationRef[];
  /** Channels that list it (3.x `channels.*.messages`, 2.x the channel of its operation). */
  channels: ChannelRef[];
}

export interface AsyncApiModel {
  major: 2 | 3;
  messages: MessageInfo[];
  operations: (OperationRef & { messages: MessageInfo[] })[];
}

/** The channel of the root's `channels` map that is this object (for its path), else the fallback. */
function channelRef(root: unknown, channel: unknown, fallback: Path): ChannelRef | undefined {
  if (!isObject(channel) || isString(channel.$ref)) return undefined;
  for (const [key, value] of entries(get(root, 'channels'))) {
    if (value === channel) return { channel, path: ['channels', key] };
  }
  return { channel, path: fallback };
}

/**
 * Every message of an AsyncAPI 2.x/3.x document once (deduped by identity in the resolved
 * document), with the operations and channels that carry it.
 */
export function asyncApiModel(root: unknown): AsyncApiModel | undefined {
  const major = asyncapiMajor(root);
  if (major === undefined) return undefined;
  const byNode = new Map<JsonObject, MessageInfo>();
  const messages: MessageInfo[] = [];
  const operations: AsyncApiModel['operations'] = [];
  const add = (node: unknown, path: Path): MessageInfo | undefined => {
    if (!isMessage(node)) return undefined;
    let info = byNode.get(node);
    if (!info) {
      info = { message: node, path, major, operations: [], channels: [] };
      byNode.set(node, info);
      messages.push(info);
    }
    return info;
  };
  const link = (info: MessageInfo | undefined, op?: OperationRef, channel?: ChannelRef) => {
    if (!info) return;
    if (op && !info.operations.some((o) => o.operation === op.operation && o.reply === op.reply)) info.operations.push(op);
    if (channel && !info.channels.some((c) => c.channel === channel.channel)) info.channels.push(channel);
  };

  for (const [key, message] of entries(get(root, 'components', 'messages'))) add(message, ['components', 'messages', key]);

  if (major === 2) {
    for (const [channelKey, channel] of entries(get(root, 'channels'))) {
      if (!isObject(channel)) continue;
      const ch: ChannelRef = { channel, path: ['channels', channelKey] };
      for (const verb of ['publish', 'subscribe'] as const) {
        const operation = channel[verb];
        if (!isObject(operation)) continue;
        const op: OperationRef = {
          operation,
          path: ['channels', channelKey, verb],
          role: verb === 'publish' ? 'receive' : 'send',
          channel: ch,
          reply: false,
        };
        const carried: MessageInfo[] = [];
        const message = operation.message;
        const opPath = op.path;
        if (isObject(message) && isArray(message.oneOf)) {
          message.oneOf.forEach((m, i) => {
            const info = add(m, [...opPath, 'message', 'oneOf', i]);
            if (info) carried.push(info);
          });
        } else {
          const info = add(message, [...opPath, 'message']);
          if (info) carried.push(info);
        }
        for (const info of carried) link(info, op, ch);
        operations.push({ ...op, messages: carried });
      }
    }
    return { major, messages, operations };
  }

  // 3.x
  for (const [channelKey, channel] of entries(get(root, 'channels'))) {
    if (!isObject(channel)) continue;
    const ch: ChannelRef = { channel, path: ['channels', channelKey] };
    for (const [key, message] of entries(channel.messages)) link(add(message, ['channels', channelKey, 'messages', key]), undefined, ch);
  }
  const channelMessages = (ch: ChannelRef | undefined): MessageInfo[] => {
    const out: MessageInfo[] = [];
    if (!ch) return out;
    for (const [key, message] of entries(ch.channel.messages)) {
      const info = add(message, [...ch.path, 'messages', key]);
      if (info) {
        link(info, undefined, ch);
        out.push(info);
      }
    }
    return out;
  };
  for (const [opKey, operation] of entries(get(root, 'operations'))) {
    if (!isObject(operation)) continue;
    const action = operation.action;
    if (action !== 'send' && action !== 'receive') continue;
    const opPath: Path = ['operations', opKey];
    const ch = channelRef(root, operation.channel, [...opPath, 'channel']);
    const op: OperationRef = { operation, path: opPath, role: action, channel: ch, reply: false };
    let carried: MessageInfo[] = [];
    if (isArray(operation.messages)) {
      operation.messages.forEach((m, i) => {
        const info = add(m, [...opPath, 'messages', i]);
        if (info) carried.push(info);
      });
    } else if (!has(operation, 'messages')) {
      carried = channelMessages(ch);
    }
    for (const info of carried) link(info, op, ch);
    operations.push({ ...op, messages: carried });

    const reply = operation.reply;
    if (isObject(reply)) {
      const replyPath: Path = [...opPath, 'reply'];
      const replyChannel = channelRef(root, reply.channel, [...replyPath, 'channel']);
      const replyOp: OperationRef = {
        operation,
        path: opPath,
        role: action === 'send' ? 'receive' : 'send',
        channel: replyChannel,
        reply: true,
      };
      let replied: MessageInfo[] = [];
      if (isArray(reply.messages)) {
        reply.messages.forEach((m, i) => {
          const info = add(m, [...replyPath, 'messages', i]);
          if (info) replied.push(info);
        });
      } else if (!has(reply, 'messages')) {
        replied = channelMessages(replyChannel);
      }
      for (const info of replied) link(info, replyOp, replyChannel);
    }
  }
  return { major, messages, operations };
}

// ---------------------------------------------------------------------------------------------
// Delivery guarantees and dead-letter queues

export const DELIVERY_GUARANTEES = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
export type DeliveryGuarantee = (typeof DELIVERY_GUARANTEES)[number];

export function isDeliveryGuarantee(value: unknown): value is DeliveryGuarantee {
  return isString(value) && (DELIVERY_GUARANTEES as readonly string[]).includes(value);
}

const QOS: Record<number, DeliveryGuarantee> = { 0: 'at-most-once', 1: 'at-least-once', 2: 'exactly-once' };

/** The `bindings` objects of a channel, operation or message: its own, then its traits'. */
export function bindingsOf(holder: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const own = get(holder, 'bindings');
  if (isObject(own)) out.push(own);
  const traits = get(holder, 'traits');
  if (isArray(traits)) {
    for (const trait of traits) {
      const bindings = get(trait, 'bindings');
      if (isObject(bindings)) out.push(bindings);
    }
  }
  return out;
}

/**
 * The delivery guarantee a protocol binding of a channel or operation (or its traits) fixes:
 * MQTT `qos` (0 at-most-once, 1 at-least-once, 2 exactly-once), SQS and SNS (at-least-once).
 */
export function bindingGuarantee(holder: unknown): { guarantee: DeliveryGuarantee; binding: string } | undefined {
  for (const bindings of bindingsOf(holder)) {
    const raw = get(bindings, 'mqtt', 'qos');
    // Real documents also write the level as a string ("1").
    const qos = isString(raw) && /^[012]$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    if (typeof qos === 'number' && qos in QOS) return { guarantee: QOS[qos], binding: `MQTT qos ${qos}` };
    if (isObject(bindings.sqs)) return { guarantee: 'at-least-once', binding: 'SQS' };
    if (isObject(bindings.sns)) return { guarantee: 'at-least-once', binding: 'SNS' };
  }
  return undefined;
}

/** True when a channel's or operation's bindings declare an SQS/SNS dead-letter queue or redrive policy. */
export function bindingDeadLetter(holder: unknown): boolean {
  for (const bindings of bindingsOf(holder)) {
    const sqs = bindings.sqs;
    if (isObject(sqs)) {
      if (isObject(sqs.deadLetterQueue) || isObject(sqs.redrivePolicy)) return true;
      if (isObject(get(sqs, 'queue', 'redrivePolicy')) || isObject(get(sqs, 'queue', 'deadLetterQueue'))) return true;
      const queues = sqs.queues;
      if (isArray(queues) && queues.some((q) => isObject(get(q, 'redrivePolicy')) || isObject(get(q, 'deadLetterQueue')))) {
        return true;
      }
    }
    const sns = bindings.sns;
    if (isObject(sns)) {
      if (isObject(sns.redrivePolicy)) return true;
      const consumers = sns.consumers;
      if (isArray(consumers) && consumers.some((c) => isObject(get(c, 'redrivePolicy')))) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema validation errors of extension values (validators: ./generated/validators)

/** Human-readable ajv errors: `retention must match pattern ...; alertThreshold must be >= 1`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'does not match its schema';
  const parts = new Set<string>();
  for (const e of errors) {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
    let text: string;
    if (e.keyword === 'required') text = `${where ? `${where}.` : ''}${String(e.params.missingProperty)} is required`;
    else if (e.keyword === 'enum') text = `${where || 'the value'} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    else if (e.keyword === 'pattern' && /retention|Interval|window|ttl/i.test(where)) text = `${where} must be a duration (ISO 8601 like P14D, or 14d)`;
    else if (e.keyword === 'oneOf' || e.keyword === 'not') continue;
    else text = `${where || 'the value'} ${e.message ?? 'is invalid'}`;
    parts.add(text);
  }
  if (errors.some((e) => e.keyword === 'oneOf') && parts.size === 0) parts.add('declare exactly one of channel or queue');
  return [...parts].join('; ');
}

// ---------------------------------------------------------------------------------------------
// Cache of the enumeration per resolved document (rules given `$` or operations share it)

const models = new WeakMap<object, AsyncApiModel | null>();

export function cachedModel(root: unknown): AsyncApiModel | undefined {
  if (!isObject(root)) return undefined;
  if (!models.has(root)) models.set(root, asyncApiModel(root) ?? null);
  return models.get(root) ?? undefined;
}
