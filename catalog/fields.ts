/**
 * Payload schemas to a flat field list: JSON Schema (through `$ref` and `allOf`, nested
 * objects and array items as dotted names) and Avro records.
 */
import { isObject, str } from './load';
import type { Payload, PayloadField } from './types';

export const MAX_DEPTH = 5;
export const MAX_FIELDS = 200;

/** Follows a `$ref`; returns the target or undefined with the ref noted as unresolved. */
export type Deref = (node: unknown) => { node: unknown; unresolved?: string };

const identity: Deref = (node) =>
  isObject(node) && typeof node.$ref === 'string' && Object.keys(node).length === 1 ? { node: undefined, unresolved: node.$ref } : { node };

interface Walk {
  fields: PayloadField[];
  truncated: boolean;
  unresolved: Set<string>;
  deref: Deref;
}

function resolved(walk: Walk, node: unknown): Record<string, unknown> | undefined {
  const r = walk.deref(node);
  if (r.unresolved) walk.unresolved.add(r.unresolved);
  return isObject(r.node) ? r.node : undefined;
}

/** Properties and required names of a schema, looking through allOf (and $ref). */
function flatten(walk: Walk, schema: Record<string, unknown>, seen = new Set<object>()): { props: [string, unknown][]; required: Set<string> } {
  const props = new Map<string, unknown>();
  const required = new Set<string>();
  if (seen.has(schema)) return { props: [], required };
  seen.add(schema);
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const s = resolved(walk, part);
      if (!s) continue;
      const inner = flatten(walk, s, seen);
      for (const [k, v] of inner.props) props.set(k, props.has(k) ? { allOf: [props.get(k), v] } : v);
      inner.required.forEach((r) => required.add(r));
    }
  }
  if (isObject(schema.properties)) {
    for (const [k, v] of Object.entries(schema.properties)) props.set(k, props.has(k) ? { allOf: [props.get(k), v] } : v);
  }
  if (Array.isArray(schema.required)) schema.required.forEach((r) => typeof r === 'string' && required.add(r));
  return { props: [...props], required };
}

/** Merges the keywords of a schema and its allOf parts that describe a single value. */
function describe(walk: Walk, schema: Record<string, unknown>, seen = new Set<object>()): Record<string, unknown> {
  if (seen.has(schema)) return {};
  seen.add(schema);
  const out: Record<string, unknown> = {};
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const s = resolved(walk, part);
      if (s) Object.assign(out, describe(walk, s, seen));
    }
  }
  for (const key of ['type', 'format', 'const', 'enum', 'description', 'items', 'oneOf', 'anyOf', 'properties', 'additionalProperties']) {
    if (schema[key] !== undefined) out[key] = schema[key];
  }
  return out;
}

function typeName(walk: Walk, d: Record<string, unknown>, depth = 0): string {
  const t = d.type;
  if (typeof t === 'string') {
    if (t === 'array' && depth < 3) {
      const items = resolved(walk, d.items);
      return items ? `array<${typeName(walk, describe(walk, items), depth + 1)}>` : 'array';
    }
    return t;
  }
  if (Array.isArray(t)) return t.map(String).join('|');
  for (const k of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(d[k]) && depth < 3) {
      const parts = (d[k] as unknown[]).map((p) => {
        const s = resolved(walk, p);
        return s ? typeName(walk, describe(walk, s), depth + 1) : 'unresolved';
      });
      return `${k}<${[...new Set(parts)].join('|')}>`;
    }
  }
  if (d.const !== undefined) return d.const === null ? 'null' : typeof d.const;
  if (Array.isArray(d.enum) && d.enum.length > 0) return [...new Set(d.enum.map((v) => (v === null ? 'null' : typeof v)))].join('|');
  if (d.properties !== undefined) return 'object';
  if (d.items !== undefined) return 'array';
  return 'any';
}

function push(walk: Walk, field: PayloadField): boolean {
  if (walk.fields.length >= MAX_FIELDS) {
    walk.truncated = true;
    return false;
  }
  walk.fields.push(field);
  return true;
}

function walkObject(walk: Walk, schema: Record<string, unknown>, prefix: string, depth: number, stack: Set<object>): void {
  if (stack.has(schema)) {
    walk.truncated = true;
    return;
  }
  if (depth >= MAX_DEPTH) {
    walk.truncated = true;
    return;
  }
  stack.add(schema);
  const { props, required } = flatten(walk, schema);
  for (const [name, raw] of props) {
    const s = resolved(walk, raw);
    const full = prefix ? `${prefix}.${name}` : name;
    const d = s ? describe(walk, s) : {};
    const field: PayloadField = { name: full, type: s ? typeName(walk, d) : 'unresolved', required: required.has(name) };
    if (typeof d.format === 'string') field.format = d.format;
    if (d.const !== undefined) field.values = [d.const];
    else if (Array.isArray(d.enum)) field.values = d.enum;
    if (typeof d.description === 'string') field.description = d.description;
    if (!push(walk, field) || !s) continue;
    if (stack.has(s)) {
      walk.truncated = true;
      continue;
    }
    if (d.properties !== undefined || Array.isArray(s.allOf)) walkObject(walk, s, full, depth + 1, stack);
    else if (d.type === 'array' || d.items !== undefined) {
      const items = resolved(walk, d.items);
      if (items) {
        const di = describe(walk, items);
        if (di.properties !== undefined || Array.isArray(items.allOf)) walkObject(walk, items, `${full}[]`, depth + 1, stack);
      }
    }
  }
  stack.delete(schema);
}

/** Fields of a JSON Schema payload (an object's properties; a non-object payload is one field named `(payload)`). */
export function jsonSchemaFields(schema: unknown, deref: Deref = identity): Payload {
  const walk: Walk = { fields: [], truncated: false, unresolved: new Set(), deref };
  const s = resolved(walk, schema);
  if (s) {
    const d = describe(walk, s);
    const t = typeName(walk, d);
    if (t === 'object' || t === 'any') walkObject(walk, s, '', 0, new Set());
    else push(walk, { name: '(payload)', type: t, required: true, ...(typeof d.format === 'string' ? { format: d.format } : {}) });
  }
  const payload: Payload = { format: 'json-schema', fields: walk.fields };
  if (walk.truncated) payload.truncated = true;
  if (walk.unresolved.size) payload.unresolvedRefs = [...walk.unresolved].sort();
  return payload;
}

function avroType(t: unknown): { type: string; nullable: boolean; record?: Record<string, unknown> } {
  if (typeof t === 'string') return { type: t, nullable: t === 'null' };
  if (Array.isArray(t)) {
    const parts = t.map(avroType);
    const nonNull = parts.filter((p) => p.type !== 'null');
    return { type: nonNull.map((p) => p.type).join('|') || 'null', nullable: nonNull.length < parts.length, record: nonNull.length === 1 ? nonNull[0].record : undefined };
  }
  if (isObject(t)) {
    const kind = str(t.type) ?? 'unknown';
    if (kind === 'record') return { type: str(t.name) ?? 'record', nullable: false, record: t };
    if (kind === 'array') return { type: `array<${avroType(t.items).type}>`, nullable: false };
    if (kind === 'map') return { type: `map<${avroType(t.values).type}>`, nullable: false };
    if (kind === 'enum' || kind === 'fixed') return { type: str(t.name) ? `${kind} ${t.name as string}` : kind, nullable: false };
    const logical = str(t.logicalType);
    return { type: logical ? `${kind} (${logical})` : kind, nullable: false };
  }
  return { type: 'unknown', nullable: false };
}

/** Fields of an Avro record schema (required = not nullable and no default). */
export function avroFields(schema: unknown): Payload {
  const fields: PayloadField[] = [];
  let truncated = false;
  const visit = (record: Record<string, unknown>, prefix: string, depth: number) => {
    if (!Array.isArray(record.fields)) return;
    if (depth >= MAX_DEPTH) {
      truncated = true;
      return;
    }
    for (const f of record.fields) {
      if (!isObject(f) || typeof f.name !== 'string') continue;
      if (fields.length >= MAX_FIELDS) {
        truncated = true;
        return;
      }
      const t = avroType(f.type);
      const name = prefix ? `${prefix}.${f.name}` : f.name;
      const field: PayloadField = { name, type: t.type, required: !t.nullable && f.default === undefined };
      if (isObject(f.type) && Array.isArray(f.type.symbols)) field.values = f.type.symbols;
      if (typeof f.doc === 'string') field.description = f.doc;
      fields.push(field);
      if (t.record) visit(t.record, name, depth + 1);
    }
  };
  if (isObject(schema)) visit(schema, '', 0);
  const payload: Payload = { format: 'avro', fields };
  if (truncated) payload.truncated = true;
  return payload;
}

/** Reads a payload of any declared schema format. */
export function payloadFields(schema: unknown, schemaFormat: string | undefined, deref?: Deref): Payload {
  const fmt = (schemaFormat ?? '').toLowerCase();
  if (fmt.includes('avro')) return { ...avroFields(schema), schemaFormat };
  if (fmt === '' || fmt.includes('aai.asyncapi') || fmt.includes('schema+json') || fmt.includes('schema+yaml') || fmt.includes('openapi')) {
    const p = jsonSchemaFields(schema, deref);
    return schemaFormat ? { ...p, schemaFormat } : p;
  }
  return { format: 'unknown', schemaFormat, fields: [] };
}
