/**
 * Finding identity for `report: new`: a hash of rule id, file, JSON path and message — never
 * the line, so code that moves inside a file keeps its fingerprint. Matching is count-aware:
 * when the base has one finding with a fingerprint and the head has two, one of them is new.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './types';

export function fingerprint(ruleId: string, file: string, jsonPath: readonly (string | number)[], message: string): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, file, jsonPath.map(String), message]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The head findings that are not in the base. Head findings with the same fingerprint are
 * taken in order (callers sort by file and position), so the first ones match the base's
 * and the later ones are new.
 */
export function newFindings(head: readonly Finding[], base: readonly Pick<Finding, 'fingerprint'>[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const f of base) remaining.set(f.fingerprint, (remaining.get(f.fingerprint) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of head) {
    const left = remaining.get(f.fingerprint) ?? 0;
    if (left > 0) remaining.set(f.fingerprint, left - 1);
    else out.push(f);
  }
  return out;
}
