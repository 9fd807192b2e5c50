/**
 * Merges the declarations of one event across documents (same name and version) and reports
 * conflicting declarations: different producers, delivery guarantees, correlation ids or
 * payload field types.
 */
import type { CatalogEntry, Conflict, PayloadField, Sourced } from './types';

function dedupe<T>(items: Sourced<T>[]): Sourced<T>[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify([i.value, i.source.file, i.source.pointer]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function distinct(items: Sourced<string>[]): string[] {
  return [...new Set(items.map((i) => i.value))];
}

function fieldsOf(entry: CatalogEntry): PayloadField[] {
  const file = entry.sources[0]?.file;
  return entry.payload.fields.map((f) => ({ ...f, declaredIn: f.declaredIn ?? (file ? [file] : []) }));
}

export function mergeEntries(entries: CatalogEntry[]): { events: CatalogEntry[]; conflicts: Conflict[] } {
  const groups = new Map<string, CatalogEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.key) ?? [];
    list.push(e);
    groups.set(e.key, list);
  }
  const events: CatalogEntry[] = [];
  const conflicts: Conflict[] = [];
  const fieldTypes = new Map<string, Map<string, Sourced<string>[]>>();
  for (const [key, list] of groups) {
    const first = list[0];
    const merged: CatalogEntry = {
      ...first,
      summary: list.find((e) => e.summary)?.summary ?? null,
      origins: [...new Set(list.flatMap((e) => e.origins))],
      channels: dedupe(list.flatMap((e) => e.channels)),
      producers: dedupe(list.flatMap((e) => e.producers)),
      consumers: dedupe(list.flatMap((e) => e.consumers)),
      deliveryGuarantees: dedupe(list.flatMap((e) => e.deliveryGuarantees)),
      deadLetterQueues: dedupe(list.flatMap((e) => e.deadLetterQueues)),
      retryPolicies: dedupe(list.flatMap((e) => e.retryPolicies)),
      correlationIds: dedupe(list.flatMap((e) => e.correlationIds)),
      sources: list.flatMap((e) => e.sources),
      payload: { ...first.payload, fields: fieldsOf(first) },
    };
    // Payload fields: union in order of first appearance; required if any declaration requires it.
    const types = new Map<string, Sourced<string>[]>();
    fieldTypes.set(key, types);
    const byName = new Map<string, PayloadField>(merged.payload.fields.map((f) => [f.name, f]));
    list.forEach((e, index) => {
      for (const f of index === 0 ? merged.payload.fields : fieldsOf(e)) {
        const t = types.get(f.name) ?? [];
        t.push({ value: f.format ? `${f.type} (${f.format})` : f.type, source: e.sources[0] });
        types.set(f.name, t);
        if (index === 0) continue;
        const existing = byName.get(f.name);
        if (!existing) {
          byName.set(f.name, f);
          merged.payload.fields.push(f);
        } else {
          existing.required ||= f.required;
          existing.declaredIn = [...new Set([...(existing.declaredIn ?? []), ...(f.declaredIn ?? [])])];
          existing.description ??= f.description;
          existing.values ??= f.values;
          existing.format ??= f.format;
        }
      }
      if (index > 0) {
        if (e.payload.truncated) merged.payload.truncated = true;
        if (e.payload.unresolvedRefs) merged.payload.unresolvedRefs = [...new Set([...(merged.payload.unresolvedRefs ?? []), ...e.payload.unresolvedRefs])];
      }
    });
    events.push(merged);

    const name = merged.version && !merged.name.toLowerCase().endsWith(`v${merged.version}`.toLowerCase()) ? `${merged.name} v${merged.version}` : merged.name;
    const producers = distinct(merged.producers);
    if (producers.length > 1) {
      conflicts.push({ event: key, aspect: 'producer', message: `${name} has ${producers.length} producers (${producers.join(', ')}); an event has one owner: rename one event or fix x-producer`, values: merged.producers });
    }
    const guarantees = distinct(merged.deliveryGuarantees);
    if (guarantees.length > 1) {
      conflicts.push({ event: key, aspect: 'delivery-guarantee', message: `${name} is declared ${guarantees.join(' and ')}: agree on one delivery guarantee`, values: merged.deliveryGuarantees });
    }
    const cids = [...new Set(merged.correlationIds.map((c) => c.value.location))];
    if (cids.length > 1) {
      conflicts.push({
        event: key,
        aspect: 'correlation-id',
        message: `${name} declares different correlation id locations (${cids.join(', ')})`,
        values: merged.correlationIds.map((c) => ({ value: c.value.location, source: c.source })),
      });
    }
    const formats = [...new Set(list.map((e) => e.payload.format))];
    if (formats.length > 1) {
      conflicts.push({
        event: key,
        aspect: 'payload-format',
        message: `${name} payload is declared in different schema formats (${formats.join(', ')})`,
        values: list.map((e) => ({ value: e.payload.format, source: e.sources[0] })),
      });
    }
    for (const [field, declared] of types) {
      const distinctTypes = [...new Set(declared.map((d) => d.value.replace(/ \(.*\)$/, '')))];
      if (distinctTypes.length > 1) {
        conflicts.push({
          event: key,
          aspect: 'payload-field-type',
          field,
          message: `${name} payload field ${field} has different types (${distinctTypes.join(' vs ')})`,
          values: declared,
        });
      }
    }
  }
  events.sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.version ?? '').localeCompare(b.version ?? '', 'en', { numeric: true }));
  return { events, conflicts };
}
